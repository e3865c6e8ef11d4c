/// Email address checks kept deliberately practical: what mail servers accept and users type,
/// not the full RFC 5322 grammar (quoted local parts are refused).
public enum Email {
    /// Lower-cased address, or nil when it is not an address.
    public static func normalize(_ text: String) -> String? {
        let s = text.lowercased()
        guard s.utf8.count <= 254, let at = s.lastIndex(of: "@") else { return nil }
        let local = s[s.startIndex..<at]
        let domain = s[s.index(after: at)...]
        guard !local.isEmpty, local.utf8.count <= 64, !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..") else { return nil }
        let localOK = local.unicodeScalars.allSatisfy { c in
            (c.value > 0x7F && c.properties.isAlphabetic) || (c.value < 0x80 && (isAlnum(c) || "!#$%&'*+-/=?^_`{|}~.".unicodeScalars.contains(c)))
        }
        guard localOK, Domain.isValidHost(String(domain)) else { return nil }
        return s
    }

    static func isAlnum(_ c: Unicode.Scalar) -> Bool {
        (c.value >= 48 && c.value <= 57) || (c.value >= 97 && c.value <= 122) || (c.value >= 65 && c.value <= 90)
    }
}
