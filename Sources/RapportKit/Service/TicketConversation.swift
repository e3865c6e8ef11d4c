/// What a new message does to its ticket's status, and which status changes a ticket
/// allows. Help desks agree on the shape (Zendesk and Freshdesk both): a requester's reply
/// puts a solved or waiting ticket back in the agents' queue; a closed ticket is never
/// reopened, and a reply to it starts a follow-up ticket that points back at it.
public enum TicketConversation {
    public enum Outcome: Equatable, Sendable {
        /// The status stays as it is.
        case stays
        /// The ticket moves to this status.
        case becomes(TicketStatus)
        /// The ticket is closed: the message opens a follow-up ticket instead.
        case followUp
        /// The ticket is closed and an agent wrote: nothing is added to it.
        case refused
    }

    public static func outcome(of status: TicketStatus, messageFromRequester: Bool) -> Outcome {
        switch (status, messageFromRequester) {
        case (.closed, true): return .followUp
        case (.closed, false): return .refused
        case (.solved, true), (.pendingCustomer, true): return .becomes(.open)
        default: return .stays
        }
    }

    /// Closed is final: a closed ticket keeps its status (and every other field).
    public static func allows(from old: TicketStatus, to new: TicketStatus) -> Bool {
        old != .closed || new == .closed
    }
}

/// What the store records on a ticket's event list, in the order it happened. Every
/// message is recorded, internal notes too (a timeline shows them); the SLA clock reads
/// the subset ``slaEvent`` maps.
public enum TicketEventKind: String, CaseIterable, Sendable {
    case created
    case statusChanged = "status_changed"
    case priorityChanged = "priority_changed"
    case customerMessage = "customer_message"
    case agentPublicReply = "agent_public_reply"
    case internalNote = "internal_note"

    /// The clock's event for a stored one; nil for internal notes and for rows whose
    /// status or priority no longer parses (a value renamed since), which the clock cannot use.
    public func slaEvent(at: Int64, status: String?, priority: String?) -> SLAEvent? {
        switch self {
        case .created:
            guard let s = status.flatMap(TicketStatus.init(rawValue:)), let p = priority.flatMap(TicketPriority.init(rawValue:)) else { return nil }
            return SLAEvent(at: at, kind: .created(status: s, priority: p))
        case .statusChanged:
            return status.flatMap(TicketStatus.init(rawValue:)).map { SLAEvent(at: at, kind: .statusChanged(to: $0)) }
        case .priorityChanged:
            return priority.flatMap(TicketPriority.init(rawValue:)).map { SLAEvent(at: at, kind: .priorityChanged(to: $0)) }
        case .customerMessage: return SLAEvent(at: at, kind: .customerMessage)
        case .agentPublicReply: return SLAEvent(at: at, kind: .agentPublicReply)
        case .internalNote: return nil
        }
    }
}
