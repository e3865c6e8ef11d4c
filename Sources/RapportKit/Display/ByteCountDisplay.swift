/// A file size as people read it in a list of attachments: `532 bytes`, `12 KB`,
/// `3.4 MB`. Units are binary (1 KB = 1,024 bytes, as Windows and most CRMs show them);
/// one decimal below ten so small files do not all read "1 MB". Korean and Japanese
/// write the same units; only the word for bytes differs.
public enum ByteCountDisplay {
    public static func format(_ bytes: Int64, language: String) -> String {
        if bytes < 1024 {
            let word = language == "ko" ? "바이트" : language == "ja" ? "バイト" : (bytes == 1 ? "byte" : "bytes")
            return "\(bytes) \(word)"
        }
        let units = ["KB", "MB", "GB", "TB"]
        var value = Double(bytes) / 1024
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        // Rounded once, then shown with one decimal only below ten.
        let tenths = (value * 10).rounded()
        if tenths < 100 {
            let whole = Int(tenths) / 10, fraction = Int(tenths) % 10
            return "\(whole).\(fraction) \(units[unit])"
        }
        return "\(Int(value.rounded())) \(units[unit])"
    }
}
