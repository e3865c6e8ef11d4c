/// RFC 2047 encoded words (`=?UTF-8?B?...?=`), the way non-ASCII names and subjects
/// travel in headers.
public enum EncodedWords {
    private enum Segment {
        case text([UInt8])
        case word(charset: String, bytes: [UInt8])
    }

    /// The header text with every well-formed encoded word decoded. Whitespace between
    /// two encoded words is dropped (RFC 2047 §6.2), and adjacent words in the same
    /// charset are decoded together, because many mailers split one multi-byte character
    /// across two words. A malformed word stays as written.
    public static func decode(_ value: String) -> String {
        let bytes = Array(value.utf8)
        var segments: [Segment] = []
        var text: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "="), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "?"), let (word, end) = parseWord(bytes, at: i) {
                if !text.isEmpty { segments.append(.text(text)); text = [] }
                segments.append(word)
                i = end
            } else {
                text.append(bytes[i])
                i += 1
            }
        }
        if !text.isEmpty { segments.append(.text(text)) }

        var out = ""
        var pending: (charset: String, bytes: [UInt8])?
        func flush() {
            if let p = pending { out += Charset.decode(p.bytes, label: p.charset).text; pending = nil }
        }
        for (index, segment) in segments.enumerated() {
            switch segment {
            case .word(let charset, let wordBytes):
                if let p = pending, p.charset == charset {
                    pending = (charset, p.bytes + wordBytes)
                } else {
                    flush()
                    pending = (charset, wordBytes)
                }
            case .text(let t):
                let betweenWords: Bool = {
                    guard index > 0, index + 1 < segments.count, case .word = segments[index - 1], case .word = segments[index + 1] else { return false }
                    return t.allSatisfy { $0 == 32 || $0 == 9 || $0 == 13 || $0 == 10 }
                }()
                if betweenWords { continue }
                flush()
                out += String(decoding: t, as: UTF8.self)
            }
        }
        flush()
        return out
    }

    /// One `=?charset?encoding?text?=` starting at `start`, and the index after it.
    private static func parseWord(_ bytes: [UInt8], at start: Int) -> (Segment, Int)? {
        var i = start + 2
        let charsetStart = i
        while i < bytes.count, bytes[i] != UInt8(ascii: "?") {
            if bytes[i] <= 32 || bytes[i] >= 127 { return nil }
            i += 1
        }
        guard i + 3 < bytes.count, i > charsetStart, bytes[i + 2] == UInt8(ascii: "?") else { return nil }
        var charset = String(decoding: bytes[charsetStart..<i], as: UTF8.self).lowercased()
        if let star = charset.firstIndex(of: "*") { charset = String(charset[..<star]) } // RFC 2231 language
        let encoding = bytes[i + 1] | 0x20
        guard encoding == UInt8(ascii: "b") || encoding == UInt8(ascii: "q") else { return nil }
        let textStart = i + 3
        var j = textStart
        while j + 1 < bytes.count, !(bytes[j] == UInt8(ascii: "?") && bytes[j + 1] == UInt8(ascii: "=")) {
            if bytes[j] <= 32 || bytes[j] >= 127 { return nil }
            j += 1
        }
        guard j + 1 < bytes.count else { return nil }
        let encoded = bytes[textStart..<j]
        let decoded: [UInt8]
        if encoding == UInt8(ascii: "b") {
            decoded = Base64.decode(encoded)
        } else {
            var out: [UInt8] = []
            var k = encoded.startIndex
            while k < encoded.endIndex {
                let c = encoded[k]
                if c == UInt8(ascii: "_") { out.append(32); k += 1; continue }
                if c == UInt8(ascii: "="), k + 2 < encoded.endIndex, let h = QuotedPrintable.hex(encoded[k + 1]), let l = QuotedPrintable.hex(encoded[k + 2]) {
                    out.append(h << 4 | l)
                    k += 3
                    continue
                }
                out.append(c)
                k += 1
            }
            decoded = out
        }
        return (.word(charset: charset, bytes: decoded), j + 2)
    }

    /// The text as encoded words of at most 75 characters each (RFC 2047 §2), in UTF-8
    /// and base64, never splitting a character between two words. ASCII text without
    /// anything that could be mistaken for an encoded word is returned as one piece.
    public static func encode(_ text: String, always: Bool = false) -> [String] {
        if !always, isPlain(text) { return [text] }
        // "=?UTF-8?B?" + "?=" is 12 characters; 39 bytes are 52 of base64, so a word fits
        // on a line after "Subject: " within 78 characters.
        let maxBytes = 39
        var words: [String] = []
        var current: [UInt8] = []
        for scalar in text.unicodeScalars {
            let encoded = Array(String(scalar).utf8)
            if current.count + encoded.count > maxBytes {
                words.append(word(current))
                current = []
            }
            current += encoded
        }
        if !current.isEmpty { words.append(word(current)) }
        return words
    }

    /// True when the text can stand in a header as written: printable ASCII, nothing that
    /// reads as an encoded word, and no word too long to fold under 78 characters.
    static func isPlain(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.value >= 32 && $0.value < 127 } && !text.contains("=?")
            && !text.split(separator: " ").contains { $0.utf8.count > 60 }
    }

    private static func word(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?" + String(decoding: Base64.encode(bytes, lineLength: 0), as: UTF8.self) + "?="
    }
}
