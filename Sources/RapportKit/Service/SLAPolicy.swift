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
    public var targets: [TicketPriority: SLATargets] { didSet { table = Self.table(targets) } }
    /// While a ticket is in one of these statuses no clock of this policy runs.
    public var pausing: Set<TicketStatus> { didSet { pausingMask = Self.mask(pausing) } }
    /// The same targets and pausing statuses as flat values, so the clock does no hashing
    /// per ticket (it is measured at 100,000 tickets a second).
    private var table: [Int32]
    private(set) var pausingMask: UInt32

    public init(name: String, conditions: [SLACondition] = [], targets: [TicketPriority: SLATargets], pausing: Set<TicketStatus> = TicketStatus.pausingByDefault) {
        self.name = name
        self.conditions = conditions
        self.targets = targets
        self.pausing = pausing
        self.table = Self.table(targets)
        self.pausingMask = Self.mask(pausing)
    }

    public static func == (a: SLAPolicy, b: SLAPolicy) -> Bool {
        a.name == b.name && a.conditions == b.conditions && a.targets == b.targets && a.pausing == b.pausing
    }

    @inline(__always)
    static func priorityIndex(_ p: TicketPriority) -> Int {
        switch p {
        case .low: 0
        case .normal: 1
        case .high: 2
        case .urgent: 3
        }
    }

    @inline(__always)
    static func metricIndex(_ m: SLAMetric) -> Int {
        switch m {
        case .firstResponse: 0
        case .nextResponse: 1
        case .resolution: 2
        }
    }

    @inline(__always)
    static func statusIndex(_ s: TicketStatus) -> Int {
        switch s {
        case .new: 0
        case .open: 1
        case .pendingCustomer: 2
        case .pendingThirdParty: 3
        case .onHold: 4
        case .solved: 5
        case .closed: 6
        }
    }

    private static func table(_ targets: [TicketPriority: SLATargets]) -> [Int32] {
        var t = [Int32](repeating: -1, count: 12)
        for (p, v) in targets {
            for m in SLAMetric.allCases {
                if let minutes = v[m] { t[priorityIndex(p) * 3 + metricIndex(m)] = Int32(clamping: min(max(minutes, 0), SLATargets.maximumMinutes)) }
            }
        }
        return t
    }

    private static func mask(_ statuses: Set<TicketStatus>) -> UInt32 {
        var m: UInt32 = 0
        for s in statuses { m |= 1 << UInt32(statusIndex(s)) }
        return m
    }

    @inline(__always)
    func pauses(_ status: TicketStatus) -> Bool { pausingMask & (1 << UInt32(Self.statusIndex(status))) != 0 }

    public func applies(to ticket: [String: String]) -> Bool {
        conditions.allSatisfy { $0.holds(for: ticket) }
    }

    public static func first(matching ticket: [String: String], in policies: [SLAPolicy]) -> SLAPolicy? {
        policies.first { $0.applies(to: ticket) }
    }

    /// The target in minutes for a clock at a priority.
    public func target(_ metric: SLAMetric, priority: TicketPriority) -> Int? {
        let v = table[Self.priorityIndex(priority) * 3 + Self.metricIndex(metric)]
        return v < 0 ? nil : Int(v)
    }
}
