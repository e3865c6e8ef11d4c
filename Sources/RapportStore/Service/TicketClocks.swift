import RapportKit

/// One SLA clock of a ticket as stored in `ticket_clocks`: the reading as of the ticket's
/// last event, which stays true until the next one (a running clock's due time does not
/// move while nothing happens), plus the warning lead of the policy it came from.
public struct StoredClock: Sendable, Equatable {
    public var ticketID: String
    public var reading: SLAClockReading
    public var policyID: String
    public var warnMillis: Int64
    public var computedAt: Int64

    static let columns = """
        ticket_id, metric, policy_id, priority, target_ms, warn_ms, started_at_ms, elapsed_ms, due_at_ms, paused, stopped_at_ms,
        breached_at_ms, computed_at_ms
        """

    /// The same columns of a table named `alias` in a join.
    static func columns(of alias: String) -> String {
        columns.split(separator: ",").map { "\(alias)." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", ")
    }

    init?(row: Row) {
        guard let ticket = row.text("ticket_id"), let metric = row.text("metric").flatMap(SLAMetric.init(rawValue:)),
              let priority = row.text("priority").flatMap(TicketPriority.init(rawValue:)) else { return nil }
        ticketID = ticket
        policyID = row.text("policy_id") ?? ""
        warnMillis = row.int("warn_ms") ?? 0
        computedAt = row.int("computed_at_ms") ?? 0
        reading = SLAClockReading(metric: metric, priority: priority, targetMillis: row.int("target_ms") ?? 0,
                                  startedAt: row.int("started_at_ms") ?? 0, elapsedMillis: row.int("elapsed_ms") ?? 0,
                                  dueAt: row.int("due_at_ms"), isPaused: (row.int("paused") ?? 0) != 0,
                                  stoppedAt: row.int("stopped_at_ms"), breachedAt: row.int("breached_at_ms"))
    }

    init(ticketID: String, reading: SLAClockReading, policyID: String, warnMillis: Int64, computedAt: Int64) {
        self.ticketID = ticketID
        self.reading = reading
        self.policyID = policyID
        self.warnMillis = warnMillis
        self.computedAt = computedAt
    }

    /// Where the clock stands at `now`, which may be later than when it was computed: a
    /// running clock has used the business time up to now, and one whose due time has
    /// passed is breached at it. Elapsed time is only exact at `computedAt` and at the due
    /// instant, so pages show the due time and what is left until it, not elapsed time.
    public func at(_ now: Int64) -> SLAClockReading {
        var r = reading
        if r.stoppedAt == nil, !r.isPaused, r.breachedAt == nil, let due = r.dueAt, now >= due { r.breachedAt = due }
        return r
    }
}

/// The SLA settings one computation reads: the ordered policies and their calendars, read
/// once for a batch of tickets, and once per transaction when one transaction writes a
/// ticket several times (mail opening a ticket with its first message).
struct SLASettings: Sendable {
    static let memoKey = "sla-settings"

    var policies: [StoredPolicy]
    var calendars: [String: BusinessCalendar]

    static func read(_ s: Session) async throws -> SLASettings {
        try await s.memoized(memoKey) { try await readAnew(s) }
    }

    private static func readAnew(_ s: Session) async throws -> SLASettings {
        let policies = try await ServiceLevels.policies(s)
        var calendars: [String: BusinessCalendar] = [:]
        if !policies.isEmpty {
            for c in try await ServiceLevels.calendars(s) { calendars[c.id] = c.calendar }
        }
        return SLASettings(policies: policies, calendars: calendars)
    }

    /// The first policy whose conditions the ticket meets, with its calendar.
    func policy(for ticket: JSONObject) -> (StoredPolicy, BusinessCalendar)? {
        guard !policies.isEmpty else { return nil }
        let fields = Self.conditionFields(ticket)
        guard let p = policies.first(where: { $0.policy.applies(to: fields) }), let calendar = calendars[p.calendarID] else { return nil }
        return (p, calendar)
    }

    /// A ticket's fields as conditions read them: text, choices, references and numbers
    /// as their stored text; a list (tags) is not a value a condition can equal.
    static func conditionFields(_ ticket: JSONObject) -> [String: String] {
        var out: [String: String] = [:]
        for (key, value) in ticket {
            if let text = value.stringValue { out[key] = text } else if let number = value.numberLiteral { out[key] = number } else if let b = value.boolValue { out[key] = b ? "true" : "false" }
        }
        return out
    }
}

