import Foundation
import Testing
@testable import RapportKit

/// Input that would tie up a core or slip past a required field: list sizes are bounded
/// and deduplicated in linear time, and names made only of invisible characters are empty.
@Suite struct InputBoundsTests {
    static func tags(_ n: Int, prefix: String = "t") -> JSONValue {
        .array((0..<n).map { .string(prefix + String($0)) })
    }

    @Test func listsHoldAtMostAHundredItems() {
        for kind in [FieldKind.tags, .emails, .phones, .references("people"), .links, .choices(["a"])] {
            let result = FieldValidator.canonical(Self.tags(101), for: FieldSpec("f", kind))
            guard case .failure(let e) = result else { Issue.record("\(kind.name) accepted 101 items"); continue }
            #expect(e.field == "f" && e.code == "too_many", "\(kind.name)")
        }
        #expect((try? FieldValidator.canonical(Self.tags(100), for: FieldSpec("f", .tags)).get())?.arrayValue?.count == 100)
    }

    /// Dedup is by a set of case-folded names: the first spelling of each tag stays.
    @Test func tagsDeduplicateIgnoringCase() throws {
        let value = JSONValue.array(["VIP", "vip", "Partner", "ViP", "partner", "new"].map(JSONValue.string))
        let out = try FieldValidator.canonical(value, for: FieldSpec("f", .tags)).get()
        #expect(out.arrayValue?.compactMap(\.stringValue) == ["VIP", "Partner", "new"])
    }

    /// 10,000 tags used to take 33 s of CPU; refusing them must be immediate.
    @Test func tenThousandTagsAreRefusedAtOnce() {
        let start = ContinuousClock.now
        let result = FieldValidator.canonical(Self.tags(10_000), for: FieldSpec("tags", .tags))
        #expect(ContinuousClock.now - start < .seconds(1))
        if case .success = result { Issue.record("10,000 tags accepted") }
    }

    @Test(arguments: [
        "\u{200B}", "\u{200B}\u{200C}\u{200D}", "\u{3164}", "\u{3164}\u{3164}", "\u{FEFF}", "\u{2060}", "\u{115F}\u{1160}",
        "\u{FFA0}", " \u{200B} ", "\u{180E}", "\u{2800}", "\u{00AD}", "\u{202E}\u{202C}",
    ])
    func invisibleOnlyTextIsEmpty(_ text: String) throws {
        #expect(try FieldValidator.canonical(.string(text), for: FieldSpec("f", .text(maxLength: 200))).get() == .null)
    }

    @Test(arguments: ["김보경", "a\u{200B}b", "山田\u{3000}太郎", "x"])
    func visibleTextKeepsItsCharacters(_ text: String) throws {
        #expect(try FieldValidator.canonical(.string(text), for: FieldSpec("f", .text(maxLength: 200))).get() == .string(text))
    }
}
