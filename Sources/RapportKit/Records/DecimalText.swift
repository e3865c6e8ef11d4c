/// Decimal numbers as text, so custom number fields never round through Double.
public enum DecimalText {
    /// `"007.50"` → `"7.5"`, `"-0"` → `"0"`; nil for anything but a plain decimal
    /// (no exponent, no grouping, at most 30 digits).
    public static func canonical(_ text: String) -> String? {
        var b = Array(text.utf8)
        guard !b.isEmpty else { return nil }
        var negative = false
        if b[0] == UInt8(ascii: "-") { negative = true; b.removeFirst() }
        guard !b.isEmpty else { return nil }
        var intPart: [UInt8] = []
        var fracPart: [UInt8] = []
        var seenDot = false
        for c in b {
            if c == UInt8(ascii: ".") {
                if seenDot { return nil }
                seenDot = true
            } else if c >= 48 && c <= 57 {
                if seenDot { fracPart.append(c) } else { intPart.append(c) }
            } else {
                return nil
            }
        }
        guard !intPart.isEmpty || !fracPart.isEmpty, intPart.count + fracPart.count <= 30 else { return nil }
        if seenDot && fracPart.isEmpty { return nil }
        while intPart.count > 1, intPart.first == 48 { intPart.removeFirst() }
        if intPart.isEmpty { intPart = [48] }
        while fracPart.last == 48 { fracPart.removeLast() }
        var out = String(decoding: intPart, as: UTF8.self)
        if !fracPart.isEmpty { out += "." + String(decoding: fracPart, as: UTF8.self) }
        if negative && out != "0" { out = "-" + out }
        return out
    }
}
