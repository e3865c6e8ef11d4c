/// Phone numbers as people write them; stored as typed, searched by their digits.
public enum Phone {
    public static func isValid(_ text: String) -> Bool {
        var digits = 0
        for c in text.unicodeScalars {
            switch c {
            case "0"..."9": digits += 1
            case "+", "(", ")", "-", ".", " ", "/": continue
            default: return false
            }
        }
        if let plus = text.firstIndex(of: "+"), plus != text.startIndex { return false }
        return (4...20).contains(digits)
    }

    /// Only the digits, e.g. `+82 10-1234-5678` → `821012345678`.
    public static func digits(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0.value >= 48 && $0.value <= 57 }.map(Character.init))
    }
}
