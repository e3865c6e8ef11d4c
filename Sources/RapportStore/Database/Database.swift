import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit
import SQLiteKit

/// The one database Rapport talks to, SQLite or PostgreSQL, behind a single async API.
public final class Database: Sendable {
    public enum Dialect: String, Sendable {
        case sqlite, postgres
    }

    public let dialect: Dialect
    public let url: DatabaseURL
    let pool: ConnectionPool
    let writeGate: WriteGate?

    init(dialect: Dialect, url: DatabaseURL, pool: ConnectionPool) {
        self.dialect = dialect
        self.url = url
        self.pool = pool
        self.writeGate = dialect == .sqlite ? WriteGate() : nil
    }

    /// Opens a pool for `url`. PostgreSQL may take a `search_path` so tests can use a
    /// schema each.
    public static func open(_ url: DatabaseURL, logger: Logger = Logger(label: "rapport.db"), maxConnections: Int? = nil) async throws -> Database {
        switch url {
        case .sqlite(let path):
            let absolute = path == ":memory:" ? path : URL(fileURLWithPath: path).path
            let pool = ConnectionPool(limit: maxConnections ?? 4) {
                let conn = try await SQLiteConnection.open(storage: .file(path: absolute), logger: logger)
                for pragma in [
                    "PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL", "PRAGMA busy_timeout = 10000",
                    "PRAGMA cache_size = -16000", "PRAGMA temp_store = MEMORY", "PRAGMA foreign_keys = OFF",
                ] {
                    _ = try await conn.query(pragma)
                }
                return PooledConnection(sql: conn.sql(queryLogLevel: nil), sqlite: conn) { try? await conn.close() }
            }
            return Database(dialect: .sqlite, url: url, pool: pool)
        case .postgres(let text):
            let config: SQLPostgresConfiguration
            do { config = try SQLPostgresConfiguration(url: text) } catch {
                throw DatabaseError.configuration("Cannot read the PostgreSQL URL \(url): expected postgres://user:pass@host:port/db.")
            }
            let searchPath = URLComponents(string: text)?.queryItems?.first(where: { $0.name == "schema" })?.value
            let pool = ConnectionPool(limit: maxConnections ?? 10) {
                let conn = try await PostgresConnection.connect(
                    on: MultiThreadedEventLoopGroup.singleton.any(),
                    configuration: config.coreConfiguration, id: 1, logger: logger)
                if let searchPath {
                    do {
                        _ = try await conn.sql(queryLogLevel: nil).raw("SET search_path TO \(unsafeRaw: "\"" + searchPath.replacingOccurrences(of: "\"", with: "") + "\"")").all()
                    } catch {
                        try? await conn.close()
                        throw error
                    }
                }
                return PooledConnection(sql: conn.sql(queryLogLevel: nil)) { try? await conn.close() }
            }
            return Database(dialect: .postgres, url: url, pool: pool)
        }
    }

    /// Runs `body` on one connection, outside a transaction.
    public func read<T: Sendable>(_ body: (Session) async throws -> T) async throws -> T {
        let conn = try await pool.acquire()
        do {
            let result = try await body(Session(sql: conn.sql, sqlite: conn.sqlite, dialect: dialect))
            await pool.release(conn)
            return result
        } catch {
            await pool.release(conn)
            throw error
        }
    }

    /// Runs `body` in one transaction: everything or nothing is written.
    public func transaction<T: Sendable>(_ body: (Session) async throws -> T) async throws -> T {
        if let writeGate { await writeGate.enter() }
        let conn: PooledConnection
        do { conn = try await pool.acquire() } catch {
            await writeGate?.leave()
            throw error
        }
        let session = Session(sql: conn.sql, sqlite: conn.sqlite, dialect: dialect)
        do {
            try await session.execute(SQL(dialect == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN"))
            let result = try await body(session)
            try await session.execute("COMMIT")
            await pool.release(conn)
            await writeGate?.leave()
            return result
        } catch {
            do {
                try await session.execute("ROLLBACK")
                await pool.release(conn)
            } catch {
                await pool.discard(conn)
            }
            await writeGate?.leave()
            throw error
        }
    }

    public func close() async {
        await pool.shutdown()
    }
}

/// One connection lent to a read or a transaction.
///
/// On SQLite, statements go straight to the driver with `?` placeholders: SQLKit's
/// `Encodable` binds and `Decodable` rows cost more than the queries themselves. PostgreSQL
/// goes through SQLKit.
public struct Session: Sendable {
    let sql: any SQLDatabase
    let sqlite: SQLiteConnection?
    public let dialect: Database.Dialect

    public func query(_ statement: SQL) async throws -> [Row] {
        if let sqlite {
            let (text, binds) = statement.renderedForSQLite()
            return try await sqlite.query(text, binds.map(Self.sqliteData)).map { Row(sqlite: $0) }
        }
        return try await StatementFetcher(query: statement, database: sql).all().map { Row($0) }
    }

    public func execute(_ statement: SQL) async throws {
        if let sqlite {
            let (text, binds) = statement.renderedForSQLite()
            _ = try await sqlite.query(text, binds.map(Self.sqliteData))
            return
        }
        try await sql.execute(sql: statement) { _ in }
    }

    static func sqliteData(_ value: SQLValue) -> SQLiteData {
        switch value {
        case .null: return .null
        case .text(let s): return .text(s)
        case .integer(let i): return .integer(Int(i))
        }
    }
}

/// Lets SQLKit's fetch helpers run a prebuilt ``SQL`` statement.
final class StatementFetcher: SQLQueryFetcher {
    let query: any SQLExpression
    var database: any SQLDatabase

    init(query: SQL, database: any SQLDatabase) {
        self.query = query
        self.database = database
    }
}

/// A result row read by column name.
///
/// SQLite rows are read directly from the driver's values: going through SQLKit's
/// `Decodable` path cost more than the query itself on list pages.
public struct Row: Sendable {
    enum Storage: Sendable {
        case sqlite(SQLiteRow)
        case other(any SQLRow)
    }

    let storage: Storage

    init(_ raw: any SQLRow) {
        storage = .other(raw)
    }

    init(sqlite row: SQLiteRow) {
        storage = .sqlite(row)
    }

    public func text(_ column: String) -> String? {
        switch storage {
        case .sqlite(let row):
            switch row.column(column) {
            case .text(let s): return s
            case .integer(let i): return String(i)
            case .float(let d): return String(d)
            default: return nil
            }
        case .other(let raw):
            return (try? raw.decodeNil(column: column)) == false ? (try? raw.decode(column: column, as: String.self)) : nil
        }
    }

    public func int(_ column: String) -> Int64? {
        switch storage {
        case .sqlite(let row):
            switch row.column(column) {
            case .integer(let i): return Int64(i)
            case .text(let s): return Int64(s)
            case .float(let d): return Int64(exactly: d)
            default: return nil
            }
        case .other(let raw):
            return (try? raw.decodeNil(column: column)) == false ? (try? raw.decode(column: column, as: Int64.self)) : nil
        }
    }
}
