/// One thing that happened to a ticket and matters to its SLA clocks.
///
/// The ticket type records these as they happen; the clock is a pure function over them,
/// so it can be recomputed after a policy or calendar changes and tested without storage.
public struct SLAEvent: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The ticket was opened, already in `status` (a ticket may be created paused).
        case created(status: TicketStatus, priority: TicketPriority)
        case statusChanged(to: TicketStatus)
        case priorityChanged(to: TicketPriority)
        /// A message from the requester (public by nature).
        case customerMessage
        /// A public reply by an agent; internal notes are not events of the clock.
        case agentPublicReply
    }

    /// When it happened, in milliseconds since 1970 UTC (the form ``Timestamp`` parses
    /// stored text into), so the clock does integer arithmetic only.
    public var at: Int64
    public var kind: Kind

    public init(at: Int64, kind: Kind) {
        self.at = at
        self.kind = kind
    }
}
