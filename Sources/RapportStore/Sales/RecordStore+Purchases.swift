import Foundation
import RapportKit

/// A contract still running, as a purchase history lists it.
public struct ContractSummary: Sendable, Equatable {
    public var id: String
    public var title: String
    public var direction: String
    public var value: Money?
    public var renewalDate: String?
    public var endDate: String?
}

extension RecordStore {
    /// An organization's or person's orders summed per direction and currency, and their
    /// active contracts, over the orders and contracts the actor may see. Two indexed
    /// queries however many orders there are.
    public func purchaseHistory(of typeName: String, id: String, actor: Actor) async throws -> (history: PurchaseHistory, contracts: [ContractSummary]) {
        let owner = try await type(named: typeName)
        _ = try await get(owner, id: id, actor: actor)
        let column = typeName == People.type.name ? "person_id" : "organization_id"
        guard typeName == People.type.name || typeName == Organizations.type.name else { throw RecordError.notFound(type: typeName, id: id) }
        let orders = try await type(named: Orders.type.name), contracts = try await type(named: Contracts.type.name)
        let readsOrders = (try? require(.read, orders, actor)) != nil, readsContracts = (try? require(.read, contracts, actor)) != nil
        let totalsHidden = try await hides("total", of: orders.name, actor: actor), valuesHidden = try await hides("value", of: contracts.name, actor: actor)
        let totalColumns: SQL = totalsHidden
            ? "CAST(NULL AS TEXT) AS total_currency, COUNT(*) AS n, CAST(0 AS BIGINT) AS total_hi, CAST(0 AS BIGINT) AS total_lo"
            : "total_currency, COUNT(*) AS n, \(raw: MoneySum.select("total_amount", as: "total"))"
        let grouping: SQL = totalsHidden ? "" : ", total_currency"
        return try await db.read { s in
            var groups: [PurchaseHistory.OrderGroup] = []
            if readsOrders {
                var clauses: [SQL] = ["\(raw: column) = \(id)", "deleted_at IS NULL", "status <> 'cancelled'"]
                if let visible = self.visibility(orders, actor) { clauses.append(visible) }
                groups = try await s.query("""
                    SELECT COALESCE(direction, 'sell') AS direction, \(totalColumns),
                    MAX(ordered_on) AS last FROM orders WHERE \(SQL.join(clauses, " AND ")) GROUP BY COALESCE(direction, 'sell')\(grouping)
                    """).map {
                    PurchaseHistory.OrderGroup(direction: $0.text("direction") ?? "sell", currency: $0.text("total_currency"), orders: Int($0.int("n") ?? 0),
                                               total: try MoneySum.read($0, "total"), last: $0.text("last"))
                }
            }
            var running: [ContractSummary] = []
            if readsContracts {
                var clauses: [SQL] = ["\(raw: column) = \(id)", "deleted_at IS NULL", "status = 'active'"]
                if let visible = self.visibility(contracts, actor) { clauses.append(visible) }
                running = try await s.query("""
                    SELECT id, title, direction, value_amount, value_currency, renewal_date, end_date FROM contracts
                    WHERE \(SQL.join(clauses, " AND ")) ORDER BY renewal_date, id LIMIT 20
                    """).map { r in
                    let value = valuesHidden ? nil : r.int("value_amount").flatMap { minor in r.text("value_currency").flatMap(Currency.named).map { Money(minorUnits: minor, currency: $0) } }
                    return ContractSummary(id: r.text("id") ?? "", title: r.text("title") ?? "", direction: r.text("direction") ?? "sell", value: value,
                                           renewalDate: r.text("renewal_date"), endDate: r.text("end_date"))
                }
            }
            return (PurchaseHistory(groups), running)
        }
    }
}
