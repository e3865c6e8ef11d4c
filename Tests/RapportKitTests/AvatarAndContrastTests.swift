import RapportKit
import Testing

/// Avatar initials for Western, Korean and Japanese names, and the WCAG contrast measure
/// the design system's colours are checked with.
@Suite struct AvatarAndContrastTests {
    @Test(arguments: [
        ("Ada Lovelace", "AL"), ("grace brewster hopper", "GH"), ("Cher", "C"),
        ("김보경", "보경"), ("남궁민수", "남궁"), ("이준", "이준"),
        ("山田太郎", "山"), ("やまだ たろう", "や"), ("株式会社山田製作所", "山"), ("주식회사 한빛소프트", "한빛"),
        ("(주)대한정밀", "대한"), ("  ", "?"), ("", "?"), ("123", "?"),
    ])
    func initials(_ name: String, _ expected: String) {
        #expect(Initials.of(name) == expected)
    }

    @Test func colourIsStablePerRecordAndInRange() {
        let a = Initials.colorIndex(for: "01a22fc7-c168-7035-8ab5-2ff8df66488b", count: 8)
        #expect(a == Initials.colorIndex(for: "01a22fc7-c168-7035-8ab5-2ff8df66488b", count: 8))
        let spread = Set((0..<64).map { Initials.colorIndex(for: "id-\($0)", count: 8) })
        #expect(spread.allSatisfy { (0..<8).contains($0) } && spread.count > 4)
    }

    /// Published values: black on white is the maximum, 21:1; #767676 on white is the
    /// lightest grey that passes AA for body text (4.54:1), #777777 just fails (4.48:1).
    @Test func contrastMatchesPublishedValues() throws {
        #expect(abs(try #require(ContrastRatio.between("#000000", "#ffffff")) - 21) < 0.01)
        #expect(abs(try #require(ContrastRatio.between("#767676", "#FFFFFF")) - 4.54) < 0.01)
        #expect(abs(try #require(ContrastRatio.between("#777777", "#ffffff")) - 4.48) < 0.01)
        #expect(try #require(ContrastRatio.between("#ffffff", "#ffffff")) == 1)
        #expect(ContrastRatio.between("red", "#ffffff") == nil)
        #expect(ContrastRatio.between("#12345", "#ffffff") == nil)
    }
}
