/// The service desk's figures from its stored clocks: how often each target was kept, how
/// long answers and resolutions took in business and in calendar time, and how old the
/// open work is. Pure, so the page, the CSV and the tests read the same numbers.
///
/// Conventions (also in docs/service-levels.md):
/// - Compliance counts a clock once its outcome is known: met or missed once stopped, and
///   missed already while it runs past its target (a breach cannot be undone). Paused and
///   running clocks short of their target are not counted yet.
/// - Times are of stopped clocks only: business time is what the clock measured (pauses
///   and closed hours left out), calendar time is stop minus start.
/// - Percentiles are nearest-rank: the smallest value with at least p% of the values at
///   or below it, so every figure shown is one a ticket really had.
public enum ServiceReport {
    /// One clock as the report reads it.
    public struct Clock: Sendable, Equatable {
        public var metric: SLAMetric
        public var state: SLAClockState
        public var businessMillis: Int64
        public var startedAt: Int64
        public var stoppedAt: Int64?
        public var policy: String
        public var group: String?
        public var assignee: String?

        public init(metric: SLAMetric, state: SLAClockState, businessMillis: Int64, startedAt: Int64, stoppedAt: Int64?,
                    policy: String, group: String?, assignee: String?) {
            self.metric = metric
            self.state = state
            self.businessMillis = businessMillis
            self.startedAt = startedAt
            self.stoppedAt = stoppedAt
            self.policy = policy
            self.group = group
            self.assignee = assignee
        }
    }

    /// Kept and missed targets of one policy, group or agent.
    public struct Compliance: Sendable, Equatable {
        public var key: String?
        public var met: Int
        public var missed: Int

        public init(key: String?, met: Int, missed: Int) {
            self.key = key
            self.met = met
            self.missed = missed
        }

        public var total: Int { met + missed }
        /// Met ÷ decided, 0…1; nil while nothing is decided.
        public var rate: Double? { total == 0 ? nil : Double(met) / Double(total) }
    }

    /// Compliance per value of `key` (nil: no group, nobody assigned), most decided first,
    /// then by key so the order is stable.
    public static func compliance(_ clocks: [Clock], by key: (Clock) -> String?) -> [Compliance] {
        var byKey: [String?: Compliance] = [:]
        for c in clocks {
            let kept: Bool
            switch c.state {
            case .met: kept = true
            case .missed, .breached: kept = false
            case .running, .paused: continue
            }
            let k = key(c)
            var entry = byKey[k] ?? Compliance(key: k, met: 0, missed: 0)
            if kept { entry.met += 1 } else { entry.missed += 1 }
            byKey[k] = entry
        }
        return byKey.values.sorted { a, b in
            a.total != b.total ? a.total > b.total : (a.key ?? "") < (b.key ?? "")
        }
    }

    /// The nearest-rank `percent` percentile of `values`; nil when empty.
    public static func percentile(_ values: [Int64], _ percent: Int) -> Int64? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let p = min(max(percent, 0), 100)
        // ceil(p/100 × n), at least 1, as a whole-number computation.
        let rank = max(1, (p * sorted.count + 99) / 100)
        return sorted[rank - 1]
    }

    /// Median and 90th percentile of one target's stopped clocks, in business and calendar time.
    public struct Times: Sendable, Equatable {
        public var count: Int
        public var businessMedian: Int64?
        public var businessP90: Int64?
        public var calendarMedian: Int64?
        public var calendarP90: Int64?
    }

    public static func times(_ clocks: [Clock], metric: SLAMetric) -> Times {
        var business: [Int64] = [], calendar: [Int64] = []
        for c in clocks where c.metric == metric && (c.state == .met || c.state == .missed) {
            guard let stopped = c.stoppedAt else { continue }
            business.append(max(c.businessMillis, 0))
            let (span, overflow) = stopped.subtractingReportingOverflow(c.startedAt)
            calendar.append(overflow ? .max : max(span, 0))
        }
        return Times(count: business.count, businessMedian: percentile(business, 50), businessP90: percentile(business, 90),
                     calendarMedian: percentile(calendar, 50), calendarP90: percentile(calendar, 90))
    }

    /// The age bands of the open backlog, as help desks usually cut it.
    public enum AgeBand: String, CaseIterable, Sendable {
        case underADay = "under_1d", oneToThreeDays = "1d_3d", threeToSevenDays = "3d_7d", oneToFourWeeks = "7d_30d", older = "over_30d"

        /// The band of a ticket opened `ageMillis` ago (a negative age counts as new).
        public static func of(ageMillis: Int64) -> AgeBand {
            let day: Int64 = 86_400_000
            switch ageMillis {
            case ..<day: return .underADay
            case ..<(3 * day): return .oneToThreeDays
            case ..<(7 * day): return .threeToSevenDays
            case ..<(30 * day): return .oneToFourWeeks
            default: return .older
            }
        }
    }

    /// How many open tickets fall in each band, in band order.
    public static func backlog(ages: [Int64]) -> [(band: AgeBand, count: Int)] {
        var counts: [AgeBand: Int] = [:]
        for age in ages { counts[AgeBand.of(ageMillis: age), default: 0] += 1 }
        return AgeBand.allCases.map { ($0, counts[$0] ?? 0) }
    }
}
