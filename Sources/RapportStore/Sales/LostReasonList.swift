import Foundation
import RapportKit

/// The admins' list of lost reasons as deals, the board and reports read it.
enum LostReasonList {
    static func read(_ s: Session) async throws -> [LostReasons.Choice] {
        let rows = try await s.query("SELECT name, position, allows_text FROM lost_reasons WHERE deleted_at IS NULL")
        return rows.compactMap { r -> (Double, LostReasons.Choice)? in
            guard let name = r.text("name") else { return nil }
            return (Double(r.text("position") ?? "") ?? .greatestFiniteMagnitude, LostReasons.Choice(name: name, allowsText: (r.int("allows_text") ?? 0) != 0))
        }.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1.name < $1.1.name }.map(\.1)
    }
}

extension RecordStore {
    /// The lost reasons in list order.
    public func lostReasons() async throws -> [LostReasons.Choice] {
        try await db.read { s in try await LostReasonList.read(s) }
    }

    /// Makes the default list (price, timing, competitor, no decision, product fit, other)
    /// when there has never been one, so a new installation asks why deals are lost from
    /// the first one. A list an admin emptied stays empty: only a table without any row,
    /// deleted ones included, is filled.
    public func ensureDefaultLostReasons(actor: Actor = .system) async throws {
        let reasons = try await type(named: LostReasons.type.name)
        let any = try await db.read { s in try await s.query("SELECT 1 AS found FROM lost_reasons LIMIT 1") }
        guard any.isEmpty else { return }
        try await db.transaction { s in
            try await s.lockExclusively("default-lost-reasons")
            guard try await s.query("SELECT 1 AS found FROM lost_reasons LIMIT 1").isEmpty else { return }
            for (i, reason) in LostReasons.defaults.enumerated() {
                let changes = try self.validatedCreate(reasons, body: JSONObject([
                    ("name", .string(reason.name)), ("position", .number(String(i + 1))), ("allows_text", .bool(reason.allowsText)),
                ]), actor: actor)
                _ = try await self.create(in: s, reasons, changes: changes, actor: actor)
            }
        }
    }

    /// When each deal last arrived in the stage it is in now, from its stage history, for
    /// the board's days-in-stage marks. Deals without history are left out.
    public func stageEntries(dealIDs: [String]) async throws -> [String: String] {
        guard !dealIDs.isEmpty else { return [:] }
        let rows = try await db.read { s in
            try await s.query("""
                SELECT h.deal_id, MAX(h.at) AS at FROM deal_stage_history h JOIN deals d ON d.id = h.deal_id AND d.stage_id = h.to_stage_id
                WHERE h.deal_id IN (\(SQL.join(dealIDs.map { id -> SQL in "\(id)" }, ", "))) GROUP BY h.deal_id
                """)
        }
        var out: [String: String] = [:]
        for r in rows { if let id = r.text("deal_id"), let at = r.text("at") { out[id] = at } }
        return out
    }
}
