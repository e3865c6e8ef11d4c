extension ServiceReport {
    /// How often "solved" did not hold: the share of solved tickets the requester (or an
    /// agent) had to reopen. Help desks read it beside resolution time, because a desk can
    /// buy a fast resolution time by solving too early.
    public struct Reopens: Sendable, Equatable {
        public var key: String?
        /// Tickets solved at least once.
        public var solved: Int
        /// Of those, tickets that left "solved" for a status still being worked.
        public var reopened: Int

        public init(key: String?, solved: Int, reopened: Int) {
            self.key = key
            self.solved = solved
            self.reopened = reopened
        }

        /// Reopened ÷ solved, 0…1; nil while nothing was solved.
        public var rate: Double? { solved == 0 ? nil : Double(reopened) / Double(solved) }
    }

    /// One ticket's statuses in the order it took them (its first status included).
    public struct StatusHistory: Sendable, Equatable {
        public var key: String?
        public var statuses: [TicketStatus]

        public init(key: String?, statuses: [TicketStatus]) {
            self.key = key
            self.statuses = statuses
        }

        /// Solved at some point; reopened when a later status is one agents still work
        /// (closing a solved ticket is its normal end, not a reopening).
        var outcome: (solved: Bool, reopened: Bool) {
            guard let first = statuses.firstIndex(of: .solved) else { return (false, false) }
            return (true, statuses[(first + 1)...].contains { $0 != .solved && $0 != .closed })
        }
    }

    /// Reopens over all `histories`, and per key (group or agent), most solved first.
    public static func reopens(_ histories: [StatusHistory]) -> (overall: Reopens, byKey: [Reopens]) {
        var overall = Reopens(key: nil, solved: 0, reopened: 0)
        var byKey: [String?: Reopens] = [:]
        for h in histories {
            let (solved, reopened) = h.outcome
            guard solved else { continue }
            overall.solved += 1
            var entry = byKey[h.key] ?? Reopens(key: h.key, solved: 0, reopened: 0)
            entry.solved += 1
            if reopened {
                overall.reopened += 1
                entry.reopened += 1
            }
            byKey[h.key] = entry
        }
        let sorted = byKey.values.sorted { a, b in a.solved != b.solved ? a.solved > b.solved : (a.key ?? "") < (b.key ?? "") }
        return (overall, sorted)
    }
}
