import Foundation
import RapportKit

extension RecordStore {
    /// Ends active contracts whose end date has passed (they run through that day, in UTC),
    /// each as an audited update by the system, so the contract's rule closes its renewal
    /// task; returns how many. A contract that renews gets new end and renewal dates
    /// before then. `serve` runs this hourly beside ``expireQuotes(today:)``.
    @discardableResult
    public func closeEndedContracts(now: Date = Date()) async throws -> Int {
        let contracts = try await type(named: Contracts.type.name)
        let today = String(Timestamp.format(now).prefix(10))
        let ids = try await db.read { s in
            try await s.query("""
                SELECT id FROM contracts WHERE deleted_at IS NULL AND status = 'active' AND end_date IS NOT NULL AND end_date < \(today)
                """).compactMap { $0.text("id") }
        }
        for id in ids {
            try await db.transaction { s in
                _ = try await self.update(in: s, contracts, id: id, changes: JSONObject([("status", .string("ended"))]), ifMatch: nil, actor: .system)
            }
        }
        return ids.count
    }
}
