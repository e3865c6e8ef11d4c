import Foundation
import RapportKit

/// A business calendar as stored: its row and the calendar the SLA clock reads.
public struct StoredCalendar: Sendable {
    public var id: String
    public var name: String
    public var timeZone: String
    public var alwaysOpen: Bool
    public var week: [[BusinessInterval]]
    public var holidays: [(id: String, holiday: Holiday)]

    public var calendar: BusinessCalendar {
        BusinessCalendar(zone: TimeZone(identifier: timeZone) ?? TimeZone(identifier: "UTC")!, hours: alwaysOpen ? .always : .weekly(week),
                         holidays: holidays.map(\.holiday))
    }
}

/// An SLA policy as stored, in its place in the order.
public struct StoredPolicy: Sendable {
    public var id: String
    public var position: Int
    public var calendarID: String
    /// How long before each target its warning goes out.
    public var warnMinutes: Int
    public var policy: SLAPolicy
}

/// Business calendars and ordered SLA policies. Every write is one transaction with an
/// audit entry; positions are taken and swapped under a lock of the rows involved, so two
/// admins adding policies at once get two places, never one.
public struct ServiceLevels: Sendable {
    public let db: Database

    public init(db: Database) {
        self.db = db
    }

    static func changes(_ pairs: [(String, JSONValue)]) -> JSONValue {
        var o = JSONObject()
        for (k, v) in pairs { o[k] = v }
        return .object(o)
    }

    /// A 422 naming one field, for callers that check a field before the store sees it.
    public static func invalidField(_ field: String, _ message: String) -> RecordError {
        invalid(field, "invalid", message)
    }

    static func invalid(_ field: String, _ code: String, _ message: String) -> RecordError {
        .invalid([FieldError(field: field, code: code, message: message)])
    }

    static func checkName(_ name: String) throws -> String {
        let n = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !n.isEmpty, n.count <= 200 else { throw invalid("name", "invalid_name", "A name of 1 to 200 characters is required.") }
        return n
    }

    // MARK: Calendars

    public func calendars() async throws -> [StoredCalendar] {
        try await db.read { s in try await Self.calendars(s) }
    }

    /// Inside the caller's transaction, so a ticket's clocks are computed from the settings
    /// its own write sees.
    static func calendars(_ s: Session) async throws -> [StoredCalendar] {
        let rows = try await s.query("SELECT id, name, time_zone, always_open, weekly_hours FROM business_calendars ORDER BY name, id")
        let holidays = try await s.query("SELECT id, calendar_id, name, rule FROM business_calendar_holidays ORDER BY rule, name, id")
        var byCalendar: [String: [(id: String, holiday: Holiday)]] = [:]
        for h in holidays {
            guard let cid = h.text("calendar_id"), let rule = h.text("rule").flatMap(HolidayRule.init(text:)) else { continue }
            byCalendar[cid, default: []].append((h.text("id") ?? "", Holiday(name: h.text("name") ?? "", rule: rule)))
        }
        return rows.map { r in
            let id = r.text("id") ?? ""
            return StoredCalendar(id: id, name: r.text("name") ?? "", timeZone: r.text("time_zone") ?? "UTC", alwaysOpen: (r.int("always_open") ?? 0) != 0,
                                  week: ServiceLevelText.storedWeek(r.text("weekly_hours") ?? ""), holidays: byCalendar[id] ?? [])
        }
    }

    public func calendar(_ id: String) async throws -> StoredCalendar {
        guard let c = try await calendars().first(where: { $0.id == id }) else { throw RecordError.notFound(type: "business_calendars", id: id) }
        return c
    }

    /// A new calendar open Monday to Friday 09:00–18:00, or around the clock.
    @discardableResult
    public func createCalendar(name: String, timeZone: String, alwaysOpen: Bool, actor: Actor) async throws -> String {
        let name = try Self.checkName(name)
        guard timeZone.count <= 64, timeZone.contains("/") || timeZone == "UTC", TimeZone(identifier: timeZone) != nil else {
            throw Self.invalid("time_zone", "invalid_time_zone", "Expected an IANA time zone such as Asia/Seoul.")
        }
        let week = Array(repeating: [BusinessInterval(start: 540, end: 1080)], count: 5) + [[], []]
        return try await db.transaction { s in
            if try await s.query("SELECT id FROM business_calendars WHERE name = \(name)").isEmpty == false {
                throw Self.invalid("name", "duplicate", "A calendar with this name already exists.")
            }
            let id = RecordID.make()
            let now = Timestamp.format(Date())
            try await s.execute("""
                INSERT INTO business_calendars (id, name, time_zone, always_open, weekly_hours, version, created_at, updated_at)
                VALUES (\(id), \(name), \(timeZone), \(alwaysOpen ? 1 : 0), \(ServiceLevelText.weekText(week)), 1, \(now), \(now))
                """)
            try await AuditLog.append(s, actor: actor, action: "settings.calendar.create", type: "business_calendars", id: id,
                                      changes: Self.changes([("name", .string(name)), ("time_zone", .string(timeZone))]), at: now)
            return id
        }
    }

