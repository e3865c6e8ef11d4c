/// Where a ticket stands. The raw values are what the API and storage carry.
///
/// Shared by the ticket type (which moves between these) and the SLA clock (which pauses
/// on some of them), so both read one list.
public enum TicketStatus: String, CaseIterable, Sendable, Codable {
    case new
    case open
    case pendingCustomer = "pending_customer"
    case pendingThirdParty = "pending_third_party"
    case onHold = "on_hold"
    case solved
    case closed

    /// Statuses in which a ticket waits on someone other than the agent: the clocks of an
    /// SLA policy pause here unless the policy says otherwise.
    public static let pausingByDefault: Set<TicketStatus> = [.pendingCustomer, .pendingThirdParty]

    /// Whether the work is done: resolution clocks stop, views of open work leave it out.
    public var isResolved: Bool { self == .solved || self == .closed }
}
