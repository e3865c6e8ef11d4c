/// Why a user is told about a record.
public enum NotificationKind: String, Sendable, CaseIterable {
    /// Someone else made the user the record's owner.
    case assigned
    /// Someone wrote `@name` for the user in an activity (see ``Mentions``).
    case mentioned
    /// A task the user owns is due within the hour.
    case taskDue = "task_due"
    /// Someone asked for a password reset on the sign-in page; told to every administrator.
    case resetRequested = "reset_requested"
    /// An SLA clock of a ticket the user works (or whose group they manage) is about to run out.
    case slaWarning = "sla_warning"
    /// An SLA clock of such a ticket ran past its target.
    case slaBreach = "sla_breach"
}
