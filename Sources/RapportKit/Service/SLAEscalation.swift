/// What a running SLA clock is owed when the escalation job looks at it: a warning in the
/// lead time before its target, a breach once the target has passed.
///
/// Conventions (also in docs/service-levels.md):
/// - A warning is owed from `due − lead` until the due instant. One the job could not send
///   in that window (the instances were down) is skipped: the breach that follows says more.
/// - A breach is owed from the due instant on, for as long as the clock has not stopped, so
///   a breach that fell due while nothing ran is still told once when work resumes.
/// - Each is keyed by ticket, clock, kind and due instant: a clock re-targeted to a new due
///   time (a priority change, a reopened ticket) is owed its escalations again.
public enum SLAEscalationKind: String, CaseIterable, Sendable {
    case warning
    case breach
}

public enum SLAEscalation {
    /// The escalation `now` owes a running clock due at `dueAt`, or nil.
    public static func owed(dueAt: Int64, leadMillis: Int64, now: Int64) -> SLAEscalationKind? {
        if now >= dueAt { return .breach }
        let (start, overflow) = dueAt.subtractingReportingOverflow(max(leadMillis, 0))
        return !overflow && now >= start ? .warning : nil
    }

    /// Who is told: a warning goes to the assignee, or to the group's manager while nobody
    /// is assigned (someone must pick it up); a breach goes to both. Nobody twice.
    public static func recipients(_ kind: SLAEscalationKind, assignee: String?, groupManager: String?) -> [String] {
        var out: [String] = []
        switch kind {
        case .warning:
            if let who = assignee ?? groupManager { out.append(who) }
        case .breach:
            for who in [assignee, groupManager].compactMap({ $0 }) where !out.contains(who) { out.append(who) }
        }
        return out
    }

    /// The longest lead a policy may set: a week of minutes, longer than any target's
    /// reasonable warning and small enough that the arithmetic never leaves the range.
    public static let maximumLeadMinutes = 10_080
}

/// A span of time as a help desk shows it beside a clock: days, hours and minutes, the
/// largest two that are not zero ("2 d 4 h", "3 h 5 m", "12 m"). Rounds up to the minute,
/// so a clock with 20 seconds left never reads "0 m".
public struct SLADurationParts: Sendable, Equatable {
    public var days: Int64
    public var hours: Int64
    public var minutes: Int64

    public init(millis: Int64) {
        let m = millis <= 0 ? 0 : (millis / 60_000) + (millis % 60_000 == 0 ? 0 : 1)
        days = m / 1440
        hours = (m % 1440) / 60
        minutes = m % 60
    }

    /// The two largest units worth showing, in order; one unit when only one is not zero.
    public var shown: [(unit: Unit, value: Int64)] {
        if days > 0 { return hours > 0 ? [(.days, days), (.hours, hours)] : [(.days, days)] }
        if hours > 0 { return minutes > 0 ? [(.hours, hours), (.minutes, minutes)] : [(.hours, hours)] }
        return [(.minutes, minutes)]
    }

    public enum Unit: String, Sendable { case days, hours, minutes }

    public static func == (a: SLADurationParts, b: SLADurationParts) -> Bool {
        a.days == b.days && a.hours == b.hours && a.minutes == b.minutes
    }
}
