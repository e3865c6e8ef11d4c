/// Who knows whom between us and a partner, and how recently they talked, from the logged
/// calls, meetings, mails and notes: so a partnership does not hang on one person, and a
/// colleague who leaves hands over people, not just records.
public enum ContactNetwork {
    /// One logged interaction between a person at the partner and a colleague.
    public struct Interaction: Sendable, Equatable {
        public var person: String
        public var colleague: String
        /// Milliseconds since 1970.
        public var at: Int64

        public init(person: String, colleague: String, at: Int64) {
            self.person = person
            self.colleague = colleague
            self.at = at
        }
    }

    public struct Tie: Sendable, Equatable {
        public var colleague: String
        public var lastAt: Int64
        public var recent: Int
    }

    public struct Person: Sendable, Equatable {
        public var person: String
        /// Colleagues who talked with them, most recent first.
        public var ties: [Tie]
        public var lastAt: Int64?
        /// Nobody talked with them within the window.
        public var stale: Bool
        /// Only one colleague knows them: the relationship leaves with that colleague.
        public var singleThreaded: Bool
    }

    public static let window: Int64 = 90 * 86_400_000

    /// Every person of `people`, those never contacted included, most recently contacted
    /// first and the never contacted last.
    public static func summarize(people: [String], _ interactions: [Interaction], now: Int64) -> [Person] {
        let byPerson = Dictionary(grouping: interactions, by: \.person)
        let out = people.map { person -> Person in
            let mine = byPerson[person] ?? []
            let ties = Dictionary(grouping: mine, by: \.colleague).map { colleague, list in
                Tie(colleague: colleague, lastAt: list.map(\.at).max() ?? 0, recent: list.filter { now - $0.at <= window }.count)
            }.sorted { ($0.lastAt, $1.colleague) > ($1.lastAt, $0.colleague) }
            let last = ties.first?.lastAt
            return Person(person: person, ties: ties, lastAt: last, stale: last.map { now - $0 > window } ?? true, singleThreaded: ties.count == 1)
        }
        return out.sorted { ($0.lastAt ?? Int64.min, $1.person) > ($1.lastAt ?? Int64.min, $0.person) }
    }
}
