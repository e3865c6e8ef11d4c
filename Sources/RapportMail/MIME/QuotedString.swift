/// RFC 5322 §3.2.4 quoted strings, shared by addresses and MIME parameters.
enum QuotedString {
    /// The content of the quoted string whose opening quote is at `i`, with backslash
    /// escapes undone and folding line breaks dropped; `i` ends after the closing quote
    /// (or at the end, when the quote never closes).
    static func read(_ bytes: [UInt8], at i: inout Int) -> String {
        i += 1
        var out: [UInt8] = []
        while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
            if bytes[i] == UInt8(ascii: "\\"), i + 1 < bytes.count { i += 1 }
            if bytes[i] != 13 && bytes[i] != 10 { out.append(bytes[i]) }
            i += 1
        }
        i += 1
        return String(decoding: out, as: UTF8.self)
    }
}
