import Foundation

/// A partnership's health as one index of the inputs a partner manager watches, each shown
/// beside the index so nobody has to trust a number they cannot take apart: goal
/// attainment, the latest scorecard, open risks, open conflicts, and responsiveness (action
/// items done by their due date). Inputs that cannot be measured yet are left out and the
/// remaining weights count in proportion.
public enum PartnerHealth {
    public struct Part: Sendable, Equatable {
        public var name: String
        /// 0...100.
        public var value: Double
        public var weight: Double
    }

    public struct Inputs: Sendable {
        /// Mean goal progress, 0...1.
        public var goalAttainment: Double?
        /// The latest scorecard total, 0...100.
        public var scorecard: Double?
        public var openRiskScores: [Int]
        public var openConflicts: Int
        /// Action items done by their due date among those due, 0...1.
        public var onTime: Double?

        public init(goalAttainment: Double? = nil, scorecard: Double? = nil, openRiskScores: [Int] = [], openConflicts: Int = 0, onTime: Double? = nil) {
            self.goalAttainment = goalAttainment
            self.scorecard = scorecard
            self.openRiskScores = openRiskScores
            self.openConflicts = openConflicts
            self.onTime = onTime
        }
    }

    public static let weights: [String: Double] = ["goals": 30, "scorecard": 30, "risks": 20, "conflicts": 10, "responsiveness": 10]

    public static func parts(_ i: Inputs) -> [Part] {
        var out: [Part] = []
        if let g = i.goalAttainment { out.append(Part(name: "goals", value: min(100, max(0, g * 100)), weight: weights["goals"]!)) }
        if let s = i.scorecard { out.append(Part(name: "scorecard", value: min(100, max(0, s)), weight: weights["scorecard"]!)) }
        // The mean open risk score of 25 (the worst cell) is 0; no open risk is 100.
        let meanRisk = i.openRiskScores.isEmpty ? 0 : Double(i.openRiskScores.reduce(0, +)) / Double(i.openRiskScores.count)
        out.append(Part(name: "risks", value: max(0, 100 - meanRisk * 4), weight: weights["risks"]!))
        // Each open conflict costs a quarter.
        out.append(Part(name: "conflicts", value: max(0, 100 - 25 * Double(i.openConflicts)), weight: weights["conflicts"]!))
        if let r = i.onTime { out.append(Part(name: "responsiveness", value: min(100, max(0, r * 100)), weight: weights["responsiveness"]!)) }
        return out
    }

    /// The weighted mean of the parts, 0...100, rounded to one decimal.
    public static func index(_ parts: [Part]) -> Double? {
        let total = parts.reduce(0) { $0 + $1.weight }
        guard total > 0 else { return nil }
        return (parts.reduce(0) { $0 + $1.value * $1.weight } / total * 10).rounded() / 10
    }
}

/// Whether joint reviews kept their cadence: the calendar months or quarters that ended
/// since the partnership started, and how many of them had a review held in them.
public enum ReviewCadence {
    public struct Period: Sendable, Equatable {
        public var start: String
        public var end: String
    }

    /// Whole periods from the one containing `start` up to the last that ended before
    /// `today` (`YYYY-MM-DD`); quarters are calendar quarters.
    public static func periods(from start: String, to today: String, cadence: String) -> [Period] {
        guard let (y0, m0, _) = CivilDate.parseISO(start), let (ty, tm, _) = CivilDate.parseISO(today) else { return [] }
        let step = cadence == "monthly" ? 1 : 3
        var y = y0, m = m0 - ((m0 - 1) % step)
        var out: [Period] = []
        while out.count < 600 {
            var ey = y, em = m + step
            if em > 12 { em -= 12; ey += 1 }
            // The period ends the day before the next one starts.
            let endDays = CivilDate.toDays(year: ey, month: em, day: 1) - 1
            guard endDays < CivilDate.toDays(year: ty, month: tm, day: 1) + Int64(Self.day(today) - 1) else { break }
            let (eyy, emm, edd) = CivilDate.fromDays(endDays)
            out.append(Period(start: String(format: "%04d-%02d-01", y, m), end: String(format: "%04d-%02d-%02d", Int(eyy), emm, edd)))
            y = ey
            m = em
        }
        return out
    }

    static func day(_ text: String) -> Int { CivilDate.parseISO(text)?.2 ?? 1 }

    /// Periods with at least one review held within them, and those without.
    public static func kept(_ periods: [Period], held: [String]) -> (kept: Int, missed: Int) {
        let kept = periods.filter { p in held.contains { $0 >= p.start && $0 <= p.end } }.count
        return (kept, periods.count - kept)
    }

    /// The middle value, or the mean of the two middle ones.
    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}
