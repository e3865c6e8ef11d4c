import Foundation

/// One parsed CSV record with the line it came from, so import errors can point at the source file.
public struct CSVRow: Sendable, Equatable {
    public var fields: [String]
    /// 1-based physical line number where the row starts (quoted fields may span lines).
    public var line: Int

    public init(fields: [String], line: Int) {
        self.fields = fields
        self.line = line
    }
}

/// Why a CSV input was rejected; carries the line so the user can fix the file in a text editor.
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "Line \(line): \(message)" }
}

/// Incremental CSV reader (RFC 4180 plus what spreadsheets export): feed chunks, get complete rows.
///
/// Uploads arrive as a stream of buffers, so the reader keeps its state between chunks instead of
/// needing the whole file in memory. Fields that lie inside one chunk become a String straight from
/// the input bytes; only fields cut by a chunk boundary or containing doubled quotes are copied into
/// a reused buffer first. After a thrown error the parser's state is unspecified; start a new one.
public struct CSVParser: Sendable {
    private enum State: Sendable {
        /// At the start of a row; a newline here means an empty line, which is skipped.
        case rowStart
        /// After a delimiter; a newline here ends the row with an empty last field.
        case fieldStart
        case unquoted
        case quoted
        /// Saw a quote inside a quoted field: it is either the first half of `""` or the closing quote.
        case quoteInQuoted
        /// Just ended a row on CR; an LF next belongs to the same line break.
        case afterCR
    }

    private let delimiter: UInt8
    private var state: State = .rowStart
    private var fields: [String] = []
    private var pending: [UInt8] = []
    private var line = 1
    private var rowLine = 1
    /// Within a quoted field, whether the previous byte was CR, so CRLF inside a field counts as one line.
    private var quotedPreviousCR = false
    /// Bytes held back at the very start until we know whether they are a UTF-8 byte order mark.
    private var head: [UInt8] = []
    private var sawHead = false

    public init(delimiter: UInt8 = UInt8(ascii: ",")) {
        self.delimiter = delimiter
    }

    /// Appends bytes and returns every row completed by them.
    public mutating func feed(_ bytes: some Collection<UInt8>) throws(CSVError) -> [CSVRow] {
        var rows: [CSVRow] = []
        if !sawHead {
            head.append(contentsOf: bytes)
            let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
            if head.count < 3 && head.elementsEqual(bom.prefix(head.count)) {
                return rows
            }
            sawHead = true
            let start = head.starts(with: bom) ? 3 : 0
            let held = head
            head = []
            try held.withUnsafeBufferPointer { buffer throws(CSVError) in
                try consume(UnsafeBufferPointer(rebasing: buffer[start...]), into: &rows)
            }
            return rows
        }
        let handled: Result<Void, CSVError>? = bytes.withContiguousStorageIfAvailable { buffer in
            do throws(CSVError) {
                return .success(try consume(buffer, into: &rows))
            } catch {
                return .failure(error)
            }
        }
        if let handled {
            try handled.get()
        } else {
            let copy = Array(bytes)
            try copy.withUnsafeBufferPointer { buffer throws(CSVError) in
                try consume(buffer, into: &rows)
            }
        }
        return rows
    }

    /// Call at end of input: returns the last row if the file did not end with a newline; throws on an unterminated quote.
    ///
    /// The parser is reset afterwards, so the same value can read another file.
    public mutating func finish() throws(CSVError) -> [CSVRow] {
        var rows: [CSVRow] = []
        if !sawHead {
            sawHead = true
            let held = head
            head = []
            try held.withUnsafeBufferPointer { buffer throws(CSVError) in
                try consume(buffer, into: &rows)
            }
        }
        switch state {
        case .rowStart, .afterCR:
            break
        case .quoted:
            throw CSVError(line: rowLine, message: "Quoted field is not closed before the end of the file")
        case .fieldStart, .unquoted, .quoteInQuoted:
            try finishField(UnsafeBufferPointer(start: nil, count: 0))
            rows.append(CSVRow(fields: fields, line: rowLine))
        }
        self = CSVParser(delimiter: delimiter)
        return rows
    }

    private mutating func finishField(_ tail: UnsafeBufferPointer<UInt8>) throws(CSVError) {
        if pending.isEmpty {
            fields.append(try makeString(tail))
        } else {
            pending.append(contentsOf: tail)
            let assembled = pending
            let text = try assembled.withUnsafeBufferPointer { buffer throws(CSVError) in try makeString(buffer) }
            fields.append(text)
            pending.removeAll(keepingCapacity: true)
        }
    }

