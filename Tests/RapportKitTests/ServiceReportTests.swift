import RapportKit
import Testing

/// The service report's arithmetic: nearest-rank percentiles against the worked examples
/// of the method's usual reference (Wikipedia, "Percentile", nearest-rank method),
/// compliance with its conventions, and the backlog's age bands at their edges.
@Suite struct ServiceReportTests {
    static let minute: Int64 = 60_000

    @Test func nearestRankPublishedExamples() {
        let five: [Int64] = [15, 20, 35, 40, 50]
        #expect(ServiceReport.percentile(five, 5) == 15)
        #expect(ServiceReport.percentile(five, 30) == 20)
        #expect(ServiceReport.percentile(five, 40) == 20)
        #expect(ServiceReport.percentile(five, 50) == 35)
        #expect(ServiceReport.percentile(five, 100) == 50)
        let ten: [Int64] = [3, 6, 7, 8, 8, 10, 13, 15, 16, 20]
        #expect(ServiceReport.percentile(ten, 25) == 7)
        #expect(ServiceReport.percentile(ten, 50) == 8)
        #expect(ServiceReport.percentile(ten, 75) == 15)
        #expect(ServiceReport.percentile(ten, 100) == 20)
        let eleven: [Int64] = [3, 6, 7, 8, 8, 9, 10, 13, 15, 16, 20]
        #expect(ServiceReport.percentile(eleven, 25) == 7)
        #expect(ServiceReport.percentile(eleven, 50) == 9)
        #expect(ServiceReport.percentile(eleven, 75) == 15)
        // Order of input does not matter; nothing to rank is nil; out-of-range p is clamped.
        #expect(ServiceReport.percentile(ten.reversed(), 75) == 15)
        #expect(ServiceReport.percentile([], 50) == nil)
        #expect(ServiceReport.percentile(five, 0) == 15 && ServiceReport.percentile(five, 250) == 50)
    }

    @Test func percentileIsAlwaysAValueItWasGiven() {
        var rng = SeededGenerator(seed: 90)
        for _ in 0..<500 {
            let values = (0..<Int.random(in: 1...40, using: &rng)).map { _ in Int64.random(in: -1_000...1_000, using: &rng) }
            let p = Int.random(in: 1...100, using: &rng)
            let got = ServiceReport.percentile(values, p)!
            #expect(values.contains(got))
            // At least p% of the values are at or below it, and fewer than p% strictly below.
            let atOrBelow = values.filter { $0 <= got }.count, below = values.filter { $0 < got }.count
            #expect(atOrBelow * 100 >= p * values.count)
            #expect(below * 100 < p * values.count)
        }
    }

    static func clock(_ metric: SLAMetric, _ state: SLAClockState, business: Int64 = 0, start: Int64 = 0, stop: Int64? = nil,
                      policy: String = "Standard", group: String? = "Seoul", assignee: String? = "kim") -> ServiceReport.Clock {
        ServiceReport.Clock(metric: metric, state: state, businessMillis: business, startedAt: start, stoppedAt: stop, policy: policy, group: group, assignee: assignee)
    }

    @Test func complianceCountsDecidedClocksOnly() {
        let clocks = [
            Self.clock(.firstResponse, .met, stop: 1), Self.clock(.firstResponse, .met, stop: 1, assignee: "sato"),
            Self.clock(.firstResponse, .missed, stop: 1, assignee: "sato"), Self.clock(.resolution, .breached),
            Self.clock(.resolution, .running), Self.clock(.resolution, .paused), Self.clock(.firstResponse, .met, stop: 1, group: nil, assignee: nil),
        ]
        let byAgent = ServiceReport.compliance(clocks) { $0.assignee }
        #expect(byAgent == [
            .init(key: "kim", met: 1, missed: 1), .init(key: "sato", met: 1, missed: 1), .init(key: nil, met: 1, missed: 0),
        ])
        #expect(byAgent[0].rate == 0.5 && byAgent[2].rate == 1)
        let byGroup = ServiceReport.compliance(clocks) { $0.group }
        #expect(byGroup.map(\.key) == ["Seoul", nil] && byGroup[0].met == 2 && byGroup[0].missed == 2)
        #expect(ServiceReport.compliance([Self.clock(.resolution, .running)]) { $0.policy }.isEmpty)
        #expect(ServiceReport.Compliance(key: nil, met: 0, missed: 0).rate == nil)
    }

    @Test func timesInBusinessAndCalendarTime() {
        // Three first responses: 30, 90 and 240 business minutes, taken over 30 minutes,
        // a night (15 hours) and a weekend (64 hours) of calendar time.
        let clocks = [
            Self.clock(.firstResponse, .met, business: 30 * Self.minute, start: 0, stop: 30 * Self.minute),
            Self.clock(.firstResponse, .met, business: 90 * Self.minute, start: 0, stop: 15 * 60 * Self.minute),
            Self.clock(.firstResponse, .missed, business: 240 * Self.minute, start: 0, stop: 64 * 60 * Self.minute),
            Self.clock(.firstResponse, .running, business: 999 * Self.minute, start: 0),
            Self.clock(.resolution, .met, business: 5, start: 0, stop: 5),
        ]
        let t = ServiceReport.times(clocks, metric: .firstResponse)
        #expect(t.count == 3)
        #expect(t.businessMedian == 90 * Self.minute && t.businessP90 == 240 * Self.minute)
        #expect(t.calendarMedian == 15 * 60 * Self.minute && t.calendarP90 == 64 * 60 * Self.minute)
        let none = ServiceReport.times([], metric: .resolution)
        #expect(none.count == 0 && none.businessMedian == nil && none.businessP90 == nil && none.calendarMedian == nil && none.calendarP90 == nil)
        // A stop before its start (clock skew between instances) is no negative time; extremes do not trap.
        let odd = ServiceReport.times([Self.clock(.resolution, .met, business: -1, start: 10, stop: 5), Self.clock(.resolution, .met, start: .min, stop: .max)], metric: .resolution)
        #expect(odd.calendarMedian == 0 && odd.calendarP90 == .max && odd.businessMedian == 0)
    }

    @Test func backlogBandsAtTheirEdges() {
        let day: Int64 = 86_400_000
        #expect(ServiceReport.AgeBand.of(ageMillis: -5) == .underADay)
        #expect(ServiceReport.AgeBand.of(ageMillis: day - 1) == .underADay)
        #expect(ServiceReport.AgeBand.of(ageMillis: day) == .oneToThreeDays)
        #expect(ServiceReport.AgeBand.of(ageMillis: 3 * day) == .threeToSevenDays)
        #expect(ServiceReport.AgeBand.of(ageMillis: 7 * day) == .oneToFourWeeks)
        #expect(ServiceReport.AgeBand.of(ageMillis: 30 * day) == .older)
        #expect(ServiceReport.AgeBand.of(ageMillis: .max) == .older)
        let bands = ServiceReport.backlog(ages: [0, day, day + 1, 40 * day])
        #expect(bands.map(\.count) == [1, 2, 0, 0, 1])
    }
}
