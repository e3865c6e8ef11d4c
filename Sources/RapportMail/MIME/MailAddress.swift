/// A mailbox (RFC 5322 §3.4): an address and the name shown with it.
public struct MailAddress: Sendable, Equatable, Hashable {
    public var name: String?
    public var address: String

    public init(name: String? = nil, address: String) {
        self.name = name.flatMap { $0.isEmpty ? nil : $0 }
        self.address = address
    }

    /// The address as mail is matched to people: the domain is case-insensitive
    /// (RFC 5321 §2.4) and so, in practice, is every local part a CRM will meet.
    public var normalized: String { address.lowercased() }

    /// True when the address can go in a header and an SMTP command as written: one `@`
    /// with text on both sides, no whitespace, controls, brackets or commas.
    public var isSendable: Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, address.utf8.count <= 254 else { return false }
        return address.unicodeScalars.allSatisfy { $0.value > 32 && $0.value != 127 && !"<>,;:\\\"()[]".unicodeScalars.contains($0) }
    }

    /// The mailbox as a header writes it: the name quoted when it needs quotes, or as
    /// encoded words when it is not ASCII.
    public var formatted: String {
        guard let name else { return address }
        let specials = Set("()<>[]:;@\\,.\"")
        if EncodedWords.isPlain(name) {
            if name.contains(where: { specials.contains($0) }) {
                let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                return "\"\(escaped)\" <\(address)>"
            }
            return "\(name) <\(address)>"
        }
        return EncodedWords.encode(name).joined(separator: " ") + " <\(address)>"
    }

    private enum Token: Equatable {
        case word(String)           // atom or dot-atom text
        case quoted(String)         // quoted-string content, unescaped
        case special(UInt8)         // < > , : ; @ .
        case literal(String)        // [domain literal]
        case comment(String)
    }

    /// Every mailbox in an address list, with groups flattened (RFC 5322 §3.4, A.1.3)
    /// and names' encoded words decoded. Entries that hold no address are skipped, never
    /// fatal: received headers are often malformed.
    public static func parseList(_ value: String) -> [MailAddress] {
        let tokens = tokenize(Array(value.utf8))
        var result: [MailAddress] = []
        var pending: [Token] = []
        var i = 0
        func finishBare() {
            defer { pending = [] }
            let meaningful = pending.filter { if case .comment = $0 { return false }; return true }
            guard meaningful.contains(.special(UInt8(ascii: "@"))) else { return }
            let address = meaningful.map(text(of:)).joined()
            let comment = pending.reversed().compactMap { if case .comment(let c) = $0 { return c }; return nil }.first
            result.append(MailAddress(name: comment.map { EncodedWords.decode($0).trimmingASCIIWhitespace() }, address: address))
        }
        while i < tokens.count {
            let token = tokens[i]
            switch token {
            case .special(UInt8(ascii: "<")):
                var spec: [Token] = []
                i += 1
                while i < tokens.count, tokens[i] != .special(UInt8(ascii: ">")) {
                    if case .comment = tokens[i] {} else { spec.append(tokens[i]) }
                    i += 1
                }
                // An obsolete route (`<@a,@b:user@host>`) is dropped up to its colon.
                if let colon = spec.lastIndex(of: .special(UInt8(ascii: ":"))) { spec = Array(spec[(colon + 1)...]) }
                let address = spec.map(text(of:)).joined()
                let phrase = pending.compactMap { t -> String? in
                    switch t {
                    case .word(let w): w
                    case .quoted(let q): q
                    case .special(UInt8(ascii: ".")): "."
                    default: nil
                    }
                }.joined(separator: " ").replacingOccurrences(of: " . ", with: ". ")
                if !address.isEmpty {
                    result.append(MailAddress(name: EncodedWords.decode(phrase).trimmingASCIIWhitespace(), address: address))
                }
                pending = []
                i += 1
                // Anything up to the next separator (a trailing comment) belongs to this entry.
                while i < tokens.count, tokens[i] != .special(UInt8(ascii: ",")), tokens[i] != .special(UInt8(ascii: ";")) { i += 1 }
            case .special(UInt8(ascii: ":")):
                pending = [] // a group's name
                i += 1
            case .special(UInt8(ascii: ",")), .special(UInt8(ascii: ";")):
                finishBare()
                i += 1
            default:
                pending.append(token)
                i += 1
            }
        }
        finishBare()
        return result
    }

    private static func text(of token: Token) -> String {
        switch token {
        case .word(let w): w
        case .quoted(let q): "\"" + q.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case .special(let c): String(UnicodeScalar(c))
        case .literal(let l): "[" + l + "]"
        case .comment: ""
        }
    }

    private static func tokenize(_ bytes: [UInt8]) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        let specials: Set<UInt8> = Set("<>,:;@.".utf8)
        while i < bytes.count {
            let c = bytes[i]
            if c == 32 || c == 9 || c == 13 || c == 10 { i += 1; continue }
            if c == UInt8(ascii: "(") {
                var depth = 0
                var out: [UInt8] = []
                while i < bytes.count {
                    let d = bytes[i]
                    if d == UInt8(ascii: "\\"), i + 1 < bytes.count { out.append(bytes[i + 1]); i += 2; continue }
                    if d == UInt8(ascii: "(") { depth += 1; if depth > 1 { out.append(d) } ; i += 1; continue }
                    if d == UInt8(ascii: ")") { depth -= 1; i += 1; if depth == 0 { break }; out.append(d); continue }
                    out.append(d)
                    i += 1
                }
                tokens.append(.comment(String(decoding: out, as: UTF8.self)))
                continue
            }
            if c == UInt8(ascii: "\"") {
                tokens.append(.quoted(QuotedString.read(bytes, at: &i)))
                continue
            }
            if c == UInt8(ascii: "[") {
                i += 1
                let start = i
                while i < bytes.count, bytes[i] != UInt8(ascii: "]") { i += 1 }
                tokens.append(.literal(String(decoding: bytes[start..<min(i, bytes.count)], as: UTF8.self)))
                i += 1
                continue
            }
            if specials.contains(c) {
                tokens.append(.special(c))
                i += 1
                continue
            }
            let start = i
            while i < bytes.count, !specials.contains(bytes[i]), ![32, 9, 13, 10, UInt8(ascii: "("), UInt8(ascii: "\""), UInt8(ascii: "[")].contains(bytes[i]) { i += 1 }
            tokens.append(.word(String(decoding: bytes[start..<i], as: UTF8.self)))
        }
        return tokens
    }
}
