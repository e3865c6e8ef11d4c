import Foundation

/// Text folding and tokenising shared by the index and the query, so both sides agree.
///
/// Folding is NFKC (full-width ↔ half-width Japanese, compatibility forms), lower case,
/// and diacritics removed from Latin, Greek and Cyrillic letters only: stripping marks
/// from kana would turn が into か and from Hangul would break syllables apart.
///
/// Words in alphabetic scripts become one term each and are matched by prefix. Runs of
/// Han, kana and Hangul have no spaces between words, so they are indexed as overlapping
/// bigrams plus the run's last character: any query of two or more characters is then a
/// conjunction of exact bigrams (`보경` in `김보경`), and a one-character query is a prefix
/// of some term. Trigram indexes cannot answer two-character queries; this can.
public enum SearchText {
    /// Folds text for comparison and indexing.
    public static func fold(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: text.utf8.map { ($0 >= 65 && $0 <= 90) ? $0 + 32 : $0 }, as: UTF8.self)
        }
        // Most names are ASCII mixed with Hangul syllables, kanji and full-width kana, all of
        // which NFKC leaves alone and which have no case: only ASCII needs lowering.
        if text.unicodeScalars.allSatisfy(isFoldStable) {
            var out = String.UnicodeScalarView()
            for s in text.unicodeScalars {
                out.append(s.value >= 65 && s.value <= 90 ? Unicode.Scalar(s.value + 32)! : s)
            }
            return String(out)
        }
        // Decompose then compose explicitly: the one-step NFKC call does not recompose on
        // Linux, which leaves half-width ｶﾞ as カ + combining mark instead of ガ.
        let nfkc = text.decomposedStringWithCompatibilityMapping.precomposedStringWithCanonicalMapping.lowercased()
        guard nfkc.unicodeScalars.contains(where: hasStrippableMarks) else { return nfkc }
        var out = String.UnicodeScalarView()
        for scalar in nfkc.unicodeScalars {
            if hasStrippableMarks(scalar) {
                for s in String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars where !(0x0300...0x036F).contains(s.value) {
                    out.append(s)
                }
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Scalars that NFKC, lower-casing and accent stripping all leave unchanged (apart from
    /// ASCII capitals, lowered separately).
    @inline(__always)
    static func isFoldStable(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20...0x7E: return true
        case 0xAC00...0xD7A3: return true  // Hangul syllables
        case 0x4E00...0x9FFF, 0x3400...0x4DBF: return true  // CJK ideographs
        case 0x3041...0x3096, 0x30A1...0x30FA, 0x30FC: return true  // hiragana, katakana, ー
        default: return false
        }
    }

    /// Latin, Greek and Cyrillic letters (including Vietnamese and polytonic Greek), whose
    /// accents users leave out when they search.
    @inline(__always)
    static func hasStrippableMarks(_ s: Unicode.Scalar) -> Bool {
        (s.value >= 0xC0 && s.value < 0x0530) || (s.value >= 0x1E00 && s.value <= 0x1FFF)
    }

    /// Scripts written without spaces between words, indexed as bigrams.
    @inline(__always)
    static func isCJK(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x1100...0x11FF, 0x3130...0x318F, 0xAC00...0xD7AF, 0xA960...0xA97F, 0xD7B0...0xD7FF: return true  // Hangul
        case 0x3040...0x309F, 0x30A0...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F: return true  // kana
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F: return true  // Han
        case 0x3005, 0x3006, 0x3007: return true  // 々 〆 〇
        default: return false
        }
    }

    @inline(__always)
    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 {
            return (s.value >= 48 && s.value <= 57) || (s.value >= 97 && s.value <= 122) || (s.value >= 65 && s.value <= 90)
        }
        return s.properties.isAlphabetic || s.properties.numericType != nil || s.properties.generalCategory == .nonspacingMark
            || s.properties.generalCategory == .spacingMark
    }

    /// A piece of folded text: a word of an alphabetic script, or a run of CJK characters
    /// (runs separated only by spaces are joined, so `山田 太郎` reads as `山田太郎`).
    enum Piece: Equatable {
        case word(String)
        case cjk([Unicode.Scalar])
    }

    static func pieces(_ folded: String) -> [Piece] {
        var result: [Piece] = []
        var word = String.UnicodeScalarView()
        var cjk: [Unicode.Scalar] = []
        func flushWord() {
            if !word.isEmpty { result.append(.word(String(word))); word = String.UnicodeScalarView() }
        }
        func flushCJK() {
            if !cjk.isEmpty { result.append(.cjk(cjk)); cjk = [] }
        }
        for s in folded.unicodeScalars {
            if isCJK(s) {
                flushWord()
                cjk.append(s)
            } else if isWordScalar(s) {
                flushCJK()
                word.append(s)
            } else {
                flushWord()
                // Whitespace does not end a CJK run; any other separator does.
                if !s.properties.isWhitespace { flushCJK() }
            }
        }
        flushWord()
        flushCJK()
        return result
    }

    /// Index terms for a value of the given search role.
    public static func terms(_ text: String, role: FieldSpec.SearchRole, into terms: inout [String]) {
        if role == .phone {
            let digits = Phone.digits(text)
            guard !digits.isEmpty else { return }
            terms.append(digits)
            if digits.hasPrefix("0"), digits.count > 4 { terms.append(String(digits.dropFirst())) }
            return
        }
        for piece in pieces(fold(text)) {
            switch piece {
            case .word(let w):
                terms.append(w)
            case .cjk(let run):
                if run.count == 1 {
                    terms.append(String(Character(run[0])))
                    continue
                }
                for i in 0..<(run.count - 1) {
                    var s = String.UnicodeScalarView()
                    s.append(run[i])
                    s.append(run[i + 1])
                    terms.append(String(s))
                }
                terms.append(String(Character(run[run.count - 1])))
            }
        }
    }

    /// Folded text with spaces and punctuation removed, for ranking by exact and prefix match.
    public static func compact(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for s in fold(text).unicodeScalars where isCJK(s) || isWordScalar(s) { out.append(s) }
        return String(out)
    }
}