    public func setHours(_ id: String, week: [[BusinessInterval]], alwaysOpen: Bool, actor: Actor) async throws {
        if let (day, message) = BusinessCalendar.problem(in: week) { throw Self.invalid(ServiceLevelText.dayFields[day.rawValue], "invalid_hours", message) }
        try await db.transaction { s in
            let now = Timestamp.format(Date())
            let text = ServiceLevelText.weekText(week)
            let rows = try await s.query("""
                UPDATE business_calendars SET weekly_hours = \(text), always_open = \(alwaysOpen ? 1 : 0), version = version + 1, updated_at = \(now)
                WHERE id = \(id) RETURNING id
                """)
            guard !rows.isEmpty else { throw RecordError.notFound(type: "business_calendars", id: id) }
            try await AuditLog.append(s, actor: actor, action: "settings.calendar.hours", type: "business_calendars", id: id,
                                      changes: Self.changes([("weekly_hours", .string(text)), ("always_open", .bool(alwaysOpen))]), at: now)
            try await recomputeClocks(s)
        }
    }

    /// Adds holidays, skipping any the calendar already has; returns how many were new.
    @discardableResult
    public func addHolidays(_ calendarID: String, _ holidays: [Holiday], actor: Actor) async throws -> Int {
        guard holidays.count <= 1000 else { throw Self.invalid("file", "too_many", "At most 1,000 holidays at once.") }
        for h in holidays where h.name.isEmpty || h.name.count > 200 {
            throw Self.invalid("holiday_name", "invalid_name", "A holiday needs a name of 1 to 200 characters.")
        }
        return try await db.transaction { s in
            guard try await s.query("SELECT id FROM business_calendars WHERE id = \(calendarID)").isEmpty == false else {
                throw RecordError.notFound(type: "business_calendars", id: calendarID)
            }
            let now = Timestamp.format(Date())
            var added = 0
            for h in holidays {
                let rows = try await s.query("""
                    INSERT INTO business_calendar_holidays (id, calendar_id, name, rule, created_at)
                    VALUES (\(RecordID.make()), \(calendarID), \(h.name), \(h.rule.text), \(now))
                    ON CONFLICT (calendar_id, rule, name) DO NOTHING RETURNING id
                    """)
                added += rows.count
            }
            if added > 0 {
                try await AuditLog.append(s, actor: actor, action: "settings.calendar.holidays", type: "business_calendars", id: calendarID,
                                          changes: Self.changes([("added", .number(String(added)))]), at: now)
                try await recomputeClocks(s)
            }
            return added
        }
    }

    public func removeHoliday(_ calendarID: String, holidayID: String, actor: Actor) async throws {
        try await db.transaction { s in
            let rows = try await s.query("DELETE FROM business_calendar_holidays WHERE id = \(holidayID) AND calendar_id = \(calendarID) RETURNING rule")
            guard let rule = rows.first?.text("rule") else { throw RecordError.notFound(type: "business_calendar_holidays", id: holidayID) }
            try await AuditLog.append(s, actor: actor, action: "settings.calendar.holiday_removed", type: "business_calendars", id: calendarID,
                                      changes: Self.changes([("rule", .string(rule))]), at: Timestamp.format(Date()))
            try await recomputeClocks(s)
        }
    }

    /// Asks for every open ticket's clocks to be computed again under the changed settings,
    /// as a job committed with the change: an instance that stops right after still leaves
    /// the work to another. Several changes in a row each ask; the job is idempotent.
    func recomputeClocks(_ s: Session) async throws {
        s.marks?.forget(SLASettings.memoKey)
        try await JobStore(db: db).enqueue(in: s, .init(kind: TicketClockRecomputeJob.kind, maxAttempts: 5))
    }

    // MARK: Policies

    public func policies() async throws -> [StoredPolicy] {
        try await db.read { s in try await Self.policies(s) }
    }

    static func policies(_ s: Session) async throws -> [StoredPolicy] {
        try await s.query("SELECT id, name, position, calendar_id, conditions, targets, pausing, warn_minutes FROM sla_policies ORDER BY position, id").map { r in
            let conditions = (try? ServiceLevelText.conditions(r.text("conditions") ?? "").get()) ?? []
            return StoredPolicy(id: r.text("id") ?? "", position: Int(r.int("position") ?? 0), calendarID: r.text("calendar_id") ?? "",
                                warnMinutes: Int(r.int("warn_minutes") ?? 60),
                                policy: SLAPolicy(name: r.text("name") ?? "", conditions: conditions,
                                                  targets: ServiceLevelText.storedTargets(r.text("targets") ?? ""),
                                                  pausing: ServiceLevelText.storedPausing(r.text("pausing") ?? "")))
        }
    }

