import RapportKit

extension RecordStore {
    /// Ends active contracts without automatic renewal whose end date is before `today`
    /// (they run through that day), each as an audited update by the system, so the
    /// contract's rule closes its renewal task; returns how many. One that renews
    /// automatically stays active for its owner to roll forward. The status is read again
    /// inside each contract's transaction, so a contract someone changed meanwhile is left
    /// alone and a repeated run changes nothing.
    @discardableResult
    public func endLapsedContracts(today: String) async throws -> Int {
        let contracts = try await type(named: Contracts.type.name)
        let ids = try await db.read { s in
            try await s.query("""
                SELECT id FROM contracts WHERE deleted_at IS NULL AND status = 'active' AND end_date IS NOT NULL AND end_date < \(today)
                AND (auto_renew IS NULL OR auto_renew = 0)
                """).compactMap { $0.text("id") }
        }
        var ended = 0
        for id in ids {
            let changed = try await db.transaction { s -> Bool in
                let still = try await s.query("SELECT id FROM contracts WHERE id = \(id) AND status = 'active' AND deleted_at IS NULL").isEmpty == false
                guard still else { return false }
                _ = try await self.update(in: s, contracts, id: id, changes: JSONObject([("status", .string("ended"))]), ifMatch: nil, actor: .system)
                return true
            }
            if changed { ended += 1 }
        }
        return ended
    }
}
