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

    public func ticketQueueCounts(actor: Actor, pendingDays: Int, now: Date) async throws -> [(TicketQueue, Int)] {
        let tickets = try await type(named: Tickets.type.name)
        try require(.read, tickets, actor)
        let cutoff = try pendingCutoff(now: now, days: pendingDays)
        let millis = Timestamp.millis(now)
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

    /// The tickets of one view, longest waiting first (the breaching view: soonest due
    /// first), at most `limit` of them.
    public func ticketQueue(_ queue: TicketQueue, actor: Actor, pendingDays: Int, now: Date, limit: Int = 100) async throws -> [StoredRecord] {
        let tickets = try await type(named: Tickets.type.name)
        try require(.read, tickets, actor)
        let cutoff = try pendingCutoff(now: now, days: pendingDays)
        guard let condition = ticketQueueCondition(queue, actor: actor, pendingSince: cutoff, now: Timestamp.millis(now)) else { return [] }
        let codec = self.codec(tickets)
        let limit = max(1, min(limit, 500))
        let rows = try await db.read { s in
            var clauses: [SQL] = ["deleted_at IS NULL"]
            if let visible = self.visibility(tickets, actor) { clauses.append(visible) }
            if queue == .breachingSoon { return try await self.soonestDueTickets(s, codec: codec, seen: clauses, now: Timestamp.millis(now), limit: limit) }
            clauses.append(condition)
            return try await s.query("""
                SELECT \(raw: codec.selectList) FROM tickets WHERE \(SQL.join(clauses, " AND ")) ORDER BY status_since, id LIMIT \(limit)
                """)
        }
        return rows.map { redact(codec.decode($0), tickets, actor) }
    }

    /// The breaching view walks the running clocks' due-time index from the soonest and
    /// stops once it has `limit` tickets the reader may see, instead of sorting every
    /// ticket due within the hour: at 10,000 open tickets of 1,000,000 that is the
    /// difference between reading ~300 ticket rows and ~5,000 (docs/benchmarks.md).
    /// A ticket has at most one running clock per target, so `limit` × targets clock rows
    /// always hold `limit` distinct tickets when there are that many.
    private func soonestDueTickets(_ s: Session, codec: RecordCodec, seen: [SQL], now: Int64, limit: Int) async throws -> [Row] {
        let horizon = now.addingReportingOverflow(TicketQueue.breachingWithin).partialValue
        var order: [String] = []
        for r in try await s.query("""
            SELECT c.ticket_id FROM ticket_clocks c
            WHERE c.stopped_at_ms IS NULL AND c.due_at_ms IS NOT NULL AND c.due_at_ms <= \(horizon)
            AND EXISTS (SELECT 1 FROM tickets WHERE tickets.id = c.ticket_id AND \(SQL.join(seen, " AND ")))
            ORDER BY c.due_at_ms, c.ticket_id LIMIT \(limit * SLAMetric.allCases.count)
            """) {
            if let id = r.text("ticket_id"), !order.contains(id) { order.append(id) }
            if order.count == limit { break }
        }
        guard !order.isEmpty else { return [] }
        let rows = try await s.query("SELECT \(raw: codec.selectList) FROM tickets WHERE id IN (\(SQL.join(order.map { "\($0)" }, ", ")))")
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        return rows.sorted { (position[$0.text("id") ?? ""] ?? .max) < (position[$1.text("id") ?? ""] ?? .max) }
    }

    private func pendingCutoff(now: Date, days: Int) throws -> String {
        guard let cutoff = TicketQueue.pendingCutoff(now: Timestamp.millis(now), days: days) else {
            throw RecordError.invalid([FieldError(field: "pending_days", code: "out_of_range", message: "A whole number of days from 0 to \(TicketQueue.maxPendingDays).")])
        }
        return Timestamp.format(millisecondsSince1970: cutoff)
    }
}
