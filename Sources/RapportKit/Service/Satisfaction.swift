/// The scales a survey asks on. A satisfaction survey after a solved ticket asks good or
/// bad (as Zendesk does) or 1–5 (as HubSpot's and Freshdesk's CSAT do); a Net Promoter
/// survey asks 0–10. Stored scores are the scale's own numbers: good 1 and bad 0.
public enum SurveyScale: String, Sendable, CaseIterable {
    case goodBad = "good_bad"
    case fivePoint = "five"
    case zeroToTen = "zero_ten"

    public var scores: ClosedRange<Int> {
        switch self {
        case .goodBad: 0...1
        case .fivePoint: 1...5
        case .zeroToTen: 0...10
        }
    }

    /// Scores offered, best first, as a survey page lists them.
    public var choices: [Int] { scores.reversed() }

    /// The scales an admin may choose for satisfaction surveys.
    public static let satisfaction: [SurveyScale] = [.goodBad, .fivePoint]

    /// Whether a score counts as satisfied: good, 4 or 5 of five (the "top two boxes"; 3
    /// is neutral and counts against, as every published CSAT % does), 9 or 10 of ten.
    public func isPositive(_ score: Int) -> Bool {
        switch self {
        case .goodBad: score == 1
        case .fivePoint: score >= 4
        case .zeroToTen: score >= 9
        }
    }
}

/// Customer satisfaction: the share of answers that were positive, with the count beside
/// it so that 100 % of 2 answers is not read as 100 % of 200.
public struct CSATSummary: Sendable, Equatable {
    public var responses: Int
    public var positive: Int

    public init(responses: Int = 0, positive: Int = 0) {
        self.responses = responses
        self.positive = positive
    }

    /// Counts only scores within their scale; anything else was refused when it came in.
    public init<S: Sequence>(_ answers: S) where S.Element == (score: Int, scale: SurveyScale) {
        self.init()
        for a in answers where a.scale.scores.contains(a.score) { add(score: a.score, scale: a.scale) }
    }

    public mutating func add(score: Int, scale: SurveyScale) {
        guard scale.scores.contains(score) else { return }
        responses += 1
        if scale.isPositive(score) { positive += 1 }
    }

    /// Positive ÷ responses × 100; nil without responses (not 0 %: nobody answered).
    public var percent: Double? {
        responses == 0 ? nil : Double(positive) * 100 / Double(responses)
    }
}

/// Net Promoter Score: % promoters (9–10) − % detractors (0–6), from −100 to 100;
/// passives (7–8) count in the total only.
public struct NPSSummary: Sendable, Equatable {
    public var promoters = 0
    public var passives = 0
    public var detractors = 0

    public init() {}

    public init<S: Sequence>(_ scores: S) where S.Element == Int {
        for score in scores { add(score) }
    }

    public mutating func add(_ score: Int) {
        switch score {
        case 9...10: promoters += 1
        case 7...8: passives += 1
        case 0...6: detractors += 1
        default: break
        }
    }

    public var responses: Int { promoters + passives + detractors }

    /// nil without responses; otherwise exact to the fraction (58.33…, not 58).
    public var score: Double? {
        responses == 0 ? nil : Double(promoters - detractors) * 100 / Double(responses)
    }
}

/// One answered satisfaction survey as the service report reads it.
public struct SatisfactionAnswer: Sendable, Equatable {
    public var score: Int
    public var scale: SurveyScale
    /// Milliseconds since 1970.
    public var at: Int64
    public var group: String?
    public var agent: String?
    public var comment: String?
    public var ticket: String?

    public init(score: Int, scale: SurveyScale, at: Int64, group: String? = nil, agent: String? = nil, comment: String? = nil, ticket: String? = nil) {
        self.score = score
        self.scale = scale
        self.at = at
        self.group = group
        self.agent = agent
        self.comment = comment
        self.ticket = ticket
    }
}

/// CSAT over the report's period: per group or agent, and week by week.
public enum SatisfactionReport {
    public static let week: Int64 = ServiceReport.weekMillis

    public static func overall(_ answers: [SatisfactionAnswer]) -> CSATSummary {
        CSATSummary(answers.map { ($0.score, $0.scale) })
    }

    /// Most answers first, then by name; answers without a key (no group) under nil.
    public static func by(_ answers: [SatisfactionAnswer], key: (SatisfactionAnswer) -> String?) -> [(key: String?, summary: CSATSummary)] {
        var groups: [String?: CSATSummary] = [:]
        for a in answers { groups[key(a), default: CSATSummary()].add(score: a.score, scale: a.scale) }
        return groups.map { (key: $0.key, summary: $0.value) }.sorted {
            $0.summary.responses != $1.summary.responses ? $0.summary.responses > $1.summary.responses : ($0.key ?? "\u{10FFFF}") < ($1.key ?? "\u{10FFFF}")
        }
    }

    /// `count` weeks ending at `now`, oldest first, each starting at its first instant; an
    /// answer at exactly a week's start belongs to that week. Answers outside are left out.
    public static func weeks(_ answers: [SatisfactionAnswer], now: Int64, count: Int) -> [(start: Int64, summary: CSATSummary)] {
        guard count > 0 else { return [] }
        var buckets = [CSATSummary](repeating: CSATSummary(), count: count)
        for a in answers { if let i = ServiceReport.weekIndex(a.at, now: now, count: count) { buckets[i].add(score: a.score, scale: a.scale) } }
        return buckets.enumerated().map { i, s in (start: ServiceReport.weekStart(i, now: now, count: count), summary: s) }
    }
}

/// NPS over the report's period, week by week, each week with its count.
public enum NPSReport {
    public static func weeks(_ answers: [(score: Int, at: Int64)], now: Int64, count: Int) -> [(start: Int64, summary: NPSSummary)] {
        guard count > 0 else { return [] }
        var buckets = [NPSSummary](repeating: NPSSummary(), count: count)
        for a in answers { if let i = ServiceReport.weekIndex(a.at, now: now, count: count) { buckets[i].add(a.score) } }
        return buckets.enumerated().map { i, s in (start: ServiceReport.weekStart(i, now: now, count: count), summary: s) }
    }
}
