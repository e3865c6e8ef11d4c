import Foundation
import RapportKit

extension RecordStore {
    /// The condition of `queue` for `actor`, on top of what the actor may see; nil when the
    /// view cannot hold anything for them (no user, or unassigned work in no group).
    func ticketQueueCondition(_ queue: TicketQueue, actor: Actor, pendingSince cutoff: String) -> SQL? {
        let unresolved = SQL.join(TicketQueue.unresolved.map { "\($0.rawValue)" }, ", ")
        switch queue {
        case .mine:
            guard let user = actor.userID else { return nil }
            return "assignee_id = \(user) AND status IN (\(unresolved))"
        case .unassigned:
            guard let teams = actor.viewer?.teams, !teams.isEmpty else { return nil }
            return "assignee_id IS NULL AND status IN (\(unresolved)) AND group_id IN (\(SQL.join(teams.sorted().map { "\($0)" }, ", ")))"
        case .pendingTooLong:
            return "status IN (\(SQL.join(TicketQueue.pending.map { "\($0.rawValue)" }, ", "))) AND status_since < \(cutoff)"
        }
    }

    /// Every view's count for `actor`, in ``TicketQueue`` order, each read as committed now.
    public func ticketQueueCounts(actor: Actor, pendingDays: Int, now: Date) async throws -> [(TicketQueue, Int)] {
        let tickets = try await type(named: Tickets.type.name)
        try require(.read, tickets, actor)
        let cutoff = try pendingCutoff(now: now, days: pendingDays)
        return try await db.read { s in
            var out: [(TicketQueue, Int)] = []
            for queue in TicketQueue.allCases {
                guard let condition = self.ticketQueueCondition(queue, actor: actor, pendingSince: cutoff) else {
                    out.append((queue, 0))
                    continue
                }
                var clauses: [SQL] = ["deleted_at IS NULL", condition]
                if let visible = self.visibility(tickets, actor) { clauses.append(visible) }
                let n = try await s.query("SELECT COUNT(*) AS n FROM tickets WHERE \(SQL.join(clauses, " AND "))").first?.int("n") ?? 0
                out.append((queue, Int(n)))
            }
            return out
        }
    }

    /// The tickets of one view, oldest waiting first, at most `limit` of them.
    public func ticketQueue(_ queue: TicketQueue, actor: Actor, pendingDays: Int, now: Date, limit: Int = 100) async throws -> [StoredRecord] {
        let tickets = try await type(named: Tickets.type.name)
        try require(.read, tickets, actor)
        let cutoff = try pendingCutoff(now: now, days: pendingDays)
        guard let condition = ticketQueueCondition(queue, actor: actor, pendingSince: cutoff) else { return [] }
        let codec = self.codec(tickets)
        let rows = try await db.read { s in
            var clauses: [SQL] = ["deleted_at IS NULL", condition]
            if let visible = self.visibility(tickets, actor) { clauses.append(visible) }
            return try await s.query("""
                SELECT \(raw: codec.selectList) FROM tickets WHERE \(SQL.join(clauses, " AND ")) ORDER BY status_since, id LIMIT \(max(1, min(limit, 500)))
                """)
        }
        return rows.map { redact(codec.decode($0), tickets, actor) }
    }

    private func pendingCutoff(now: Date, days: Int) throws -> String {
        guard let cutoff = TicketQueue.pendingCutoff(now: Int64((now.timeIntervalSince1970 * 1000).rounded(.down)), days: days) else {
            throw RecordError.invalid([FieldError(field: "pending_days", code: "out_of_range", message: "A whole number of days from 0 to \(TicketQueue.maxPendingDays).")])
        }
        return Timestamp.format(millisecondsSince1970: cutoff)
    }
}
