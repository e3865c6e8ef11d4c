import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import SQLiteNIO

/// The one database Rapport talks to, SQLite or PostgreSQL, behind a single async API.
public final class Database: Sendable {
    public enum Dialect: String, Sendable {
        case sqlite, postgres
    }

    public let dialect: Dialect
    public let url: DatabaseURL

    /// The SQLite file, for checks that read the file itself.
    public var filePath: String? {
        if case .sqlite(let path) = url, path != ":memory:" { return URL(fileURLWithPath: path).path }
        return nil
    }
    let pool: ConnectionPool
    let writeGate: WriteGate?
    let logger: Logger

    init(dialect: Dialect, url: DatabaseURL, pool: ConnectionPool, logger: Logger) {
        self.dialect = dialect
        self.url = url
        self.pool = pool
        self.logger = logger
        self.writeGate = dialect == .sqlite ? WriteGate() : nil
    }

    /// Opens a pool for `url`. A PostgreSQL URL may name a `schema` (tests use one each)
    /// and an `sslmode` of `disable`, `prefer` (the default) or `require`.
    public static func open(_ url: DatabaseURL, logger: Logger = Logger(label: "rapport.db"), maxConnections: Int? = nil) async throws -> Database {
        switch url {
        case .sqlite(let path):
            let absolute = path == ":memory:" ? path : URL(fileURLWithPath: path).path
            let pool = ConnectionPool(limit: maxConnections ?? 4) {
                let conn = try await SQLiteConnection.open(storage: .file(path: absolute), logger: logger)
                do {
                    for pragma in [
                        "PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL", "PRAGMA busy_timeout = 10000",
                        "PRAGMA cache_size = -16000", "PRAGMA temp_store = MEMORY", "PRAGMA foreign_keys = OFF",
                        // Deleted and overwritten content is zeroed, so an erased person's
                        // data does not linger in free pages of the file.
                        "PRAGMA secure_delete = ON",
                    ] {
                        _ = try await conn.query(pragma)
                    }
                } catch {
                    try? await conn.close()
                    throw error
                }
                return .sqlite(conn)
            }
            return Database(dialect: .sqlite, url: url, pool: pool, logger: logger)
        case .postgres(let text):
            let (configuration, schema) = try postgresConfiguration(text, printable: url.description)
            let pool = ConnectionPool(limit: maxConnections ?? 10) {
                let conn = try await PostgresConnection.connect(
                    on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: 1, logger: logger)
                if let schema {
                    do {
                        let quoted = "\"" + schema.replacingOccurrences(of: "\"", with: "") + "\""
                        _ = try await conn.query(PostgresQuery(unsafeSQL: "SET search_path TO \(quoted)"), logger: logger)
                    } catch {
                        try? await conn.close()
                        throw error
                    }
                }
                return .postgres(conn)
            }
            return Database(dialect: .postgres, url: url, pool: pool, logger: logger)
        }
    }

    static func postgresConfiguration(_ text: String, printable: String) throws -> (PostgresConnection.Configuration, String?) {
        guard let c = URLComponents(string: text), let host = c.host, !host.isEmpty, let user = c.user else {
            throw DatabaseError.configuration("Cannot read the PostgreSQL URL \(printable): expected postgres://user:pass@host:port/db.")
        }
        let items = c.queryItems ?? []
        let database = c.path.hasPrefix("/") ? String(c.path.dropFirst()) : c.path
        let tls: PostgresConnection.Configuration.TLS
        switch items.last(where: { $0.name == "sslmode" || $0.name == "tlsmode" })?.value ?? "prefer" {
        case "disable": tls = .disable
        case "prefer", "allow": tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case "require", "verify-ca", "verify-full": tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case let other: throw DatabaseError.configuration("Unknown sslmode '\(other ?? "")': use disable, prefer or require.")
        }
        let configuration = PostgresConnection.Configuration(
            host: host, port: c.port ?? 5432, username: user.removingPercentEncoding ?? user,
            password: c.password?.removingPercentEncoding, database: database.isEmpty ? nil : database, tls: tls)
        return (configuration, items.first(where: { $0.name == "schema" })?.value)
    }

    /// Runs `body` on one connection, outside a transaction.
    public func read<T: Sendable>(_ body: (Session) async throws -> T) async throws -> T {
        let conn = try await pool.acquire()
        do {
            let result = try await body(Session(connection: conn, logger: logger))
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
        let session = Session(connection: conn, logger: logger, marks: TransactionMarks())
        do {
            try await session.execute(SQL(dialect == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN"))
            let result = try await body(session)
            try await session.execute("COMMIT")
            await pool.release(conn)
            await writeGate?.leave()
            // Outside the record transaction, so writers never wait on each other here.
            if session.marks?.appendedAudit == true { await AuditSealer.sealAfterCommit(self) }
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

/// One connection lent to a read or a transaction; statements go straight to the driver.
public struct Session: Sendable {
    let connection: PooledConnection
    let logger: Logger
    /// What a transaction did that needs work after its commit; nil outside transactions.
    var marks: TransactionMarks? = nil

    public var dialect: Database.Dialect {
        if case .sqlite = connection { return .sqlite }
        return .postgres
    }

    public func query(_ statement: SQL) async throws -> [Row] {
        switch connection {
        case .sqlite(let conn):
            let (text, binds) = statement.rendered(numbered: false)
            return try await conn.query(text, binds.map(Self.sqliteData)).map { Row(storage: .sqlite($0)) }
        case .postgres(let conn):
            var rows: [Row] = []
            for try await row in try await conn.query(try Self.postgresQuery(statement), logger: logger) {
                rows.append(Row(storage: .postgres(row.makeRandomAccess())))
            }
            return rows
        }
    }

    public func execute(_ statement: SQL) async throws {
        _ = try await query(statement)
    }

    static func sqliteData(_ value: SQLValue) -> SQLiteData {
        switch value {
        case .null: return .null
        case .text(let s): return .text(s)
        case .integer(let i): return .integer(Int(i))
        }
    }

    static func postgresQuery(_ statement: SQL) throws -> PostgresQuery {
        let (text, values) = statement.rendered(numbered: true)
        var binds = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .null: binds.appendNull()
            case .text(let s): try binds.append(s)
            case .integer(let i): try binds.append(i)
            }
        }
        return PostgresQuery(unsafeSQL: text, binds: binds)
    }
}

/// A result row read by column name, straight from the driver's values.
public struct Row: Sendable {
    enum Storage: Sendable {
        case sqlite(SQLiteRow)
        case postgres(PostgresRandomAccessRow)
    }

    let storage: Storage

    public var columnNames: [String] {
        switch storage {
        case .sqlite(let row): return row.columns.map(\.name)
        case .postgres(let row): return row.map(\.columnName)
        }
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
        case .postgres(let row):
            guard row.contains(column) else { return nil }
            let cell = row[column]
            guard cell.bytes != nil else { return nil }
            if let s = try? cell.decode(String.self) { return s }
            return (try? cell.decode(Int64.self)).map(String.init)
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
        case .postgres(let row):
            guard row.contains(column) else { return nil }
            let cell = row[column]
            guard cell.bytes != nil else { return nil }
            if let i = try? cell.decode(Int64.self) { return i }
            return (try? cell.decode(String.self)).flatMap { Int64($0) }
        }
    }
}
