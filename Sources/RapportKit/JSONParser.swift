import Foundation

/// Why a JSON document was rejected, with the byte offset so clients can find the problem.
///
/// Messages describe the input only (never parser internals), because they are returned to API clients.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Human readable, e.g. "Unexpected character '}' at byte 17".
    public var message: String
    /// Byte offset into the input where the problem was found.
    public var offset: Int

    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    public var description: String { message }
}

extension JSONValue {
    /// Strict RFC 8259 parse of exactly one value; anything lenient parsers accept is an error here,
    /// so that a document the API accepts means the same thing to every other JSON reader.
    ///
    /// `maxDepth` bounds recursion so hostile input cannot exhaust the stack.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = 64) throws(JSONParseError) -> JSONValue {
        let outcome: Result<JSONValue, JSONParseError> = bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONByteParser(bytes: buffer, maxDepth: maxDepth)
            do throws(JSONParseError) {
                return .success(try parser.parseDocument())
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }

    /// Convenience for tests and small inputs; request bodies should go through the byte overload.
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8))
    }
}

/// Single-pass parser over a byte buffer; works on raw bytes with an index because going through
/// `Character` or `Unicode.Scalar` views is several times slower for typical request bodies.
struct JSONByteParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var position = 0
    var depth = 0
    /// Reused for strings with escapes so each such string costs one allocation, not one per escape.
    var scratch: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        if position == bytes.count {
            throw JSONParseError(message: bytes.isEmpty ? "Empty input" : "Input contains only whitespace", offset: position)
        }
        let value = try parseValue()
        skipWhitespace()
        if position != bytes.count {
            throw unexpected("after the end of the JSON value")
        }
        return value
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard position < bytes.count else { throw endOfInput() }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw unexpected()
        }
    }

    private mutating func enterContainer() throws(JSONParseError) {
        depth += 1
        if depth > maxDepth {
            throw JSONParseError(message: "Nesting deeper than \(maxDepth) levels at byte \(position)", offset: position)
        }
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        position += 1
        var object = JSONObject()
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return .object(object)
        }
        while true {
            skipWhitespace()
            guard position < bytes.count else { throw endOfInput() }
            guard bytes[position] == UInt8(ascii: "\"") else { throw unexpected("where an object key was expected") }
            let keyOffset = position
            let key = try parseString()
            skipWhitespace()
            guard position < bytes.count else { throw endOfInput() }
            guard bytes[position] == UInt8(ascii: ":") else { throw unexpected("where ':' was expected") }
            position += 1
            skipWhitespace()
            let value = try parseValue()
            if !object.appendIfAbsent(key, value) {
                throw JSONParseError(message: "Duplicate key \"\(key)\" at byte \(keyOffset)", offset: keyOffset)
            }
            skipWhitespace()
            guard position < bytes.count else { throw endOfInput() }
            switch bytes[position] {
            case UInt8(ascii: ","):
                position += 1
            case UInt8(ascii: "}"):
                position += 1
                depth -= 1
                return .object(object)
            default:
                throw unexpected("where ',' or '}' was expected")
            }
        }
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            guard position < bytes.count else { throw endOfInput() }
            switch bytes[position] {
            case UInt8(ascii: ","):
                position += 1
            case UInt8(ascii: "]"):
                position += 1
                depth -= 1
                return .array(elements)
            default:
                throw unexpected("where ',' or ']' was expected")
            }
        }
    }

    private mutating func expectLiteral(_ word: StaticString) throws(JSONParseError) {
        let length = word.utf8CodeUnitCount
        let start = word.utf8Start
        for offset in 0..<length {
            guard position + offset < bytes.count else {
                position += offset
                throw endOfInput()
            }
            if bytes[position + offset] != start[offset] {
                position += offset
                throw unexpected()
            }
        }
        position += length
    }

    /// Validates against the RFC 8259 number grammar and returns the literal untouched.
    private mutating func parseNumber() throws(JSONParseError) -> String {
        let start = position
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count else { throw endOfInput() }
        let first = bytes[position]
        if first == UInt8(ascii: "0") {
            position += 1
            if position < bytes.count, isDigit(bytes[position]) {
                throw JSONParseError(message: "Number with a leading zero at byte \(start)", offset: start)
            }
        } else if isDigit(first) {
            skipDigits()
        } else {
            throw unexpected("in a number")
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard position < bytes.count, isDigit(bytes[position]) else {
                throw JSONParseError(message: "Number needs digits after the decimal point at byte \(position)", offset: position)
            }
            skipDigits()
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard position < bytes.count, isDigit(bytes[position]) else {
                throw JSONParseError(message: "Number needs digits in the exponent at byte \(position)", offset: position)
            }
            skipDigits()
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    private mutating func skipDigits() {
        while position < bytes.count, isDigit(bytes[position]) { position += 1 }
    }

    /// Returns the decoded string; the common case without escapes becomes one String built from the
    /// input slice, and only strings with escapes are assembled in the scratch buffer.
    private mutating func parseString() throws(JSONParseError) -> String {
        position += 1
        var runStart = position
        var usesScratch = false
        while true {
            guard position < bytes.count else {
                throw JSONParseError(message: "Unterminated string at byte \(position)", offset: position)
            }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let run = UnsafeBufferPointer(rebasing: bytes[runStart..<position])
                position += 1
                if usesScratch {
                    scratch.append(contentsOf: run)
                    return String(decoding: scratch, as: UTF8.self)
                }
                return String(decoding: run, as: UTF8.self)
            } else if byte == UInt8(ascii: "\\") {
                if !usesScratch {
                    scratch.removeAll(keepingCapacity: true)
                    usesScratch = true
                }
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
                try parseEscape()
                runStart = position
            } else if byte < 0x20 {
                throw JSONParseError(
                    message: "Unescaped control character U+00\(byte < 0x10 ? "0" : "")\(String(byte, radix: 16, uppercase: true)) in string at byte \(position)",
                    offset: position)
            } else if byte < 0x80 {
                position += 1
            } else {
                let length = UTF8Validation.sequenceLength(bytes, at: position)
                if length == 0 {
                    throw JSONParseError(message: "Invalid UTF-8 at byte \(position)", offset: position)
                }
                position += length
            }
        }
    }

    private mutating func parseEscape() throws(JSONParseError) {
        let escapeStart = position
        position += 1
        guard position < bytes.count else { throw endOfInput() }
        let byte = bytes[position]
        position += 1
        switch byte {
        case UInt8(ascii: "\""): scratch.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): scratch.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "/"): scratch.append(UInt8(ascii: "/"))
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try parseHex4()
            if (0xDC00...0xDFFF).contains(scalar) {
                throw JSONParseError(message: "Unpaired surrogate escape at byte \(escapeStart)", offset: escapeStart)
            }
            if (0xD800...0xDBFF).contains(scalar) {
                guard position + 1 < bytes.count,
                      bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                    throw JSONParseError(message: "Unpaired surrogate escape at byte \(escapeStart)", offset: escapeStart)
                }
                position += 2
                let low = try parseHex4()
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw JSONParseError(message: "Unpaired surrogate escape at byte \(escapeStart)", offset: escapeStart)
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            appendUTF8(scalar)
        default:
            position -= 1
            throw JSONParseError(message: "Invalid escape sequence at byte \(escapeStart)", offset: escapeStart)
        }
    }

    private mutating func parseHex4() throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard position < bytes.count else { throw endOfInput() }
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw JSONParseError(message: "Invalid \\u escape at byte \(position)", offset: position)
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    private func endOfInput() -> JSONParseError {
        JSONParseError(message: "Unexpected end of input at byte \(position)", offset: position)
    }

    private func unexpected(_ context: String = "") -> JSONParseError {
        let byte = bytes[position]
        let shown: String
        if byte >= 0x80, UTF8Validation.sequenceLength(bytes, at: position) == 0 {
            return JSONParseError(message: "Invalid UTF-8 at byte \(position)", offset: position)
        } else if byte >= 0x21, byte < 0x7F {
            shown = "character '\(Character(Unicode.Scalar(byte)))'"
        } else if byte >= 0x80 {
            let length = UTF8Validation.sequenceLength(bytes, at: position)
            shown = "character '\(String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<position + length]), as: UTF8.self))'"
        } else {
            shown = "byte 0x\(byte < 0x10 ? "0" : "")\(String(byte, radix: 16, uppercase: true))"
        }
        let suffix = context.isEmpty ? "" : " \(context)"
        return JSONParseError(message: "Unexpected \(shown) at byte \(position)\(suffix)", offset: position)
    }
}

