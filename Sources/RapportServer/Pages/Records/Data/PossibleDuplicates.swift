import Foundation
import RapportKit
import RapportStore

/// "Possible duplicates" for a type whose records people enter twice (people,
/// organizations): other records with the same name or a phone number in common, each
/// with a link to the side-by-side merge. Email addresses and domains are unique keys, so
/// two records never share one; a name or a phone is what duplicates have in common.
///
/// The record page carries only a link to them: finding them takes up to four ranked
/// searches, which made a person's page a third slower (p50 20.0 against 15.0 ms at
/// 20,000 people, debug build) on the page a rep opens most.
struct PossibleDuplicates: RecordPageSection {
    var place: RecordPagePlace { .side }
    var template: String { "possible_duplicates" }
    /// Enough to choose from; the merge takes two at a time.
    static let limit = 10

    /// Who may look: merging needs update and delete on the type.
    static func allowed(_ type: RecordType, user: PageUser) -> Bool {
        user.viewer.role.allows(.update, on: type.name) && user.viewer.role.allows(.delete, on: type.name)
    }

    func values(_ record: StoredRecord, type: RecordType, user: PageUser, actor: Actor, deps: PageDependencies) async throws -> [String: Any]? {
        guard Self.allowed(type, user: user) else { return nil }
        return ["lookHref": "/\(type.name)/\(record.id)/duplicates"]
    }

    /// The records that look like `record`, for the duplicates page.
    static func find(_ record: StoredRecord, type: RecordType, user: PageUser, actor: Actor, deps: PageDependencies) async throws -> [[String: Any]] {
        let shown = deps.store.view(type, for: actor)
        let title = record.fields[shown.titleField]?.stringValue?.trimmedWhitespace ?? ""
        var found: [(StoredRecord, String)] = []
        func add(_ params: [(String, String)], reason: String, keep: (StoredRecord) -> Bool) async throws {
            guard case .success(let query) = ListQuery.parse(params + [("limit", "20")], type: shown) else { return }
            // A hint, not a listing: a query the store declines leaves it out, not the page.
            guard let records = try? await deps.store.list(type, query: query, actor: actor).records else { return }
            for other in records
            where other.id != record.id && !found.contains(where: { $0.0.id == other.id }) && keep(other) && found.count < Self.limit {
                found.append((other, reason))
            }
        }
        // A shared phone number first: a stronger sign than a common name, which in a large
        // book (김민준, 佐藤) would otherwise fill the list.
        if shown.field("phones") != nil {
            let mine = Self.phoneDigits(record)
            for digits in mine.sorted().prefix(3) where digits.count >= 6 {
                // Phones are searchable, not filterable: search the number, keep real matches.
                try await add([("q", digits)], reason: user.t("duplicates_same_phone")) { !Self.phoneDigits($0).isDisjoint(with: mine) }
            }
        }
        if !title.isEmpty {
            let folded = SearchText.fold(title)
            try await add([("q", title)], reason: user.t("duplicates_same_name")) {
                SearchText.fold($0.fields[shown.titleField]?.stringValue?.trimmedWhitespace ?? "") == folded
            }
        }
        return found.map { other, reason in
            let phone = Self.first(other, "phones", key: "number") ?? ""
            return [
                "title": other.fields[shown.titleField]?.stringValue ?? user.typeName(type, one: true), "href": "/\(type.name)/\(other.id)",
                "reason": reason, "email": Self.first(other, "emails", key: "address") ?? "",
                // Linked as on the record itself, so a rep on a phone can call to ask which is right.
                "phone": phone, "tel": phone.filter { $0.isNumber || $0 == "+" },
                "mergeHref": "/\(type.name)/merge?" + RecordPages.encode([("ids", record.id), ("ids", other.id)]),
            ] as [String: Any]
        }
    }

    /// The first of a list field (emails, phones): what tells two records of the same name
    /// apart at a glance. Hidden fields are already gone from `record`.
    static func first(_ record: StoredRecord, _ field: String, key: String) -> String? {
        record.fields[field]?.arrayValue?.first.flatMap { $0.objectValue?[key]?.stringValue ?? $0.stringValue }
    }

    static func phoneDigits(_ record: StoredRecord) -> Set<String> {
        Set((record.fields["phones"]?.arrayValue ?? []).compactMap { phone in
            (phone.objectValue?["number"]?.stringValue ?? phone.stringValue).map(Phone.digits)
        })
    }
}
