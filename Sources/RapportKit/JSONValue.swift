import Foundation

/// JSON value that keeps numbers as their literal text so decimals never pass through Double.
///
/// Money and identifiers arrive as JSON numbers; converting "12.50" to Double and back can change
/// the digits, so the parser hands over the exact literal and the caller decides how to read it.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The literal as written, e.g. "12.50", "-3e2"; the parser guarantees it matches the JSON grammar.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

/// Object with keys kept in insertion order (responses are stable and readable).
///
/// A dictionary index sits beside the ordered entries so lookups stay O(1) on large objects.
/// Equality compares keys in order, because the order is part of what the API promises clients.
public struct JSONObject: Sendable, Equatable, Sequence {
    private var entries: [(key: String, value: JSONValue)] = []
    /// Built only for large objects: records have a few dozen keys, where comparing short
    /// keys in order beats hashing each one.
    private var index: [String: Int]?
    private static let indexThreshold = 32

    public init() {}

    /// Later duplicates replace the value of the first occurrence, matching what `subscript` does,
    /// so building from literal pairs never throws.
    public init(_ pairs: [(String, JSONValue)]) {
        entries.reserveCapacity(pairs.count)
        for (key, value) in pairs {
            self[key] = value
        }
    }

    public var keys: [String] { entries.map(\.key) }

    public var count: Int { entries.count }

    @inline(__always)
    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        for i in entries.indices where entries[i].key == key { return i }
        return nil
    }

    private mutating func rebuildIndex() {
        if entries.count > Self.indexThreshold {
            var map = [String: Int](minimumCapacity: entries.count * 2)
            for (i, e) in entries.enumerated() { map[e.key] = i }
            index = map
        } else {
            index = nil
        }
    }

    /// Assigning nil removes the key (O(n), the rarer operation); assigning to an existing key keeps its position.
    public subscript(key: String) -> JSONValue? {
        get {
            guard let position = position(of: key) else { return nil }
            return entries[position].value
        }
        set {
            if let newValue {
                if let position = position(of: key) {
                    entries[position].value = newValue
                } else {
                    entries.append((key, newValue))
                    if index != nil {
                        index![key] = entries.count - 1
                    } else if entries.count > Self.indexThreshold {
                        rebuildIndex()
                    }
                }
            } else if let position = position(of: key) {
                entries.remove(at: position)
                rebuildIndex()
            }
        }
    }

    /// Appends without overwriting, so the parser can report duplicate keys instead of silently keeping one.
    mutating func appendIfAbsent(_ key: String, _ value: JSONValue) -> Bool {
        if position(of: key) != nil { return false }
        entries.append((key, value))
        if index != nil {
            index![key] = entries.count - 1
        } else if entries.count > Self.indexThreshold {
            rebuildIndex()
        }
        return true
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.entries.count == rhs.entries.count else { return false }
        for (left, right) in zip(lhs.entries, rhs.entries) where left.key != right.key || left.value != right.value {
            return false
        }
        return true
    }

    /// Yields pairs in insertion order, so serialized output follows the order the code built it in.
    public struct Iterator: IteratorProtocol, Sendable {
        private var base: IndexingIterator<[(key: String, value: JSONValue)]>

        fileprivate init(_ entries: [(key: String, value: JSONValue)]) {
            base = entries.makeIterator()
        }

        public mutating func next() -> (key: String, value: JSONValue)? {
            base.next()
        }
    }

    public func makeIterator() -> Iterator {
        Iterator(entries)
    }
}

extension JSONValue {
    /// Compact output with no spaces, because responses are read by programs and size matters.
    public func serialized() -> String {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(256)
        write(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// Appends the compact form to a byte buffer, so responses are built without intermediate Strings.
    public func write(into buffer: inout [UInt8]) {
        switch self {
        case .null:
            buffer.append(contentsOf: "null".utf8)
        case .bool(let value):
            buffer.append(contentsOf: (value ? "true" : "false").utf8)
        case .number(let literal):
            buffer.append(contentsOf: literal.utf8)
        case .string(let text):
            JSONValue.writeString(text, into: &buffer)
        case .array(let elements):
            buffer.append(UInt8(ascii: "["))
            var first = true
            for element in elements {
                if !first { buffer.append(UInt8(ascii: ",")) }
                first = false
                element.write(into: &buffer)
            }
            buffer.append(UInt8(ascii: "]"))
        case .object(let object):
            buffer.append(UInt8(ascii: "{"))
            var first = true
            for (key, value) in object {
                if !first { buffer.append(UInt8(ascii: ",")) }
                first = false
                JSONValue.writeString(key, into: &buffer)
                buffer.append(UInt8(ascii: ":"))
                value.write(into: &buffer)
            }
            buffer.append(UInt8(ascii: "}"))
        }
    }

    /// Escapes `<`, `>`, `&`, U+2028 and U+2029 besides what JSON requires, so output can be
    /// embedded in an HTML `<script>` block or evaluated as JavaScript without breaking out.
    static func writeString(_ text: String, into buffer: inout [UInt8]) {
        var text = text
        buffer.append(UInt8(ascii: "\""))
        text.withUTF8 { bytes in
            var runStart = 0
            var position = 0
            let count = bytes.count
            while position < count {
                let byte = bytes[position]
                let escape: StaticString?
                var width = 1
                switch byte {
                case UInt8(ascii: "\""): escape = "\\\""
                case UInt8(ascii: "\\"): escape = "\\\\"
                case UInt8(ascii: "\n"): escape = "\\n"
                case UInt8(ascii: "\r"): escape = "\\r"
                case UInt8(ascii: "\t"): escape = "\\t"
                case 0x08: escape = "\\b"
                case 0x0C: escape = "\\f"
                case UInt8(ascii: "<"): escape = "\\u003c"
                case UInt8(ascii: ">"): escape = "\\u003e"
                case UInt8(ascii: "&"): escape = "\\u0026"
                case 0x00..<0x20: escape = nil
                case 0xE2 where position + 2 < count && bytes[position + 1] == 0x80
                    && (bytes[position + 2] == 0xA8 || bytes[position + 2] == 0xA9):
                    escape = bytes[position + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                    width = 3
                default:
                    position += 1
                    continue
                }
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
                if let escape {
                    escape.withUTF8Buffer { buffer.append(contentsOf: $0) }
                } else {
                    buffer.append(contentsOf: "\\u00".utf8)
                    buffer.append(hexDigit(byte >> 4))
                    buffer.append(hexDigit(byte & 0x0F))
                }
                position += width
                runStart = position
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<count]))
        }
        buffer.append(UInt8(ascii: "\""))
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The exact literal, so callers parse it with the precision they need (e.g. `Money(decimal:)`).
    public var numberLiteral: String? {
        if case .number(let value) = self { return value }
        return nil
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

extension JSONValue {
    /// The ids a reference field holds: one for a single reference, each for a list, none
    /// for anything else.
    public static func ids(_ value: JSONValue?) -> [String] {
        if let id = value?.stringValue { return [id] }
        return (value?.arrayValue ?? []).compactMap(\.stringValue)
    }

    /// The same for a list column as stored (its JSON text).
    public static func ids(stored text: String?) -> [String] {
        ids(text.flatMap { try? JSONValue.parse($0) })
    }
}