/// Hand-written UTF-8 validation shared by the JSON and CSV readers.
///
/// `String(decoding:)` silently replaces bad bytes with U+FFFD, which would corrupt imported data
/// without telling anyone, and `String(validating:)` is not available on every deployment target.
enum UTF8Validation {
    /// Length of the well-formed sequence starting at `index`, or 0 when it is invalid
    /// (overlong forms, surrogates, values above U+10FFFF, truncated sequences).
    @inline(__always)
    static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let lead = bytes[index]
        let remaining = bytes.count - index
        @inline(__always) func isContinuation(_ offset: Int) -> Bool {
            bytes[index + offset] & 0xC0 == 0x80
        }
        switch lead {
        case 0x00..<0x80:
            return 1
        case 0xC2...0xDF:
            return remaining >= 2 && isContinuation(1) ? 2 : 0
        case 0xE0...0xEF:
            guard remaining >= 3, isContinuation(1), isContinuation(2) else { return 0 }
            let second = bytes[index + 1]
            if lead == 0xE0 && second < 0xA0 { return 0 }
            if lead == 0xED && second >= 0xA0 { return 0 }
            return 3
        case 0xF0...0xF4:
            guard remaining >= 4, isContinuation(1), isContinuation(2), isContinuation(3) else { return 0 }
            let second = bytes[index + 1]
            if lead == 0xF0 && second < 0x90 { return 0 }
            if lead == 0xF4 && second >= 0x90 { return 0 }
            return 4
        default:
            return 0
        }
    }

    /// Checks a whole buffer, skipping eight ASCII bytes at a time because most imported text is ASCII.
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        while index < count {
            if index + 8 <= count,
               raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
                continue
            }
            if bytes[index] < 0x80 {
                index += 1
                continue
            }
            let length = sequenceLength(bytes, at: index)
            if length == 0 { return false }
            index += length
        }
        return true
    }
}
