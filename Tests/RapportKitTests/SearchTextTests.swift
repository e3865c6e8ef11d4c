import Testing
@testable import RapportKit

/// The index and the query fold text the same way, so a name typed in any width, case or
/// accent finds the stored record; if folding drifted, searches would silently miss rows.
@Suite struct SearchTextFoldTests {
    @Test(arguments: [
        ("ＡＢＣ１２３", "abc123"),
        ("Ａｄａ　Ｌｏｖｅｌａｃｅ", "ada lovelace"),
        ("ADA Lovelace", "ada lovelace"),
        ("ｶﾀｶﾅ", "カタカナ"),
        ("カタカナ", "カタカナ"),
        ("Crème Brûlée", "creme brulee"),
        ("ÅNGSTRÖM", "angstrom"),
        ("José Müller", "jose muller"),
        ("Ελληνικά", "ελληνικα"),
        ("Ёлка", "елка"),
        ("plain ascii 42", "plain ascii 42"),
    ])
    func folds(_ input: String, _ expected: String) {
        let folded = SearchText.fold(input)
        #expect(folded == expected)
        #expect(Array(folded.unicodeScalars) == Array(expected.unicodeScalars))
    }

    /// Stripping marks from kana turns が into か and breaks Hangul syllables apart.
    @Test(arguments: ["が", "ぱぴぷ", "ガギグ", "김보경", "한국어"])
    func keepsKanaVoicingAndHangulIntact(_ input: String) {
        #expect(Array(SearchText.fold(input).unicodeScalars) == Array(input.unicodeScalars))
    }

    @Test func latinAccentsAreRemovedButDakutenKeptInMixedText() {
        #expect(Array(SearchText.fold("Café が").unicodeScalars) == Array("cafe が".unicodeScalars))
    }

    @Test func compactDropsSpacesAndPunctuation() {
        #expect(SearchText.compact("Ada  Lovelace-King, Ltd.") == "adalovelacekingltd")
        #expect(SearchText.compact("山田 太郎") == "山田太郎")
        #expect(SearchText.compact("010-1234-5678") == "01012345678")
        #expect(SearchText.compact("  ") == "")
    }
}

/// Index terms decide what can ever be found: words by prefix, CJK by bigrams so that
/// two-character queries work inside names without spaces, phones by digits.
@Suite struct SearchTextTermTests {
    private func terms(_ text: String, _ role: FieldSpec.SearchRole = .name) -> [String] {
        var out: [String] = []
        SearchText.terms(text, role: role, into: &out)
        return out
    }

    @Test(arguments: [
        ("Ada Lovelace", ["ada", "lovelace"]),
        ("O'Brien-Smith", ["o", "brien", "smith"]),
        ("ＡＤＡ", ["ada"]),
        ("김보경", ["김보", "보경", "경"]),
        ("山田太郎", ["山田", "田太", "太郎", "郎"]),
        ("山", ["山"]),
        ("山田 太郎", ["山田", "田太", "太郎", "郎"]),
        ("山田、太郎", ["山田", "田", "太郎", "郎"]),
        ("Tokyo 東京都 office", ["tokyo", "東京", "京都", "都", "office"]),
        ("渋谷区1丁目", ["渋谷", "谷区", "区", "1", "丁目", "目"]),
    ])
    func nameTerms(_ text: String, _ expected: [String]) {
        #expect(terms(text) == expected)
    }

    @Test func termsAppendToExistingList() {
        var out = ["x"]
        SearchText.terms("Ada", role: .text, into: &out)
        #expect(out == ["x", "ada"])
    }

    @Test(arguments: [
        ("+82 10-1234-5678", ["821012345678"]),
        ("010-1234-5678", ["01012345678", "1012345678"]),
        ("(03) 1234.5678", ["0312345678", "312345678"]),
        ("0312", ["0312"]),
        ("abc", []),
    ])
    func phoneTermsAreDigitsWithAndWithoutTrunkZero(_ text: String, _ expected: [String]) {
        #expect(terms(text, .phone) == expected)
    }
}

/// The query must produce exactly the term shapes the index holds, otherwise a correct
/// record is not found (or everything is).
@Suite struct SearchQueryTests {
    private func shape(_ q: String) -> [String] {
        SearchQuery(q).terms.map { $0.text + ($0.isPrefix ? "*" : "") }
    }

    @Test(arguments: [
        ("lov", ["lov*"]),
        ("Ada Lovelace", ["ada*", "lovelace*"]),
        ("ＡＤＡ", ["ada*"]),
        ("a.b", ["a*", "b*"]),
        ("보경", ["보경"]),
        ("김보경", ["김보", "보경"]),
        ("山田太郎", ["山田", "田太", "太郎"]),
        ("山田 太郎", ["山田", "田太", "太郎"]),
        ("김", ["김*"]),
        ("山", ["山*"]),
        ("010-1234", ["0101234*"]),
        ("+82 10", ["8210*"]),
        ("(03) 1234", ["031234*"]),
        ("1234", ["1234*"]),
        ("12-3", ["12*", "3*"]),
        ("ada ada", ["ada*"]),
    ])
    func termShapes(_ q: String, _ expected: [String]) {
        #expect(shape(q) == expected)
    }

