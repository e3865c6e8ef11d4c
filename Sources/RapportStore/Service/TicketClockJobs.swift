import Logging
import RapportKit

/// Computes every unresolved ticket's clocks again after a policy or calendar changed:
/// 500 tickets per transaction, in id order, so a long run holds no lock for long and a run
/// taken over after a lost lease simply computes some tickets twice, which changes nothing.
/// Resolved tickets keep the clocks they stopped with: what was met or missed then stays so.
public struct TicketClockRecomputeJob: JobHandler {
    public static let kind = "sla.recompute"
    let store: RecordStore

    public init(store: RecordStore) { self.store = store }

    public func run(_ job: JobContext) async throws {
        let n = try await store.recomputeTicketClocks(now: job.now) { done in try await job.progress(done) }
        job.logger.info("Recomputed SLA clocks", metadata: ["tickets": "\(n)"])
    }
}

/// Sends the warnings and breaches the stored clocks owe (``SLAEscalation``), every minute.
/// Each escalation is a row whose unique key is the ticket, clock, kind and due time,
/// inserted in the same transaction as its notifications: two instances running the job
/// at once, or a run repeated after a lost lease, tell nobody twice.
public struct TicketEscalationJob: SweepJob {
    public static let kind = "sla.escalate"
    public static let changed: Logger.Message = "Escalated SLA clocks"
    let store: RecordStore

    public init(store: RecordStore) { self.store = store }

    public func sweep(_ job: JobContext) async throws -> Int { try await store.escalateTicketClocks(now: job.now) }
}

/// One escalation as the ticket's timeline shows it.
public struct TicketEscalation: Sendable, Equatable {
    public var metric: SLAMetric
    public var kind: SLAEscalationKind
    public var dueAt: Int64
    public var firedAt: String
    /// The users who were told, in order.
    public var notified: [String]
}

extension RecordStore {
    public func recomputeTicketClocks(now: Int64, progress: @Sendable (Int) async throws -> Void = { _ in }) async throws -> Int {
        let tickets = try await type(named: Tickets.type.name)
        let codec = self.codec(tickets)
        let resolved = SQL.join(TicketStatus.allCases.filter(\.isResolved).map { "\($0.rawValue)" }, ", ")
        var after = ""
        var done = 0
        while true {
            let batch = try await db.transaction { s -> [StoredRecord] in
                let rows = try await s.query("""
                    SELECT \(raw: codec.selectList) FROM tickets WHERE deleted_at IS NULL AND status NOT IN (\(resolved)) AND id > \(after)
                    ORDER BY id LIMIT 500
                    """).map(codec.decode)
                let settings = try await SLASettings.read(s)
                for t in rows { try await TicketClocks.refresh(s, ticketID: t.id, fields: t.fields, settings: settings, now: now) }
                return rows
            }
            done += batch.count
            guard let last = batch.last, batch.count == 500 else { break }
            after = last.id
            try await progress(done)
        }
        return done
    }