    private func makeString(_ bytes: UnsafeBufferPointer<UInt8>) throws(CSVError) -> String {
        guard UTF8Validation.isValid(bytes) else {
            throw CSVError(line: rowLine, message: "Field \(fields.count + 1) is not valid UTF-8 text")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private mutating func endRow(into rows: inout [CSVRow]) {
        let width = fields.count
        rows.append(CSVRow(fields: fields, line: rowLine))
        fields = []
        fields.reserveCapacity(width)
    }

    private mutating func consume(_ bytes: UnsafeBufferPointer<UInt8>, into rows: inout [CSVRow]) throws(CSVError) {
        let count = bytes.count
        let delimiter = self.delimiter
        let quote = UInt8(ascii: "\"")
        let lf = UInt8(ascii: "\n")
        let cr = UInt8(ascii: "\r")
        var index = 0
        while index < count {
            switch state {
            case .afterCR:
                state = .rowStart
                if bytes[index] == lf { index += 1 }

            case .rowStart, .fieldStart:
                let byte = bytes[index]
                if state == .rowStart {
                    if byte == lf || byte == cr {
                        line += 1
                        index += 1
                        if byte == cr { state = .afterCR }
                        continue
                    }
                    rowLine = line
                }
                if byte == quote {
                    state = .quoted
                    quotedPreviousCR = false
                    index += 1
                } else {
                    state = .unquoted
                }

            case .unquoted:
                let start = index
                while index < count {
                    let byte = bytes[index]
                    if byte == delimiter || byte == lf || byte == cr { break }
                    index += 1
                }
                if index == count {
                    pending.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<count]))
                    return
                }
                try finishField(UnsafeBufferPointer(rebasing: bytes[start..<index]))
                index = endField(at: index, bytes[index], into: &rows)

            case .quoted:
                let start = index
                var previousCR = quotedPreviousCR
                while index < count {
                    let byte = bytes[index]
                    if byte == quote { break }
                    if byte == lf {
                        if !previousCR { line += 1 }
                        previousCR = false
                    } else if byte == cr {
                        line += 1
                        previousCR = true
                    } else {
                        previousCR = false
                    }
                    index += 1
                }
                quotedPreviousCR = previousCR
                if index == count {
                    pending.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<count]))
                    return
                }
                let content = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                if index < count {
                    let next = bytes[index]
                    if next == quote {
                        pending.append(contentsOf: content)
                        pending.append(quote)
                        quotedPreviousCR = false
                        index += 1
                    } else {
                        try finishField(content)
                        index = try endQuotedField(at: index, next, into: &rows)
                    }
                } else {
                    pending.append(contentsOf: content)
                    state = .quoteInQuoted
                }

            case .quoteInQuoted:
                let next = bytes[index]
                if next == quote {
                    pending.append(quote)
                    quotedPreviousCR = false
                    state = .quoted
                    index += 1
                } else {
                    try finishField(UnsafeBufferPointer(start: nil, count: 0))
                    index = try endQuotedField(at: index, next, into: &rows)
                }
            }
        }
    }

    /// Handles the byte right after a closing quote, which must end the field; text such as
    /// `"abc"def` is rejected because guessing its meaning would silently change imported data.
    private mutating func endQuotedField(at index: Int, _ byte: UInt8, into rows: inout [CSVRow]) throws(CSVError) -> Int {
        guard byte == delimiter || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") else {
            throw CSVError(line: line, message: "Unexpected text after the closing quote of field \(fields.count)")
        }
        return endField(at: index, byte, into: &rows)
    }

    /// Consumes the delimiter or line break that ended a field and returns the next index.
    private mutating func endField(at index: Int, _ byte: UInt8, into rows: inout [CSVRow]) -> Int {
        if byte == delimiter {
            state = .fieldStart
        } else {
            endRow(into: &rows)
            line += 1
            state = byte == UInt8(ascii: "\r") ? .afterCR : .rowStart
        }
        return index + 1
    }
}

/// Parsed rows as the async sequence the importer reads, for input that is already in
/// memory (an uploaded file); files on disk are read in chunks instead.
public struct CSVRowList: AsyncSequence, Sendable {
    public typealias Element = CSVRow
    public let rows: [CSVRow]

    public init(rows: [CSVRow]) {
        self.rows = rows
    }

    /// Parses a whole document.
    public init(parsing bytes: some Collection<UInt8>) throws(CSVError) {
        var parser = CSVParser()
        rows = try parser.feed(bytes) + parser.finish()
    }

    public struct Iterator: AsyncIteratorProtocol {
        var rows: [CSVRow]
        var index = 0
        public mutating func next() async throws -> CSVRow? {
            guard index < rows.count else { return nil }
            defer { index += 1 }
            return rows[index]
        }
    }

    public func makeAsyncIterator() -> Iterator { Iterator(rows: rows) }
}
