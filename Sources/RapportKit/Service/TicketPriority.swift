/// How urgent a ticket is; SLA targets are set per priority.
public enum TicketPriority: String, CaseIterable, Sendable, Codable {
    case low
    case normal
    case high
    case urgent
}
