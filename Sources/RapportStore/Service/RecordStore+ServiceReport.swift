import Foundation
import RapportKit

/// What the service report reads, limited to the tickets the reader may see: the clocks
/// of tickets opened in the period with their policy, group and assignee by name, and the
/// ages of every open ticket, and the satisfaction answers given in the period.
public struct ServiceReportInput: Sendable {
    public var clocks: [ServiceReport.Clock]
    public var openAges: [Int64]
    /// Satisfaction answers given in the period, on tickets the reader may see, newest first.
    public var answers: [SatisfactionAnswer] = []
    /// The statuses each ticket opened in the period took, in order, keyed by its group's name.
    public var statusHistories: [ServiceReport.StatusHistory] = []
}

extension RecordStore {
    /// The clocks of tickets created from `since` (an instant) on, and the open backlog's
    /// ages at `now`. Groups and agents come back as their names; nil when none.
    public func serviceReportInput(actor: Actor, since: Int64, now: Int64) async throws -> ServiceReportInput {
        let tickets = try await type(named: Tickets.type.name)
        try require(.read, tickets, actor)
        var visible: [SQL] = ["deleted_at IS NULL"]
        if let v = visibility(tickets, actor) { visible.append(v) }
        let seen = SQL.join(visible, " AND ")
        let from = Timestamp.format(millisecondsSince1970: since)
        let unresolved = SQL.join(TicketQueue.unresolved.map { "\($0.rawValue)" }, ", ")
        return try await db.read { s in
            var teams: [String: String] = [:], users: [String: String] = [:]
            for r in try await s.query("SELECT id, name FROM teams") { if let id = r.text("id") { teams[id] = r.text("name") } }
            for r in try await s.query("SELECT id, name, email FROM users") { if let id = r.text("id") { users[id] = r.text("name").flatMap { $0.isEmpty ? nil : $0 } ?? r.text("email") } }
            let rows = try await s.query("""
                SELECT \(raw: StoredClock.columns(of: "c")), p.name AS policy_name, t.group_id, t.assignee_id
                FROM ticket_clocks c
                JOIN (SELECT id, group_id, assignee_id FROM tickets WHERE \(seen) AND created_at >= \(from)) t ON t.id = c.ticket_id
                LEFT JOIN sla_policies p ON p.id = c.policy_id
                """)
            let clocks = rows.compactMap { r -> ServiceReport.Clock? in
                guard let stored = StoredClock(row: r) else { return nil }
                let reading = stored.at(now)
                return ServiceReport.Clock(metric: reading.metric, state: reading.state, businessMillis: reading.elapsedMillis, startedAt: reading.startedAt,
                                           stoppedAt: reading.stoppedAt, policy: r.text("policy_name") ?? "",
                                           group: r.text("group_id").map { teams[$0] ?? $0 }, assignee: r.text("assignee_id").map { users[$0] ?? $0 })
            }
            let ages = try await s.query("SELECT created_at FROM tickets WHERE \(seen) AND status IN (\(unresolved))").compactMap { r -> Int64? in
                r.text("created_at").flatMap(Timestamp.parse).map { now.subtractingReportingOverflow($0).partialValue }
            }
            let answers = try await s.query("""
                SELECT v.score, v.scale, v.responded_at, v.comment, t.number, t.group_id, t.assignee_id FROM surveys v
                JOIN (SELECT id, number, group_id, assignee_id FROM tickets WHERE \(seen)) t ON t.id = v.ticket_id
                WHERE v.kind = \(SatisfactionSurveys.kind) AND v.responded_at IS NOT NULL AND v.responded_at >= \(from)
                ORDER BY v.responded_at DESC
                """).compactMap { r -> SatisfactionAnswer? in
                guard let score = r.int("score"), let scale = r.text("scale").flatMap(SurveyScale.init(rawValue:)),
                      let at = r.text("responded_at").flatMap(Timestamp.parse) else { return nil }
                return SatisfactionAnswer(score: Int(score), scale: scale, at: at, group: r.text("group_id").map { teams[$0] ?? $0 },
                                          agent: r.text("assignee_id").map { users[$0] ?? $0 }, comment: r.text("comment"), ticket: r.text("number"))
            }
            // Every status a ticket took is on its events (the first with its creation), in order.
            var histories: [String: ServiceReport.StatusHistory] = [:], order: [String] = []
            for r in try await s.query("""
                SELECT e.ticket_id, e.status, t.group_id FROM ticket_events e
                JOIN (SELECT id, group_id FROM tickets WHERE \(seen) AND created_at >= \(from)) t ON t.id = e.ticket_id
                WHERE e.kind IN (\(TicketEventKind.created.rawValue), \(TicketEventKind.statusChanged.rawValue))
                ORDER BY e.ticket_id, e.at_ms, e.seq
                """) {
                guard let id = r.text("ticket_id"), let status = r.text("status").flatMap(TicketStatus.init(rawValue:)) else { continue }
                if histories[id] == nil {
                    order.append(id)
                    histories[id] = ServiceReport.StatusHistory(key: r.text("group_id").map { teams[$0] ?? $0 }, statuses: [])
                }
                histories[id]?.statuses.append(status)
            }
            return ServiceReportInput(clocks: clocks, openAges: ages, answers: answers, statusHistories: order.compactMap { histories[$0] })
        }
    }
}
