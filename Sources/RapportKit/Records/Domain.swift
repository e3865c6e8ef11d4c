import Foundation

/// Company domains: the key organizations are deduplicated by, so `https://www.Example.com/about`
/// and `example.com` are the same company.
public enum Domain {
    public static func normalize(_ text: String) -> String? {
        var s = text.trimmedWhitespace.lowercased()
        for scheme in ["https://", "http://"] where s.hasPrefix(scheme) { s.removeFirst(scheme.count) }
        if let cut = s.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { s = String(s[..<cut]) }
        if let colon = s.firstIndex(of: ":") { s = String(s[..<colon]) }
        if s.hasSuffix(".") { s.removeLast() }
        if s.hasPrefix("www.") { s.removeFirst(4) }
        return isValidHost(s) ? s : nil
    }

    /// A dotted host name of letters (any script), digits and inner hyphens.
    public static func isValidHost(_ s: String) -> Bool {
        guard s.utf8.count <= 253 else { return false }
        let labels = s.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for label in labels {
            guard !label.isEmpty, label.count <= 63, !label.hasPrefix("-"), !label.hasSuffix("-") else { return false }
            guard label.unicodeScalars.allSatisfy({ $0 == "-" || Email.isAlnum($0) || ($0.value > 0x7F && $0.properties.isAlphabetic) }) else { return false }
        }
        if let tld = labels.last, tld.allSatisfy(\.isNumber) { return false }
        return true
    }
}

