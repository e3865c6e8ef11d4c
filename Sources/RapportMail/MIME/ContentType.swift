/// A `Content-Type` or `Content-Disposition` value: the lower-cased value before the first
/// `;` and its parameters, with RFC 2231 continuations (`name*0=`, `name*1*=`) joined and
/// charset-decoded, and RFC 2047 words in quoted names decoded (what many mailers send
/// although RFC 2047 §5 forbids it).
public struct HeaderValueWithParameters: Sendable, Equatable {
    public var value: String
    public var parameters: [String: String]

    public init(value: String, parameters: [String: String] = [:]) {
        self.value = value
        self.parameters = parameters
    }

    public subscript(parameter name: String) -> String? { parameters[name.lowercased()] }

    public init(parsing raw: String) {
        let bytes = Array(raw.utf8)
        var i = 0
        func skipSpaceAndComments() {
            while i < bytes.count {
                // Every control byte counts as space: the value loop below hands each byte
                // at or below 32 to this function, which must move past it (a backspace in a
                // mangled header once looped here forever).
                if bytes[i] <= 32 || bytes[i] == 127 { i += 1; continue }
                if bytes[i] == UInt8(ascii: "(") {
                    var depth = 0
                    while i < bytes.count {
                        // A backslash at the very end escapes nothing; stepping two past it
                        // left `i` beyond the end and the next slice trapped.
                        if bytes[i] == UInt8(ascii: "\\") { i = min(i + 2, bytes.count); continue }
                        if bytes[i] == UInt8(ascii: "(") { depth += 1 }
                        if bytes[i] == UInt8(ascii: ")") { depth -= 1; if depth == 0 { i += 1; break } }
                        i += 1
                    }
                    continue
                }
                break
            }
        }
        func token() -> String {
            let start = i
            while i < bytes.count, bytes[i] != UInt8(ascii: ";"), bytes[i] != UInt8(ascii: "="), bytes[i] > 32, bytes[i] != UInt8(ascii: "(") { i += 1 }
            return String(decoding: bytes[start..<i], as: UTF8.self)
        }
        func quoted() -> String { QuotedString.read(bytes, at: &i) }
        var head: [UInt8] = []
        while i < bytes.count, bytes[i] != UInt8(ascii: ";") {
            if bytes[i] == UInt8(ascii: "(") || bytes[i] <= 32 { skipSpaceAndComments(); continue }
            head.append(bytes[i])
            i += 1
        }
        value = String(decoding: head, as: UTF8.self).lowercased()

        // name → (section → (value, extended))
        var pieces: [String: [Int: (String, Bool)]] = [:]
        var plain: [String: String] = [:]
        while i < bytes.count {
            i += 1 // ';'
            skipSpaceAndComments()
            let name = token().lowercased()
            skipSpaceAndComments()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "=") else {
                while i < bytes.count, bytes[i] != UInt8(ascii: ";") { i += 1 }
                continue
            }
            i += 1
            skipSpaceAndComments()
            let parameterValue = i < bytes.count && bytes[i] == UInt8(ascii: "\"") ? quoted() : token()
            skipSpaceAndComments()
            while i < bytes.count, bytes[i] != UInt8(ascii: ";") { i += 1 }
            guard !name.isEmpty else { continue }
            // RFC 2231 §3 and §4: name*N for sections, a trailing * for charset'lang'%XX.
            var base = name
            let extended = base.hasSuffix("*")
            if extended { base.removeLast() }
            if let star = base.lastIndex(of: "*"), let section = Int(base[base.index(after: star)...]) {
                pieces[String(base[..<star]), default: [:]][section] = (parameterValue, extended)
            } else if extended {
                pieces[base, default: [:]][0] = (parameterValue, true)
            } else if plain[base] == nil {
                plain[base] = parameterValue
            }
        }
        var result = plain.mapValues { EncodedWords.decode($0) }
        for (name, sections) in pieces where sections[0] != nil {
            var charset = "us-ascii"
            var bytesOut: [UInt8] = []
            for index in 0..<sections.count {
                guard let (piece, extended) = sections[index] else { break }
                if extended {
                    var encoded = Substring(piece)
                    if index == 0 {
                        let parts = piece.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                        if parts.count == 3 {
                            if !parts[0].isEmpty { charset = String(parts[0]) }
                            encoded = parts[2]
                        }
                    }
                    bytesOut += Self.percentDecode(encoded)
                } else {
                    bytesOut += Array(piece.utf8)
                }
            }
            result[name] = Charset.decode(bytesOut, label: charset).text
        }
        parameters = result
    }

    static func percentDecode(_ s: Substring) -> [UInt8] {
        let bytes = Array(s.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count, let h = QuotedPrintable.hex(bytes[i + 1]), let l = QuotedPrintable.hex(bytes[i + 2]) {
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return out
    }
}
