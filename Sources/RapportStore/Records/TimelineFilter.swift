import RapportKit

/// Which entries of a record's timeline to show: everything, one kind of activity, or
/// only the audited changes. Parsed from the record page's URL; anything unknown is
/// "everything", never an error, so an old link still opens the record.
public enum TimelineFilter: Sendable, Equatable {
    case all
    /// Activities of one kind (`call`, `note` …): one of ``Activities/kinds``.
    case activities(String)
    case changes

    public init(_ value: String?) {
        switch value {
        case "changes": self = .changes
        case let kind? where Activities.kinds.contains(kind): self = .activities(kind)
        default: self = .all
        }
    }

    /// The value in the URL; nil for everything.
    public var value: String? {
        switch self {
        case .all: nil
        case .activities(let kind): kind
        case .changes: "changes"
        }
    }

    var showsActivities: Bool { self != .changes }
    var showsChanges: Bool { self == .all || self == .changes }
    /// Received mail counts as email: the chip for emails shows it with the logged ones.
    var showsMail: Bool { self == .all || self == .activities("email") }
}
