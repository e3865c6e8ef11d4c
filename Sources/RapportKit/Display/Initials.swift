import Foundation

/// The letters on an avatar. Western names take the first letters of the first and last
/// words ("Ada Lovelace" → "AL"); a Korean name of three syllables shows the given name, as
/// Korean messengers do ("김보경" → "보경"), other Korean words their first two syllables; a Japanese or Chinese name shows the
/// first character of the family name ("山田太郎" → "山"). Company-form words such as
/// 株式会社 or 주식회사 are skipped, so every company does not get the same avatar.
public enum Initials {
    static let companyForms: [String] = ["株式会社", "有限会社", "合同会社", "(株)", "（株）", "㈱", "주식회사", "(주)", "㈜", "유한회사"]

    public static func of(_ name: String) -> String {
        var text = name.trimmingCharacters(in: .whitespacesAndNewlines)
        // Every company form has a character beyond ASCII; most names in a list have none,
        // and ten Foundation searches per avatar were a tenth of a list page's time.
        let plain = text.utf8.allSatisfy { $0 < 0x80 }
        for form in companyForms where !plain && text.contains(form) {
            text = text.replacingOccurrences(of: form, with: " ")
        }
        let words = text.split(whereSeparator: { $0.isWhitespace || $0 == "・" || $0 == "·" }).map(String.init).filter { $0.contains(where: \.isLetter) }
        guard let first = words.first else { return "?" }
        if first.unicodeScalars.first.map(isHangul) == true {
            let syllables = first.filter { $0.unicodeScalars.allSatisfy(isHangul) }
            // Three syllables is a family name and a given name; longer words are more often
            // companies ("한빛소프트"), whose first syllables say more.
            return syllables.count == 3 ? String(syllables.suffix(2)) : String(syllables.prefix(2))
        }
        if let scalar = first.unicodeScalars.first, isHanOrKana(scalar) {
            return String(first.first!)
        }
        let letters = [words.first, words.count > 1 ? words.last : nil].compactMap { $0?.first(where: \.isLetter) }
        return letters.map { String($0).uppercased() }.joined()
    }

    /// One of `count` colours for an avatar, stable for a record (FNV-1a of its id), so a
    /// person keeps their colour on every page and for every user.
    public static func colorIndex(for id: String, count: Int) -> Int {
        var hash: UInt32 = 2_166_136_261
        for byte in id.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return Int(hash % UInt32(max(count, 1)))
    }

    static func isHangul(_ s: Unicode.Scalar) -> Bool {
        (0xAC00...0xD7A3).contains(s.value) || (0x1100...0x11FF).contains(s.value) || (0x3130...0x318F).contains(s.value)
    }

    static func isHanOrKana(_ s: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FFF).contains(s.value) || (0x3400...0x4DBF).contains(s.value) || (0x3040...0x30FF).contains(s.value) || (0xF900...0xFAFF).contains(s.value)
    }
}
