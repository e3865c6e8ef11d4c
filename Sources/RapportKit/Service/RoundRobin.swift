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
        /// What they are good at, matched against a ticket's tags without regard to case.
        public var skills: [String]

        public init(id: String, lastAssigned: Int64?, language: String? = nil, skills: [String] = []) {
            self.id = id
            self.lastAssigned = lastAssigned
            self.language = language
            self.skills = skills
        }
    }

    /// The turn among those who have the skills the ticket asks for, then (among them) those
    /// who speak the requester's language.
    ///
    /// A ticket asks for a skill when one of its tags is a skill some member of the group
    /// has; other tags ask for nothing. Those who have every skill asked for take it; when
    /// nobody has all, those who have the most of them; when nobody has any, everyone: like
    /// a language nobody speaks, a missing skill must not leave a ticket unassigned. Skills
    /// come before language: a billing question in Japanese goes to someone who knows
    /// billing, and to the Japanese speaker among them if there is one.
    public static func next(_ candidates: [Candidate], speaking language: String?, tags: [String]) -> String? {
        let known = Set(candidates.flatMap { $0.skills.map { $0.lowercased() } })
        let asked = Set(tags.map { $0.lowercased() }).intersection(known)
        guard !asked.isEmpty else { return next(candidates, speaking: language) }
        let scored = candidates.map { ($0, Set($0.skills.map { $0.lowercased() }).intersection(asked).count) }
        let best = scored.map(\.1).max() ?? 0
        return next(scored.filter { $0.1 == best }.map(\.0), speaking: language)
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
