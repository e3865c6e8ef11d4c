/// The three clocks an SLA policy can set per priority.
public enum SLAMetric: String, CaseIterable, Sendable, Codable {
    case firstResponse = "first_response"
    case nextResponse = "next_response"
    case resolution
}

/// One test of a ticket field: it holds when the field's value is one of `values` (one
/// value is "equals", several are "in list"). Missing fields hold the empty string.
public struct SLACondition: Sendable, Equatable, Hashable {
    public var field: String
    public var values: [String]

    public init(field: String, values: [String]) {
        self.field = field
        self.values = values
    }

    public init(field: String, equals value: String) {
        self.init(field: field, values: [value])
    }

    public func holds(for ticket: [String: String]) -> Bool {
        values.contains(ticket[field] ?? "")
    }
}

/// Minutes of business time allowed per clock; nil means the policy sets no such target.
public struct SLATargets: Sendable, Equatable, Hashable {
    public var firstResponse: Int?
    public var nextResponse: Int?
    public var resolution: Int?

    public init(firstResponse: Int? = nil, nextResponse: Int? = nil, resolution: Int? = nil) {
        self.firstResponse = firstResponse
        self.nextResponse = nextResponse
        self.resolution = resolution
    }

    public subscript(metric: SLAMetric) -> Int? {
        get {
            switch metric {
            case .firstResponse: firstResponse
            case .nextResponse: nextResponse
            case .resolution: resolution
            }
        }
        set {
            switch metric {
            case .firstResponse: firstResponse = newValue
            case .nextResponse: nextResponse = newValue
            case .resolution: resolution = newValue
            }
        }
    }

    /// Ten years of minutes: the largest target accepted, so milliseconds never overflow.
    public static let maximumMinutes = 5_256_000
}

/// Which tickets a set of targets applies to, and which statuses stop its clocks.
///
/// Policies are ordered; ``SLAPolicy/first(matching:in:)`` picks the first whose
/// conditions all hold, so a catch-all policy with no conditions goes last.
public struct SLAPolicy: Sendable, Equatable {
    public var name: String
    public var conditions: [SLACondition]
    public var targets: [TicketPriority: SLATargets]
    /// While a ticket is in one of these statuses no clock of this policy runs.
    public var pausing: Set<TicketStatus>

    public init(name: String, conditions: [SLACondition] = [], targets: [TicketPriority: SLATargets], pausing: Set<TicketStatus> = TicketStatus.pausingByDefault) {
        self.name = name
        self.conditions = conditions
        self.targets = targets
        self.pausing = pausing
    }

    public func applies(to ticket: [String: String]) -> Bool {
        conditions.allSatisfy { $0.holds(for: ticket) }
    }

    public static func first(matching ticket: [String: String], in policies: [SLAPolicy]) -> SLAPolicy? {
        policies.first { $0.applies(to: ticket) }
    }

    /// The target in minutes for a clock at a priority.
    public func target(_ metric: SLAMetric, priority: TicketPriority) -> Int? {
        targets[priority]?[metric]
    }
}
