/// The agent's standing views of the ticket queue. Each is a rule on a ticket's status,
/// assignee, group and how long it has waited; the store turns them into queries over
/// the tickets a reader may see, so a count never includes a ticket its reader cannot open.
public enum TicketQueue: String, CaseIterable, Sendable {
    /// Unresolved tickets assigned to the reader.
    case mine
    /// Unresolved tickets nobody is assigned, in the groups the reader belongs to.
    case unassigned
    /// Tickets waiting on someone else (``TicketStatus/pausingByDefault``) for longer
    /// than the view's number of days.
    case pendingTooLong = "pending_too_long"
    /// Tickets with a running SLA clock due within the hour, or already past due: the
    /// support agent's "what do I answer first", most urgent first.
    case breachingSoon = "breaching_soon"

    /// How far ahead ``breachingSoon`` looks.
    public static let breachingWithin: Int64 = 60 * 60_000

    /// What "too long" means until the reader picks another number.
    public static let defaultPendingDays = 3
    /// A year: longer than any help desk leaves a ticket pending, and small enough that the
    /// cut-off can never leave the calendar.
    public static let maxPendingDays = 365

    /// Statuses still being worked.
    public static let unresolved: [TicketStatus] = TicketStatus.allCases.filter { !$0.isResolved }
    public static let pending: [TicketStatus] = TicketStatus.allCases.filter(TicketStatus.pausingByDefault.contains)

    /// The instant before which a pending status counts as too long, in milliseconds
    /// since 1970; nil when `days` is outside 0 … ``maxPendingDays``.
    public static func pendingCutoff(now: Int64, days: Int) -> Int64? {
        guard (0...maxPendingDays).contains(days) else { return nil }
        let (span, overflow) = Int64(days).multipliedReportingOverflow(by: 86_400_000)
        guard !overflow else { return nil }
        let (cutoff, under) = now.subtractingReportingOverflow(span)
        return under ? nil : cutoff
    }

    /// Reads `pending_days` as a query gives it, or the reason it is refused.
    public static func pendingDays(_ text: String?) -> Result<Int, FieldError> {
        guard let text else { return .success(defaultPendingDays) }
        guard let n = Int(text), (0...maxPendingDays).contains(n) else {
            return .failure(FieldError(field: "pending_days", code: "out_of_range", message: "A whole number of days from 0 to \(maxPendingDays)."))
        }
        return .success(n)
    }
}
