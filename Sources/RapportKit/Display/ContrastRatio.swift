import Foundation

/// WCAG 2 contrast between two sRGB colours, so the design system's colour pairs are
/// checked by a test instead of by eye (text needs 4.5:1, large text and controls 3:1).
public enum ContrastRatio {
    /// `#rrggbb` → relative luminance (WCAG 2.x definition); nil for anything else.
    public static func luminance(hex: String) -> Double? {
        let digits = hex.hasPrefix("#") ? hex.dropFirst() : Substring(hex)
        guard digits.count == 6, let value = UInt32(digits, radix: 16) else { return nil }
        func channel(_ shift: UInt32) -> Double {
            let c = Double((value >> shift) & 0xFF) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
    }

    /// The ratio (1…21) of the lighter colour's luminance to the darker's, each plus 0.05.
    public static func between(_ a: String, _ b: String) -> Double? {
        guard let la = luminance(hex: a), let lb = luminance(hex: b) else { return nil }
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }
}