    /// Fires what is owed at `now`; returns how many escalations were new.
    public func escalateTicketClocks(now: Int64) async throws -> Int {
        let tickets = try await type(named: Tickets.type.name)
        let horizon = now.addingReportingOverflow(Int64(SLAEscalation.maximumLeadMinutes) * 60_000).partialValue
        let at = Timestamp.format(millisecondsSince1970: now)
        return try await db.transaction { s in
            // Running clocks owed something not yet told: past due without a breach row, or
            // inside their lead without a warning row. Told ones are not read again, so a
            // desk with thousands of open tickets costs a quiet minute almost nothing.
            func untold(_ kind: SLAEscalationKind) -> SQL {
                """
                NOT EXISTS (SELECT 1 FROM ticket_escalations e WHERE e.ticket_id = c.ticket_id AND e.metric = c.metric
                AND e.kind = \(kind.rawValue) AND e.due_at_ms = c.due_at_ms)
                """
            }
            let clocks = try await s.query("""
                SELECT \(raw: StoredClock.columns(of: "c"))
                FROM ticket_clocks c JOIN tickets t ON t.id = c.ticket_id
                WHERE c.stopped_at_ms IS NULL AND c.due_at_ms IS NOT NULL AND c.due_at_ms <= \(horizon) AND t.deleted_at IS NULL
                AND ((c.due_at_ms <= \(now) AND \(untold(.breach)))
                     OR (c.due_at_ms > \(now) AND c.warn_ms > 0 AND c.due_at_ms - c.warn_ms <= \(now) AND \(untold(.warning))))
                ORDER BY c.due_at_ms, c.ticket_id LIMIT 5000
                """).compactMap(StoredClock.init(row:))
            var recipients = Recipients(s)
            var managers: [String: String?] = [:]
            var fired = 0
            for clock in clocks {
                guard let due = clock.reading.dueAt, let kind = SLAEscalation.owed(dueAt: due, leadMillis: clock.warnMillis, now: now) else { continue }
                let inserted = try await s.query("""
                    INSERT INTO ticket_escalations (id, ticket_id, metric, kind, due_at_ms, fired_at, notified)
                    VALUES (\(RecordID.make()), \(clock.ticketID), \(clock.reading.metric.rawValue), \(kind.rawValue), \(due), \(at), NULL)
                    ON CONFLICT (ticket_id, metric, kind, due_at_ms) DO NOTHING RETURNING id
                    """)
                guard let id = inserted.first?.text("id") else { continue }
                fired += 1
                let ticket = try await self.load(s, tickets, id: clock.ticketID, forUpdate: false)
                var manager: String?
                if let group = ticket.fields["group_id"]?.stringValue {
                    if let known = managers[group] {
                        manager = known
                    } else {
                        manager = try await s.query("SELECT manager_id FROM teams WHERE id = \(group)").first?.text("manager_id")
                        managers[group] = manager
                    }
                }
                var told: [String] = []
                for user in SLAEscalation.recipients(kind, assignee: ticket.fields["assignee_id"]?.stringValue, groupManager: manager) {
                    guard try await recipients.maySee(user, tickets, ticket, fields: [], catalog: catalog) else { continue }
                    try await NotificationStore.insert(s, recipient: user, kind: kind == .warning ? .slaWarning : .slaBreach, recordType: tickets.name,
                                                       recordID: ticket.id, actor: nil, at: at,
                                                       key: "sla_\(kind.rawValue):\(ticket.id):\(clock.reading.metric.rawValue):\(due):\(user)")
                    told.append(user)
                }
                try await s.execute("UPDATE ticket_escalations SET notified = \(told.joined(separator: ",")) WHERE id = \(id)")
            }
            return fired
        }
    }

    /// A ticket's escalations, oldest first, for its timeline. The actor must see the ticket.
    public func ticketEscalations(ticketID: String, actor: Actor = .system) async throws -> [TicketEscalation] {
        let tickets = try await type(named: Tickets.type.name)
        try require(.read, tickets, actor)
        return try await db.read { s in
            _ = try await self.load(s, tickets, id: ticketID, forUpdate: false, actor: actor)
            return try await s.query("""
                SELECT metric, kind, due_at_ms, fired_at, notified FROM ticket_escalations WHERE ticket_id = \(ticketID) ORDER BY fired_at, due_at_ms
                """).compactMap { r in
                guard let metric = r.text("metric").flatMap(SLAMetric.init(rawValue:)), let kind = r.text("kind").flatMap(SLAEscalationKind.init(rawValue:)) else { return nil }
                return TicketEscalation(metric: metric, kind: kind, dueAt: r.int("due_at_ms") ?? 0, firedAt: r.text("fired_at") ?? "",
                                        notified: (r.text("notified") ?? "").split(separator: ",").map(String.init))
            }
        }
    }
}

extension JobRegistry {
    /// The service desk's background work: escalations every minute, recomputation and
    /// satisfaction surveys on demand.
    public mutating func registerService(store: RecordStore) {
        register(TicketEscalationJob(store: store), schedule: "* * * * *")
        register(TicketClockRecomputeJob(store: store))
        register(CSATSurveyJob(store: store))
    }
}