    @Test func keepsRawAndCompact() {
        let q = SearchQuery("Ada Lovelace")
        #expect(q.raw == "Ada Lovelace")
        #expect(q.compact == "adalovelace")
        #expect(!q.isEmpty)
        #expect(SearchQuery("  ,. ").isEmpty)
    }

    /// Every query bigram must be an index term, and a one-character query must prefix one.
    @Test(arguments: [
        ("김보경", "보경"), ("김보경", "김보"), ("김보경", "경"), ("김보경", "김"),
        ("山田 太郎", "田太"), ("山田太郎", "太郎"), ("山田太郎", "郎"),
    ])
    func cjkQueryMatchesIndex(_ stored: String, _ query: String) {
        var index: [String] = []
        SearchText.terms(stored, role: .name, into: &index)
        for term in SearchQuery(query).terms {
            if term.isPrefix {
                #expect(index.contains { $0.hasPrefix(term.text) }, "\(term.text)* not in \(index)")
            } else {
                #expect(index.contains(term.text), "\(term.text) not in \(index)")
            }
        }
    }

    @Test(arguments: ["010-1234", "10-1234-5678", "+82 10-1234"])
    func phoneQueryPrefixesStoredDigits(_ query: String) throws {
        var index: [String] = []
        SearchText.terms("+82 10-1234-5678", role: .phone, into: &index)
        SearchText.terms("010-1234-5678", role: .phone, into: &index)
        let term = try #require(SearchQuery(query).terms.first)
        #expect(SearchQuery(query).terms.count == 1)
        #expect(term.isPrefix)
        #expect(index.contains { $0.hasPrefix(term.text) })
    }

    @Test func rankValues() {
        let q = SearchQuery("ada")
        #expect(q.rank(names: ["Ada"], others: []) == 100)
        #expect(q.rank(names: ["ADA"], others: []) == 100)
        #expect(q.rank(names: ["Adams"], others: []) == 80)
        #expect(q.rank(names: ["Mary Ada-Smith"], others: []) == 70)
        #expect(q.rank(names: ["Canada"], others: []) == 50)
        #expect(q.rank(names: ["Bob"], others: ["ada"]) == 40)
        #expect(q.rank(names: ["Bob"], others: ["adam@example.com"]) == 30)
        #expect(q.rank(names: ["Bob"], others: ["x"]) == 10)
        #expect(q.rank(names: [], others: []) == 10)
    }

    @Test func rankOrdersExactThenPrefixThenContains() {
        let q = SearchQuery("보경")
        let exact = q.rank(names: ["보경"], others: [])
        let prefix = q.rank(names: ["보경이"], others: [])
        let contains = q.rank(names: ["김보경"], others: [])
        #expect(exact > prefix)
        #expect(prefix > contains)
        #expect(contains > q.rank(names: ["김철수"], others: []))
    }

    @Test func bestNameWinsAndNamesBeatOthers() {
        let q = SearchQuery("Ada Lovelace")
        #expect(q.rank(names: ["Lady Byron", "ada lovelace"], others: []) == 100)
        #expect(q.rank(names: ["x"], others: ["Ada Lovelace"]) < q.rank(names: ["Ada Lovelace King"], others: []))
    }
}

/// Regressions found while testing folding on Linux.
@Suite struct SearchTextFoldingRegressionTests {
    @Test("Half-width katakana with voicing marks folds to the composed full-width letter")
    func halfWidthVoicedKana() {
        #expect(Array(SearchText.fold("ｶﾞｷﾞ").unicodeScalars.map(\.value)) == [0x30AC, 0x30AE])
        #expect(Array(SearchText.fold("ﾊﾟﾝ").unicodeScalars.map(\.value)) == [0x30D1, 0x30F3])
        var terms: [String] = []
        SearchText.terms("ｶﾞｷﾞ", role: .name, into: &terms)
        #expect(SearchQuery("ガギ").terms.allSatisfy { t in terms.contains { Array($0.unicodeScalars) == Array(t.text.unicodeScalars) } })
    }

    @Test("Vietnamese and polytonic Greek lose their accents", arguments: [("Nguyễn", "nguyen"), ("Đặng", "đang"), ("ἀλφα", "αλφα")])
    func extendedAccents(input: String, folded: String) {
        #expect(Array(SearchText.fold(input).unicodeScalars) == Array(folded.unicodeScalars))
    }
}
