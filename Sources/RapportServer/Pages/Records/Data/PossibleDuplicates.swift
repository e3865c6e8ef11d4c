import Foundation
import RapportKit
import RapportStore

/// "Possible duplicates" on the page of a type whose records people enter twice (people,
/// organizations): other records with the same name or a phone number in common, each
/// with a link to the side-by-side merge. Email addresses and domains are unique keys, so
/// two records never share one; a name or a phone is what duplicates have in common.
struct PossibleDuplicates: RecordPageSection {
    var place: RecordPagePlace { .side }
    var template: String { "possible_duplicates" }
    /// Enough to show that there are some; the merge takes two at a time.
    static let limit = 5

    func values(_ record: StoredRecord, type: RecordType, user: PageUser, actor: Actor, deps: PageDependencies) async throws -> [String: Any]? {
        let role = user.viewer.role
        guard role.allows(.update, on: type.name), role.allows(.delete, on: type.name) else { return nil }
        let shown = deps.store.view(type, for: actor)
        let title = record.fields[shown.titleField]?.stringValue?.trimmedWhitespace ?? ""
        var found: [(StoredRecord, String)] = []
        func add(_ params: [(String, String)], reason: String, keep: (StoredRecord) -> Bool) async throws {
            guard case .success(let query) = ListQuery.parse(params + [("limit", "20")], type: shown) else { return }
            // A hint beside the record: a query the store declines leaves it out, not the page.
            guard let records = try? await deps.store.list(type, query: query, actor: actor).records else { return }
            for other in records
            where other.id != record.id && !found.contains(where: { $0.0.id == other.id }) && keep(other) && found.count < Self.limit {
                found.append((other, reason))
            }
        }
        if !title.isEmpty {
            let folded = SearchText.fold(title)
            try await add([("q", title)], reason: user.t("duplicates_same_name")) {
                SearchText.fold($0.fields[shown.titleField]?.stringValue?.trimmedWhitespace ?? "") == folded
            }
        }
        if shown.field("phones") != nil {
            let mine = Self.phoneDigits(record)
            for digits in mine.sorted().prefix(3) where digits.count >= 6 {
                // Phones are searchable, not filterable: search the number, keep real matches.
                try await add([("q", digits)], reason: user.t("duplicates_same_phone")) { !Self.phoneDigits($0).isDisjoint(with: mine) }
            }
        }
        guard !found.isEmpty else { return nil }

        return [
            "duplicates": found.map { other, reason in
                [
                    "title": other.fields[shown.titleField]?.stringValue ?? user.typeName(type, one: true), "href": "/\(type.name)/\(other.id)",
                    "reason": reason, "mergeHref": "/\(type.name)/merge?" + RecordPages.encode([("ids", record.id), ("ids", other.id)]),
                ] as [String: Any]
            },
        ]
    }

    static func phoneDigits(_ record: StoredRecord) -> Set<String> {
        Set((record.fields["phones"]?.arrayValue ?? []).compactMap { phone in
            (phone.objectValue?["number"]?.stringValue ?? phone.stringValue).map(Phone.digits)
        })
    }
}