    /// Appends a policy at the end of the order.
    @discardableResult
    public func createPolicy(_ policy: SLAPolicy, calendarID: String, warnMinutes: Int = 60, actor: Actor) async throws -> String {
        let name = try Self.checkName(policy.name)
        guard (0...SLAEscalation.maximumLeadMinutes).contains(warnMinutes) else {
            throw Self.invalid("warn_minutes", "out_of_range", "Expected whole minutes from 0 to \(SLAEscalation.maximumLeadMinutes).")
        }
        guard policy.targets.values.contains(where: { t in SLAMetric.allCases.contains { t[$0] != nil } }) else {
            throw Self.invalid(ServiceLevelText.targetField(.normal, .firstResponse), "required", "Set at least one target.")
        }
        return try await db.transaction { s in
            guard try await s.query("SELECT id FROM business_calendars WHERE id = \(calendarID)").isEmpty == false else {
                throw Self.invalid("calendar_id", "not_found", "Choose a business calendar.")
            }
            if try await s.query("SELECT id FROM sla_policies WHERE name = \(name)").isEmpty == false {
                throw Self.invalid("name", "duplicate", "A policy with this name already exists.")
            }
            // Lock the order so two appends cannot read the same last position.
            if s.dialect == .postgres { try await s.execute("LOCK TABLE sla_policies IN SHARE ROW EXCLUSIVE MODE") }
            let last = try await s.query("SELECT MAX(position) AS p FROM sla_policies").first?.int("p") ?? 0
            let id = RecordID.make()
            let now = Timestamp.format(Date())
            try await s.execute("""
                INSERT INTO sla_policies (id, name, position, calendar_id, conditions, targets, pausing, warn_minutes, version, created_at, updated_at)
                VALUES (\(id), \(name), \(last + 1), \(calendarID), \(ServiceLevelText.conditionsText(policy.conditions)),
                \(ServiceLevelText.targetsText(policy.targets)), \(ServiceLevelText.pausingText(policy.pausing)), \(warnMinutes), 1, \(now), \(now))
                """)
            try await AuditLog.append(s, actor: actor, action: "settings.sla_policy.create", type: "sla_policies", id: id,
                                      changes: Self.changes([("name", .string(name)), ("targets", .string(ServiceLevelText.targetsText(policy.targets)))]), at: now)
            try await recomputeClocks(s)
            return id
        }
    }

    /// Moves a policy one place up (earlier, matched first) or down.
    public func movePolicy(_ id: String, up: Bool, actor: Actor) async throws {
        try await db.transaction { s in
            if s.dialect == .postgres { try await s.execute("LOCK TABLE sla_policies IN SHARE ROW EXCLUSIVE MODE") }
            guard let pos = try await s.query("SELECT position FROM sla_policies WHERE id = \(id)").first?.int("position") else {
                throw RecordError.notFound(type: "sla_policies", id: id)
            }
            let neighbour = up
                ? try await s.query("SELECT id, position FROM sla_policies WHERE position < \(pos) ORDER BY position DESC LIMIT 1").first
                : try await s.query("SELECT id, position FROM sla_policies WHERE position > \(pos) ORDER BY position LIMIT 1").first
            guard let other = neighbour, let otherID = other.text("id"), let otherPos = other.int("position") else { return }
            let now = Timestamp.format(Date())
            try await s.execute("UPDATE sla_policies SET position = \(otherPos), version = version + 1, updated_at = \(now) WHERE id = \(id)")
            try await s.execute("UPDATE sla_policies SET position = \(pos), version = version + 1, updated_at = \(now) WHERE id = \(otherID)")
            try await AuditLog.append(s, actor: actor, action: "settings.sla_policy.move", type: "sla_policies", id: id,
                                      changes: Self.changes([("position", .array([.number(String(pos)), .number(String(otherPos))]))]), at: now)
            try await recomputeClocks(s)
        }
    }

    public func deletePolicy(_ id: String, actor: Actor) async throws {
        try await db.transaction { s in
            let rows = try await s.query("DELETE FROM sla_policies WHERE id = \(id) RETURNING name")
            guard let name = rows.first?.text("name") else { throw RecordError.notFound(type: "sla_policies", id: id) }
            try await AuditLog.append(s, actor: actor, action: "settings.sla_policy.delete", type: "sla_policies", id: id,
                                      changes: Self.changes([("name", .string(name))]), at: Timestamp.format(Date()))
            try await recomputeClocks(s)
        }
    }

    /// The policy that applies to a ticket's fields and its calendar, or nil.
    public func policy(for ticket: [String: String]) async throws -> (SLAPolicy, BusinessCalendar)? {
        let all = try await policies()
        guard let match = all.first(where: { $0.policy.applies(to: ticket) }) else { return nil }
        return (match.policy, try await calendar(match.calendarID).calendar)
    }
}
