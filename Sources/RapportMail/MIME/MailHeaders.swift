/// The header fields of a message or part in the order they came, with folded lines
/// joined (RFC 5322 §2.2.3). Values keep their raw bytes: a header may be UTF-8
/// (RFC 6532) or, from older mailers, raw bytes of the part's legacy charset.
public struct MailHeaders: Sendable, Equatable {
    public struct Field: Sendable, Equatable {
        public var name: String
        public var raw: [UInt8]
    }

    public var fields: [Field]

    public init(_ fields: [Field] = []) { self.fields = fields }

    /// The raw, unfolded value of the first field named `name`.
    public func raw(_ name: String) -> [UInt8]? {
        fields.first { $0.name.caseInsensitiveEquals(name) }?.raw
    }

    /// The first field named `name` as text, with encoded words left as written (for
    /// structured fields such as addresses, which decode words per phrase).
    public func text(_ name: String, fallbackCharset: String = "utf-8") -> String? {
        raw(name).map { Self.text(of: $0, fallbackCharset: fallbackCharset) }
    }

    /// The first field named `name` with RFC 2047 words decoded: for unstructured fields
    /// such as Subject.
    public subscript(_ name: String) -> String? {
        text(name).map { EncodedWords.decode($0).trimmingASCIIWhitespace() }
    }

    /// Every field named `name`, as text.
    public func all(_ name: String) -> [String] {
        fields.filter { $0.name.caseInsensitiveEquals(name) }.map { Self.text(of: $0.raw) }
    }

    static func text(of raw: [UInt8], fallbackCharset: String = "utf-8") -> String {
        if Charset.validUTF8(raw) { return String(decoding: raw, as: UTF8.self) }
        return Charset.decode(raw, label: fallbackCharset).text
    }

    /// Parses the header block that ends at the first empty line; returns the headers and
    /// the index where the body starts. A line without a colon is skipped (mbox "From "
    /// lines, garbage), never fatal.
    public static func parse(_ bytes: ArraySlice<UInt8>) -> (MailHeaders, Int) {
        var fields: [Field] = []
        var i = bytes.startIndex
        var current: (name: String, raw: [UInt8])?
        func finish() {
            if let c = current {
                var raw = c.raw
                while let first = raw.first, first == 32 || first == 9 { raw.removeFirst() }
                while let last = raw.last, last == 32 || last == 9 { raw.removeLast() }
                fields.append(Field(name: c.name, raw: raw))
            }
            current = nil
        }
        while i < bytes.endIndex {
            var lineEnd = i
            while lineEnd < bytes.endIndex, bytes[lineEnd] != 10 { lineEnd += 1 }
            var contentEnd = lineEnd
            if contentEnd > i, bytes[contentEnd - 1] == 13 { contentEnd -= 1 }
            let next = lineEnd < bytes.endIndex ? lineEnd + 1 : lineEnd
            if contentEnd == i {
                finish()
                return (MailHeaders(fields), next)
            }
            let line = bytes[i..<contentEnd]
            if line.first == 32 || line.first == 9 {
                // A folded continuation: the line break goes, the whitespace stays.
                current?.raw.append(contentsOf: line)
            } else if let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex,
                      line[line.startIndex..<colon].allSatisfy({ $0 > 32 && $0 < 127 }) {
                finish()
                current = (String(decoding: line[line.startIndex..<colon], as: UTF8.self), Array(line[(colon + 1)...]))
            } else {
                finish()
            }
            i = next
        }
        finish()
        return (MailHeaders(fields), bytes.endIndex)
    }
}

extension String {
    func caseInsensitiveEquals(_ other: String) -> Bool {
        utf8.count == other.utf8.count && zip(utf8, other.utf8).allSatisfy { ($0 | 0x20) == ($1 | 0x20) }
    }
}
