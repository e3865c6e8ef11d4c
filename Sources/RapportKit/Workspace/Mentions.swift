import Foundation

/// `@name` mentions in text a user wrote, matched against the people who can be mentioned.
///
/// The syntax:
/// - A mention is `@` at the start of the text or after a character that cannot be part of
///   an address or a word (so `kim@example.com` mentions nobody).
/// - After the `@` comes one of a user's handles: their name as shown (`@Kim Bokyung`,
///   `@山田 太郎`), the same name without its spaces (`@김보경`, `@山田太郎`), their email's
///   local part (`@bokyung`), or one word of their name when no other user's name has that
///   word (`@山田` when only one user is called 山田). Case does not matter.
/// - The longest handle wins, so `@Kim Bokyung` is Kim Bokyung even when a user is called
///   Kim; a handle two users share mentions neither of them.
/// - After a handle that ends in Latin letters or digits the mention must end (`@ann` is
///   not Anna); after Hangul, kana or kanji anything may follow, because Korean and
///   Japanese attach particles and honorifics without a space (`@김보경님`, `@山田さん`).
public enum Mentions {
    /// Someone who can be mentioned.
    public struct Person: Sendable, Equatable {
        public var id: String
        public var name: String
        public var email: String

        public init(id: String, name: String, email: String) {
            self.id = id
            self.name = name
            self.email = email
        }
    }

    /// The ids of the people `text` mentions, in the order first mentioned, each once.
    public static func find(in text: String, among people: [Person]) -> [String] {
        let handles = table(people)
        guard !handles.isEmpty, text.contains("@") else { return [] }
        let chars = Array(text.lowercased())
        var found: [String] = []
        var i = 0
        while i < chars.count {
            defer { i += 1 }
            guard chars[i] == "@", i == 0 || !isAddressCharacter(chars[i - 1]) else { continue }
            var best: (length: Int, id: String?)?
            for (handle, owner) in handles where handle.count > (best?.length ?? 0) {
                let end = i + 1 + handle.count
                guard end <= chars.count, Array(chars[(i + 1)..<end]) == handle else { continue }
                if let last = handle.last, !isUnspacedScript(last), end < chars.count, continuesWord(chars, at: end) { continue }
                best = (handle.count, owner)
            }
            if let best {
                if let id = best.id, !found.contains(id) { found.append(id) }
                i += best.length
            }
        }
        return found
    }

    /// Every handle, lowercased, with its owner; nil for a handle two people share.
    static func table(_ people: [Person]) -> [([Character], String?)] {
        var owners: [String: String?] = [:]
        func add(_ handle: String, _ id: String) {
            let key = handle.trimmingCharacters(in: .whitespaces).lowercased()
            guard !key.isEmpty, !key.contains("@") else { return }
            if let existing = owners[key], existing != id { owners[key] = .some(nil) } else { owners[key] = id }
        }
        var words: [String: Set<String>] = [:]
        for p in people {
            let name = p.name.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            add(name, p.id)
            add(name.replacingOccurrences(of: " ", with: ""), p.id)
            if let local = p.email.split(separator: "@").first { add(String(local), p.id) }
            for word in name.split(separator: " ") where name.contains(" ") { words[word.lowercased(), default: []].insert(p.id) }
        }
        for (word, ids) in words where owners[word] == nil {
            owners[word] = ids.count == 1 ? ids.first : .some(nil)
        }
        return owners.map { (Array($0.key), $0.value) }
    }

    /// Letters and digits of a word or an email address: an `@` after one is an address.
    static func isAddressCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || "._+-".contains(c)
    }

    /// Whether the text at `index` carries on the word a Latin handle ended in: a letter,
    /// a digit, `_` or `-`, or a `.` followed by one (`@kim.lee`, not the full stop of
    /// `Thanks @kim.`).
    static func continuesWord(_ chars: [Character], at index: Int) -> Bool {
        let c = chars[index]
        if c.isLetter || c.isNumber || c == "_" || c == "-" { return true }
        if c == ".", index + 1 < chars.count { return chars[index + 1].isLetter || chars[index + 1].isNumber }
        return false
    }

    /// Hangul, kana and CJK ideographs: scripts written without spaces between a name and
    /// what follows it.
    static func isUnspacedScript(_ c: Character) -> Bool {
        guard let v = c.unicodeScalars.first?.value else { return false }
        switch v {
        case 0x1100...0x11FF, 0x3130...0x318F, 0xAC00...0xD7A3: return true  // Hangul
        case 0x3040...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F: return true  // kana
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F: return true  // CJK ideographs
        default: return false
        }
    }
}