/// Computes a ticket's clocks from its events and stores them, inside the transaction of
/// the write that changed the ticket (or of the job that recomputes after a settings
/// change), so the stored clocks never disagree with a committed event.
enum TicketClocks {
    /// Writes only the clocks whose reading changed: a message that leaves the resolution
    /// clock running as it was costs no write for it. `held` is what the ticket has stored,
    /// when the caller knows it (nothing, for a ticket being created); read otherwise.
    static func refresh(_ s: Session, ticketID: String, fields: JSONObject, settings: SLASettings, now: Int64,
                        held: [StoredClock]? = nil) async throws {
        let held = if let held { held } else { try await read(s, ticketID: ticketID) }
        guard let (stored, calendar) = settings.policy(for: fields) else {
            if !held.isEmpty { try await remove(s, ticketID: ticketID) }
            return
        }
        let events = try await TicketEvents.read(s, ticketID: ticketID)
        let warn = Int64(min(max(stored.warnMinutes, 0), SLAEscalation.maximumLeadMinutes)) * 60_000
        let readings = SLAClock.evaluate(policy: stored.policy, calendar: calendar, events: events, now: now)
        let gone = held.filter { old in !readings.contains { $0.metric == old.reading.metric } }.map { "\($0.reading.metric.rawValue)" as SQL }
        if !gone.isEmpty {
            try await s.execute("DELETE FROM ticket_clocks WHERE ticket_id = \(ticketID) AND metric IN (\(SQL.join(gone, ", ")))")
        }
        let changed = readings.filter { r in
            guard let old = held.first(where: { $0.reading.metric == r.metric }) else { return true }
            return old.reading != r || old.policyID != stored.id || old.warnMillis != warn
        }
        // What the table holds once this write is done, for the next refresh in this
        // transaction (the clocks that did not change keep their stored reading).
        let kept = readings.map { r in
            held.first { $0.reading.metric == r.metric && $0.reading == r && $0.policyID == stored.id && $0.warnMillis == warn }
                ?? StoredClock(ticketID: ticketID, reading: r, policyID: stored.id, warnMillis: warn, computedAt: now)
        }
        s.marks?.remember(memoKey(ticketID), kept)
        guard !changed.isEmpty else { return }
        let rows = changed.map { r -> SQL in
            """
            (\(ticketID), \(r.metric.rawValue), \(stored.id), \(r.priority.rawValue), \(r.targetMillis), \(warn), \(r.startedAt), \(r.elapsedMillis),
            \(r.dueAt), \(r.isPaused ? 1 : 0), \(r.stoppedAt), \(r.breachedAt), \(now))
            """
        }
        try await s.execute("""
            INSERT INTO ticket_clocks (\(raw: StoredClock.columns)) VALUES \(SQL.join(rows, ", "))
            ON CONFLICT (ticket_id, metric) DO UPDATE SET policy_id = excluded.policy_id, priority = excluded.priority, target_ms = excluded.target_ms,
            warn_ms = excluded.warn_ms, started_at_ms = excluded.started_at_ms, elapsed_ms = excluded.elapsed_ms, due_at_ms = excluded.due_at_ms,
            paused = excluded.paused, stopped_at_ms = excluded.stopped_at_ms, breached_at_ms = excluded.breached_at_ms, computed_at_ms = excluded.computed_at_ms
            """)
    }

    static func remove(_ s: Session, ticketID: String) async throws {
        try await s.execute("DELETE FROM ticket_clocks WHERE ticket_id = \(ticketID)")
        s.marks?.remember(memoKey(ticketID), [StoredClock]())
    }

    /// A ticket's stored clocks; within a transaction, as its last refresh left them.
    static func read(_ s: Session, ticketID: String) async throws -> [StoredClock] {
        let order = SLAMetric.allCases.map(\.rawValue)
        return try await s.memoized(memoKey(ticketID)) {
            try await s.query("SELECT \(raw: StoredClock.columns) FROM ticket_clocks WHERE ticket_id = \(ticketID)")
                .compactMap(StoredClock.init(row:))
                .sorted { (order.firstIndex(of: $0.reading.metric.rawValue) ?? 0) < (order.firstIndex(of: $1.reading.metric.rawValue) ?? 0) }
        }
    }

    static func memoKey(_ ticketID: String) -> String { "ticket-clocks:" + ticketID }
}

extension RecordStore {
    /// A ticket's clocks, first response, next response, resolution. The actor must see
    /// the ticket: 404 otherwise, as for the ticket.
    public func ticketClocks(ticketID: String, actor: Actor = .system) async throws -> [StoredClock] {
        let tickets = try await type(named: Tickets.type.name)
        try require(.read, tickets, actor)
        return try await db.read { s in
            _ = try await self.load(s, tickets, id: ticketID, forUpdate: false, actor: actor)
            return try await TicketClocks.read(s, ticketID: ticketID)
        }
    }

    /// The soonest due time of each listed ticket's running clocks, for lists beside the
    /// tickets' other columns. The ids come from a list the reader was already allowed.
    public func soonestDue(ticketIDs: [String]) async throws -> [String: Int64] {
        guard !ticketIDs.isEmpty else { return [:] }
        let ids = SQL.join(ticketIDs.prefix(500).map { "\($0)" }, ", ")
        return try await db.read { s in
            var out: [String: Int64] = [:]
            for row in try await s.query("""
                SELECT ticket_id, MIN(due_at_ms) AS due FROM ticket_clocks WHERE ticket_id IN (\(ids)) AND stopped_at_ms IS NULL AND due_at_ms IS NOT NULL
                GROUP BY ticket_id
                """) {
                if let id = row.text("ticket_id"), let due = row.int("due") { out[id] = due }
            }
            return out
        }
    }
}
