/// Round-robin assignment in a group: the next ticket goes to the member who has waited
/// longest since their last one, a member never given one going first. Choosing by "last
/// assigned" rather than a pointer into the member list keeps the turn fair when people
/// join, leave or come back from being away: nobody is skipped twice or served twice.
public enum RoundRobin {
    public struct Candidate: Sendable, Equatable {
        public var id: String
        /// The group's turn at which they were last given a ticket; nil for never.
        public var lastAssigned: Int64?
        /// The language they work in (a user's page language).
        public var language: String?

        public init(id: String, lastAssigned: Int64?, language: String? = nil) {
            self.id = id
            self.lastAssigned = lastAssigned
            self.language = language
        }
    }

    /// The turn among those who speak the requester's language when any of them can take
    /// it (a Japanese requester to a Japanese-speaking agent), else among everyone: a
    /// language nobody in the group speaks must not leave the ticket unassigned. Languages
    /// match by their primary subtag (`ja-JP` is `ja`).
    public static func next(_ candidates: [Candidate], speaking language: String?) -> String? {
        func primary(_ tag: String?) -> String? { tag?.split(separator: "-").first.map { $0.lowercased() } }
        guard let wanted = primary(language) else { return next(candidates) }
        let speakers = candidates.filter { primary($0.language) == wanted }
        return next(speakers.isEmpty ? candidates : speakers)
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
