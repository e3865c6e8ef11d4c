import Foundation
import RapportKit
import RapportStore

/// The partnership's results from the CRM itself: the open pipeline it sourced, what it
/// sourced and won this year, and the open deals it influenced, summed per currency from the
/// deals the reader may see. Amounts a role hides are left out and the counts stay.
struct PartnerPipelineSection: RecordPageSection {
    var place: RecordPagePlace { .header }
    var template: String { "partner_pipeline" }

    func values(_ record: StoredRecord, type: RecordType, user: PageUser, actor: Actor, deps: PageDependencies) async throws -> [String: Any]? {
        let deals = Deals.type.name
        guard let sourced = try await deps.readable(deals, [("filter[partnership_id]", record.id), ("limit", "500")], user: user, actor: actor) else { return nil }
        let influenced = try await deps.readable(deals, [("filter[influenced_by_ids]", record.id), ("filter[status]", "open"), ("limit", "500")], user: user, actor: actor) ?? []
        let year = String(RoadmapSection.day(deps.now(), in: user.timeZone).prefix(4))
        let open = sourced.filter { $0.fields["status"]?.stringValue == "open" }
        let won = sourced.filter { $0.fields["status"]?.stringValue == "won" && ($0.fields["close_date"]?.stringValue ?? "").hasPrefix(year) }
        guard !sourced.isEmpty || !influenced.isEmpty else { return nil }
        let hidden = try await deps.store.hides("amount", of: deals, actor: actor)
        let formatter = ValueFormatter(user: user)
        func total(_ records: [StoredRecord]) -> String {
            guard !hidden else { return "" }
            var sums: [String: Decimal] = [:]
            for r in records {
                guard let money = r.fields["amount"]?.objectValue, let currency = money["currency"]?.stringValue,
                      let amount = money["amount"]?.stringValue.flatMap({ Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) }) else { continue }
                sums[currency, default: 0] += amount
            }
            return sums.keys.sorted().map { c in
                formatter.text(.object(JSONObject([("amount", .string("\(sums[c]!)")), ("currency", .string(c))])), field: FieldSpec("amount", .money))
            }.joined(separator: " + ")
        }
        func figure(_ key: String, _ records: [StoredRecord], filter: String) -> [String: Any] {
            ["label": user.t(key), "count": user.t("partner_deal_count").replacingOccurrences(of: "%d", with: String(records.count)), "amount": total(records),
             "href": "/deals?" + filter]
        }
        return ["figures": [
            figure("partner_sourced_open", open, filter: "filter%5Bpartnership_id%5D=\(record.id)&filter%5Bstatus%5D=open"),
            figure("partner_sourced_won", won, filter: "filter%5Bpartnership_id%5D=\(record.id)&filter%5Bstatus%5D=won"),
            figure("partner_influenced_open", influenced, filter: "filter%5Binfluenced_by_ids%5D=\(record.id)&filter%5Bstatus%5D=open"),
        ]]
    }
}
