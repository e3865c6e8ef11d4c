import Foundation
import RapportKit
import RapportStore

/// The contact network between us and the partner: each person at the partner
/// organization(s), which colleagues talked with them and when last (from logged activities
/// the reader may see), flagged when nobody talked with them in 90 days or only one
/// colleague knows them.
struct PartnerNetworkSection: RecordPageSection {
    var place: RecordPagePlace { .header }
    var template: String { "partner_network" }

    func values(_ record: StoredRecord, type: RecordType, user: PageUser, actor: Actor, deps: PageDependencies) async throws -> [String: Any]? {
        let orgs = ([record.fields["partner_id"]?.stringValue] + (record.fields["other_partner_ids"]?.arrayValue ?? []).map(\.stringValue)).compactMap { $0 }
        guard !orgs.isEmpty,
              let people = try await deps.readable(People.type.name, [("filter[organization_id][in]", orgs.joined(separator: ",")), ("limit", "100")], user: user, actor: actor),
              !people.isEmpty else { return nil }
        let activities = try await deps.readable(Activities.type.name, [("filter[participants][in]", people.map(\.id).joined(separator: ",")), ("sort", "-created_at"), ("limit", "500")],
                                                 user: user, actor: actor) ?? []
        let ids = Set(people.map(\.id))
        var talks: [ContactNetwork.Interaction] = []
        for a in activities {
            guard let colleague = a.ownerID ?? a.createdBy else { continue }
            let at = (a.fields["occurred_at"]?.stringValue ?? a.fields["completed_at"]?.stringValue).flatMap(Timestamp.parse) ?? Timestamp.parse(a.createdAt) ?? 0
            for p in (a.fields["participants"]?.arrayValue ?? []).compactMap(\.stringValue) where ids.contains(p) {
                talks.append(.init(person: p, colleague: colleague, at: at))
            }
        }
        let now = Timestamp.millis(deps.now())
        var formatter = ValueFormatter(user: user)
        try await formatter.prepare(people, type: try await deps.store.type(named: People.type.name), store: deps.store, admin: deps.admin, actor: actor)
        let names = Dictionary(people.map { ($0.id, $0.fields["display_name"]?.stringValue ?? "—") }, uniquingKeysWith: { a, _ in a })
        let titles = Dictionary(people.map { ($0.id, $0.fields["job_title"]?.stringValue ?? "") }, uniquingKeysWith: { a, _ in a })
        return ["people": ContactNetwork.summarize(people: people.map(\.id), talks, now: now).prefix(30).map { p -> [String: Any] in
            [
                "href": "/people/\(p.person)", "name": names[p.person] ?? "—", "title": titles[p.person] ?? "",
                "ties": p.ties.prefix(3).map { tie in
                    (formatter.userNames[tie.colleague] ?? "—") + " · " + formatter.relative(Timestamp.format(millisecondsSince1970: tie.lastAt), now: deps.now())
                }.joined(separator: ", "),
                "never": p.ties.isEmpty, "stale": p.stale && !p.ties.isEmpty, "single": p.singleThreaded,
            ]
        }]
    }
}
