import Foundation

/// Which field each column of a CSV file most likely fills, from its header: the first
/// guess of the import page's mapping step, which the user then corrects.
///
/// Spreadsheets exported from other systems name their columns in the exporter's words
/// and language ("E-mail", "이메일", "メールアドレス", "Company Name"). The field labels of
/// every page language are the dictionary, so a field a translator named is recognised in
/// that language without a second list to keep in step; a few words that exports use
/// and no label says ("Mobile", "携帯", "휴대폰") are added by ``commonWords``.
public enum ImportColumnGuess {
    /// A field the user may fill and the words that name it (its name, its labels).
    public struct Candidate: Sendable, Equatable {
        public var field: String
        public var words: [String]
        public init(field: String, words: [String]) {
            self.field = field
            self.words = words
        }
    }

    /// Headers as exports commonly spell them that no label of ours says, by field name.
    public static let commonWords: [String: [String]] = [
        "emails": ["email", "e-mail", "mail", "email address", "메일", "이메일 주소", "전자우편", "メール", "Eメール", "電子メール"],
        "phones": ["phone", "tel", "telephone", "mobile", "mobile phone", "phone number", "전화", "휴대폰", "휴대전화", "연락처", "電話", "携帯", "携帯電話", "TEL"],
        "organization_id": ["company", "company name", "organization", "organisation", "account", "회사", "회사명", "소속", "会社", "会社名", "企業名", "所属"],
        "given_name": ["first name", "firstname", "given name", "名前(名)"],
        "family_name": ["last name", "lastname", "surname", "family name", "名字", "苗字"],
        "display_name": ["name", "full name", "contact name", "성명", "이름 전체", "氏名", "名前"],
        "name": ["name", "company name", "organization name", "회사명", "会社名", "企業名"],
        "job_title": ["title", "job title", "position", "직책", "직위", "직함", "役職", "肩書"],
        "name_reading": ["reading", "furigana", "フリガナ", "ふりがな", "よみがな"],
        "website": ["website url", "url", "web", "홈페이지", "ホームページ"],
        "tags": ["tag", "labels", "태그", "タグ"],
    ]

    /// One field (or nil) per header, in the headers' order. A field is proposed for at
    /// most one column, since two columns filling one field stop an import; the closest
    /// match wins it, and ties go to the earlier column.
    public static func guess(headers: [String], candidates: [Candidate]) -> [String?] {
        var scored: [(score: Int, header: Int, candidate: Int)] = []
        for (h, header) in headers.enumerated() {
            let key = normalized(header)
            guard !key.isEmpty else { continue }
            for (c, candidate) in candidates.enumerated() {
                let words = candidate.words + (commonWords[candidate.field] ?? [])
                let best = words.map { score(key, normalized($0)) }.max() ?? 0
                if best > 0 { scored.append((best, h, c)) }
            }
        }
        scored.sort { ($0.score, -$0.header, -$0.candidate) > ($1.score, -$1.header, -$1.candidate) }
        var out = [String?](repeating: nil, count: headers.count)
        var taken = Set<Int>()
        for s in scored where out[s.header] == nil && !taken.contains(s.candidate) {
            out[s.header] = candidates[s.candidate].field
            taken.insert(s.candidate)
        }
        return out
    }

    /// 3 for the same words, 2 for a plural's singular ("email" for "emails"), 1 when one
    /// begins the other and the shorter has at least two letters ("メール" and
    /// "メールアドレス"); 0 otherwise.
    static func score(_ header: String, _ word: String) -> Int {
        guard !word.isEmpty else { return 0 }
        if header == word { return 3 }
        if word.hasSuffix("s"), String(word.dropLast()) == header { return 2 }
        let shorter = min(header.count, word.count)
        if shorter >= 2, header.hasPrefix(word) || word.hasPrefix(header) {
            // A one-syllable Hangul or kanji word ("성", "名") would begin too much.
            return 1
        }
        return 0
    }

    /// A header as compared: compatibility-folded (full-width letters, half-width kana),
    /// lower case, without spaces and the punctuation headers are decorated with.
    public static func normalized(_ text: String) -> String {
        let folded = text.precomposedStringWithCompatibilityMapping.lowercased()
        let dropped: Set<Character> = [" ", "\t", "-", "_", ".", "・", "/", "(", ")", ":", "*", "\u{3000}", "\u{FEFF}"]
        return String(folded.filter { !dropped.contains($0) })
    }
}
