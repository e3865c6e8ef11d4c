import NIOCore
import PostgresNIO

extension Session {
    /// Streams rows into `table` with `COPY … FROM STDIN` in PostgreSQL's text format.
    ///
    /// A multi-row `INSERT` makes PostgreSQL parse and plan a statement of tens of thousands
    /// of parameters per few hundred rows; `COPY` sends the rows as one stream that the
    /// server only has to split. PostgreSQL only: SQLite has no such protocol.
    /// - Important: `table` and `columns` are inserted into the statement as they are; they
    ///   come from record descriptions, never from a request.
    func copy(into table: String, columns: [String], rows: [[SQLValue]]) async throws {
        guard case .postgres(let conn) = connection else {
            preconditionFailure("COPY is PostgreSQL's; SQLite writes with multi-row INSERT")
        }
        guard !rows.isEmpty else { return }
        do {
            try await conn.copyFrom(table: table, columns: columns, logger: logger) { writer in
                var buffer = ByteBuffer()
                buffer.reserveCapacity(1 << 18)
                for row in rows {
                    Self.appendCopyLine(row, to: &buffer)
                    if buffer.readableBytes >= 1 << 18 {
                        try await writer.write(buffer)
                        buffer.clear()
                    }
                }
                if buffer.readableBytes > 0 { try await writer.write(buffer) }
            }
        } catch {
            logger.warning("Database COPY failed", metadata: DatabaseFault.metadata(error, statement: "COPY \(table)"))
            throw error
        }
    }

    /// One row in `COPY`'s text format: tab-separated, `\N` for null, and the backslash,
    /// tab, newline and carriage return inside a value escaped so they stay data.
    static func appendCopyLine(_ row: [SQLValue], to buffer: inout ByteBuffer) {
        for (i, value) in row.enumerated() {
            if i > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
            switch value {
            case .null:
                buffer.writeStaticString("\\N")
            case .integer(let n):
                buffer.writeString(String(n))
            case .text(let s):
                var s = s
                s.withUTF8 { bytes in
                    var start = 0
                    for (j, byte) in bytes.enumerated() {
                        let escaped: UInt8
                        switch byte {
                        case UInt8(ascii: "\\"): escaped = UInt8(ascii: "\\")
                        case UInt8(ascii: "\t"): escaped = UInt8(ascii: "t")
                        case UInt8(ascii: "\n"): escaped = UInt8(ascii: "n")
                        case UInt8(ascii: "\r"): escaped = UInt8(ascii: "r")
                        default: continue
                        }
                        buffer.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[start..<j]))
                        buffer.writeInteger(UInt8(ascii: "\\"))
                        buffer.writeInteger(escaped)
                        start = j + 1
                    }
                    buffer.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[start...]))
                }
            }
        }
        buffer.writeInteger(UInt8(ascii: "\n"))
    }
}
