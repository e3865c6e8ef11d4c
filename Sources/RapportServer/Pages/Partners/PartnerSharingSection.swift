import Foundation
import RapportKit
import RapportStore

/// What a partnership shares through the partner portal. Colleagues see the level per kind
/// and who the partner users are; a partner user sees how many records there are of each
/// kind shared as counts only, the one thing that level shows them.
struct PartnerSharingSection: RecordPageSection {
    var place: RecordPagePlace { .side }
    var template: String { "partner_sharing" }

    func values(_ record: StoredRecord, type: RecordType, user: PageUser, actor: Actor, deps: PageDependencies) async throws -> [String: Any]? {
        if user.viewer.role.grant(for: type.name).visibility == .partnership {
            var counts: [[String: Any]] = []
            for kind in PartnerShare.kinds where user.viewer.partnerships[record.id]?[kind] == .counts {
                var n = 0
                for other in deps.store.catalog.types {
                    guard let share = other.partnerShare, share.kind == kind, let field = share.field else { continue }
                    var query: [(String, String)] = [("filter[\(field)]", record.id)]
                    if let flag = share.flag { query.append(("filter[\(flag)]", "true")) }
                    let full = try await deps.store.type(named: other.name)
                    guard case .success(let parsed) = ListQuery.parse(query, type: full) else { continue }
                    if case .exactly(let c)? = try await deps.store.count(full, query: parsed, actor: .system) { n += c }
                }
                counts.append(["kind": user.t("partner_share_kind.\(kind)"), "count": String(n)])
            }
            return counts.isEmpty ? nil : ["partnerView": true, "counts": counts]
        }
        guard user.viewer.role.allows(.update, on: type.name) else { return nil }
        let links = try await PartnerUsers(store: deps.store).list(partnershipID: record.id, actor: actor)
        return [
            "partnerView": false,
            "levels": PartnerShare.kinds.map { kind -> [String: Any] in
                let level = record.fields["share_" + kind]?.stringValue ?? ShareLevel.hidden.rawValue
                return ["kind": user.t("partner_share_kind.\(kind)"), "level": user.choiceLabel("share_" + kind, level), "levelValue": level]
            },
            "users": links.map { ["name": $0.name, "email": $0.email, "active": $0.active] },
        ]
    }
}
