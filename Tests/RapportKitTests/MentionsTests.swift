import RapportKit
import Testing

/// `@name` mentions as people write them in Latin, Korean and Japanese text.
@Suite struct MentionsTests {
    static let people = [
        Mentions.Person(id: "kim", name: "김보경", email: "bokyung.kim@hanbit.example"),
        Mentions.Person(id: "yamada", name: "山田 太郎", email: "taro@acme.example"),
        Mentions.Person(id: "yamako", name: "山本 花子", email: "hanako@acme.example"),
        Mentions.Person(id: "ann", name: "Ann Lee", email: "ann@example.com"),
        Mentions.Person(id: "anna", name: "Anna Park", email: "anna@example.com"),
        Mentions.Person(id: "lee2", name: "Jun Lee", email: "jun@example.com"),
    ]

    func find(_ text: String) -> [String] { Mentions.find(in: text, among: Self.people) }

    @Test func hangulNamesTakeParticlesAndHonorifics() {
        #expect(find("@김보경 님 견적 확인 부탁드립니다") == ["kim"])
        #expect(find("@김보경님 견적 확인 부탁드립니다") == ["kim"])
        #expect(find("내일 @김보경에게 전달") == ["kim"])
    }

    @Test func kanjiNamesWithOrWithoutTheSpaceAndByFamilyName() {
        #expect(find("@山田 太郎 さん、ご確認ください") == ["yamada"])
        #expect(find("@山田太郎さん、ご確認ください") == ["yamada"])
        // 山田 is one user's family name only; 山 alone is nobody.
        #expect(find("@山田さん、見積の件です") == ["yamada"])
        #expect(find("@山さん") == [])
    }

    @Test func latinNamesEmailLocalPartsAndLongestMatch() {
        #expect(find("Thanks @Ann Lee, and @anna too.") == ["ann", "anna"])
        #expect(find("cc @taro @bokyung.kim") == ["yamada", "kim"])
        // "Lee" is two users' word: it mentions neither.
        #expect(find("ask @Lee") == [])
        // A handle must end where the word ends: @annabel is nobody.
        #expect(find("@annabel said so") == [])
        #expect(find("Thanks @ann.") == ["ann"])
    }

    /// As on GitHub and Slack, an address is not a mention, and each person counts once.
    @Test func addressesAreNotMentionsAndRepeatsCountOnce() {
        #expect(find("write to ann@example.com") == [])
        #expect(find("@ann @Ann Lee @ANN") == ["ann"])
        #expect(find("no mentions at all") == [])
        #expect(find("@") == [])
        #expect(Mentions.find(in: "@ann", among: []) == [])
    }

    /// Decomposed Hangul (as some keyboards and macOS file names produce) is the same name.
    @Test func canonicallyEquivalentTextMatches() {
        let decomposed = "@" + "김보경".decomposedStringWithCanonicalMapping + "님"
        #expect(find(decomposed) == ["kim"])
    }
}
