import Foundation
import RapportKit
import RapportStore

extension RecordPages {
    /// The purchase-history panel of an organization's or person's page: what they bought
    /// (lifetime revenue, orders, last purchase), what we bought from them (supplier
    /// spend) and the contracts still running; ``PurchaseHistorySection`` shows it on the
    /// types that have one. Nil for roles that read no orders or contracts, and while there
    /// is nothing to show.
    func purchaseHistory(type: RecordType, record: StoredRecord, user: PageUser, actor: Actor) async throws -> [String: Any]? {
        guard user.viewer.role.allows(.read, on: Orders.type.name) || user.viewer.role.allows(.read, on: Contracts.type.name) else { return nil }
        let (history, contracts) = try await store.purchaseHistory(of: type.name, id: record.id, actor: actor)
        guard !history.isEmpty || !contracts.isEmpty else { return nil }
        let formatter = ValueFormatter(user: user)
        func amounts(_ side: PurchaseHistory.Side) -> String {
            side.amounts.map { MoneyDisplay.format(minorUnits: $0.minorUnits, currency: $0.currency, language: user.language) }
                .joined(separator: " · ")
        }
        func day(_ text: String?) -> String { text.map { formatter.text(.string($0), field: FieldSpec("d", .date)) } ?? "—" }
        var out: [String: Any] = [
            "contracts": contracts.map { c -> [String: Any] in
                var item: [String: Any] = ["href": "/contracts/\(c.id)", "title": c.title, "direction": user.choiceLabel("direction", c.direction)]
                if let v = c.value { item["value"] = MoneyDisplay.format(v, language: user.language) }
                if let r = c.renewalDate ?? c.endDate { item["renews"] = day(r) }
                return item
            },
        ]
        out["has_contracts"] = !contracts.isEmpty
        if history.sold.orders > 0 {
            out["sold"] = ["revenue": amounts(history.sold), "orders": String(history.sold.orders), "last": day(history.sold.last),
                           "href": "/orders?filter%5B\(type.name == People.type.name ? "person_id" : "organization_id")%5D=\(record.id)"]
        }
        if history.bought.orders > 0 {
            out["bought"] = ["spend": amounts(history.bought), "orders": String(history.bought.orders), "last": day(history.bought.last)]
        }
        return out
    }
}
