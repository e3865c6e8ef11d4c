/// A parsed `?q=`: the terms every hit must contain.
public struct SearchQuery: Sendable, Equatable {
    public struct Term: Sendable, Equatable, Hashable {
        public var text: String
        /// Matches any index term that starts with `text`.
        public var isPrefix: Bool
        public init(_ text: String, isPrefix: Bool) {
            self.text = text
            self.isPrefix = isPrefix
        }
    }

    public var raw: String
    public var terms: [Term]
    /// The folded query without separators, compared against field values for ranking.
    public var compact: String

    /// Words match by prefix (`lov` finds Lovelace); CJK runs become exact bigrams
    /// (`보경`); a single CJK character matches by prefix; a phone-like query matches
    /// the stored digits by prefix.
    public init(_ raw: String) {
        self.raw = raw
        self.compact = SearchText.compact(raw)
        var terms: [Term] = []
        let phoneLike = raw.unicodeScalars.allSatisfy { "0123456789+-(). /".unicodeScalars.contains($0) }
        let digits = Phone.digits(raw)
        if phoneLike, digits.count >= 4, raw.unicodeScalars.contains(where: { !("0"..."9").contains($0) }) {
            terms.append(Term(digits, isPrefix: true))
        } else {
            for piece in SearchText.pieces(SearchText.fold(raw)) {
                switch piece {
                case .word(let w):
                    terms.append(Term(w, isPrefix: true))
                case .cjk(let run):
                    if run.count == 1 {
                        terms.append(Term(String(Character(run[0])), isPrefix: true))
                    } else {
                        for i in 0..<(run.count - 1) {
                            var s = String.UnicodeScalarView()
                            s.append(run[i])
                            s.append(run[i + 1])
                            terms.append(Term(String(s), isPrefix: false))
                        }
                    }
                }
            }
        }
        var seen = Set<Term>()
        self.terms = terms.filter { seen.insert($0).inserted }
    }

    public var isEmpty: Bool { terms.isEmpty }

    /// Whether a record with these index terms answers the query: every query term is
    /// one of them (or, for prefix terms, begins one) — the rule the indexes apply.
    public func matches(terms recordTerms: [String]) -> Bool {
        let exact = Set(recordTerms)
        return terms.allSatisfy { t in
            exact.contains(t.text) || (t.isPrefix && recordTerms.contains { $0.hasPrefix(t.text) })
        }
    }

    /// Relevance of a hit: exact name first, then names starting with the query, then the
    /// rest. `names` are the record's name-role values, `others` its other searched values.
    public func rank(names: [String], others: [String]) -> Int {
        let query = Array(compact.unicodeScalars)
        var best = 0
        for name in names {
            let (c, wordStarts) = Self.compactWithWordStarts(name)
            if c == query { return 100 }
            if c.starts(with: query) {
                best = max(best, 80)
            } else if wordStarts.contains(where: { c[$0...].starts(with: query) }) {
                best = max(best, 70)
            } else if Self.contains(c, query) {
                best = max(best, 50)
            }
        }
        if best > 0 { return best }
        for other in others {
            let (c, _) = Self.compactWithWordStarts(other)
            if c == query { best = max(best, 40) } else if c.starts(with: query) { best = max(best, 30) }
        }
        return max(best, 10)
    }

    /// The folded text without separators, and where each word starts in it, in one pass:
    /// ranking runs over hundreds of candidates per search.
    static func compactWithWordStarts(_ text: String) -> ([Unicode.Scalar], [Int]) {
        var out: [Unicode.Scalar] = []
        var starts: [Int] = []
        var inWord = false
        for s in SearchText.fold(text).unicodeScalars {
            if SearchText.isCJK(s) || SearchText.isWordScalar(s) {
                if !inWord { starts.append(out.count) }
                out.append(s)
                inWord = true
            } else {
                inWord = false
            }
        }
        return (out, starts)
    }

    /// Substring test over scalars, without Foundation's locale-aware search.
    static func contains(_ haystack: [Unicode.Scalar], _ needle: [Unicode.Scalar]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return needle.isEmpty }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }
}
