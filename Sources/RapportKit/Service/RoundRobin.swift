/// Round-robin assignment in a group: the next ticket goes to the member who has waited
/// longest since their last one, a member never given one going first. Choosing by "last
/// assigned" rather than a pointer into the member list keeps the turn fair when people
/// join, leave or come back from being away: nobody is skipped twice or served twice.
public enum RoundRobin {
    public struct Candidate: Sendable, Equatable {
        public var id: String
        /// The group's turn at which they were last given a ticket; nil for never.
        public var lastAssigned: Int64?

        public init(id: String, lastAssigned: Int64?) {
            self.id = id
            self.lastAssigned = lastAssigned
        }
    }

    /// The member whose turn it is; ties (never assigned, or at the same instant) go by id,
    /// so every instance picks the same one. Nil when nobody can take tickets.
    public static func next(_ candidates: [Candidate]) -> String? {
        candidates.min { a, b in
            switch (a.lastAssigned, b.lastAssigned) {
            case (nil, nil): return a.id < b.id
            case (nil, _): return true
            case (_, nil): return false
            case let (x?, y?): return x != y ? x < y : a.id < b.id
            }
        }?.id
    }
}
