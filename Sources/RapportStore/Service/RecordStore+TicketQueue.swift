import Foundation
import RapportKit

extension RecordStore {
    /// The condition of `queue` for `actor`, on top of what the actor may see; nil when the
    /// view cannot hold anything for them (no user, or unassigned work in no group).
    func ticketQueueCondition(_ queue: TicketQueue, actor: Actor, pendingSince cutoff: String, now: Int64) -> SQL? {
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
        case .breachingSoon:
            let horizon = now.addingReportingOverflow(TicketQueue.breachingWithin).partialValue
            return "id IN (SELECT ticket_id FROM ticket_clocks WHERE stopped_at_ms IS NULL AND due_at_ms IS NOT NULL AND due_at_ms <= \(horizon))"
        }
    }

    /// Longest waiting first; the breaching view soonest due first.
    private func ticketQueueOrder(_ queue: TicketQueue) -> SQL {
        switch queue {
        case .breachingSoon:
            return """
                (SELECT MIN(c.due_at_ms) FROM ticket_clocks c WHERE c.ticket_id = tickets.id AND c.stopped_at_ms IS NULL AND c.due_at_ms IS NOT NULL), id
                """
        case .mine, .unassigned, .pendingTooLong:
            return "status_since, id"
        }
    }

    /// Every view's count for `actor`, in ``TicketQueue`` order, each read as committed now.
    public func ticketQueueCounts(actor: Actor, pendingDays: Int, now: Date) async throws -> [(TicketQueue, Int)] {
        let tickets = try await type(named: Tickets.type.name)
        try require(.read, tickets, actor)
        let cutoff = try pendingCutoff(now: now, days: pendingDays)
        let millis = Self.millis(now)
        return try await db.read { s in
            var out: [(TicketQueue, Int)] = []
            for queue in TicketQueue.allCases {
                guard let condition = self.ticketQueueCondition(queue, actor: actor, pendingSince: cutoff, now: millis) else {
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
        guard let condition = ticketQueueCondition(queue, actor: actor, pendingSince: cutoff, now: Self.millis(now)) else { return [] }
        let codec = self.codec(tickets)
        let rows = try await db.read { s in
            var clauses: [SQL] = ["deleted_at IS NULL", condition]
            if let visible = self.visibility(tickets, actor) { clauses.append(visible) }
            return try await s.query("""
                SELECT \(raw: codec.selectList) FROM tickets WHERE \(SQL.join(clauses, " AND ")) ORDER BY \(self.ticketQueueOrder(queue)) LIMIT \(max(1, min(limit, 500)))
                """)
        }
        return rows.map { redact(codec.decode($0), tickets, actor) }
    }

    static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }

    private func pendingCutoff(now: Date, days: Int) throws -> String {
        guard let cutoff = TicketQueue.pendingCutoff(now: Self.millis(now), days: days) else {
            throw RecordError.invalid([FieldError(field: "pending_days", code: "out_of_range", message: "A whole number of days from 0 to \(TicketQueue.maxPendingDays).")])
        }
        return Timestamp.format(millisecondsSince1970: cutoff)
    }
}
