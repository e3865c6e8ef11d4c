import Foundation
import PropertyBased
@testable import RapportKit
import Testing

/// The partnership rules that need no database: procedures and their moves, goals that can
/// be judged, RACI letters, a roadmap without cycles and its slips, risk bands and the
/// conflict procedure's requirements.
@Suite struct PartnershipRuleTests {
    // MARK: Procedures

    @Test func aStrictProcedureMovesOneStepForwardOrSkipsWithAReason() {
        let p = Conflicts.procedure
        #expect(p.check(from: nil, to: "internal_discussion", reason: nil) == nil)
        #expect(p.check(from: "internal_discussion", to: "escalation", reason: nil) == nil)
        #expect(p.check(from: "escalation", to: "escalation", reason: nil) == nil, "staying is no move")
        let skip = p.check(from: "escalation", to: "resolution", reason: nil)
        #expect(skip?.code == "reason_required" && skip?.field == "step_reason" && skip?.message.contains("mediation") == true)
        #expect(p.check(from: "escalation", to: "resolution", reason: "   ")?.code == "reason_required", "blank is no reason")
        #expect(p.check(from: "escalation", to: "resolution", reason: "The agreement provides no mediation.") == nil)
        #expect(p.check(from: "resolution", to: "escalation", reason: "again")?.code == "backwards")
        #expect(p.check(from: nil, to: "mediation", reason: nil)?.code == "reason_required", "a new conflict starts at the start")
        #expect(p.nextSteps(after: "escalation") == ["mediation"])
        #expect(p.nextSteps(after: "closed").isEmpty)
    }

    @Test func aFreeLifecycleGoesAnywhereAndCountsTimeInEachStage() {
        let l = Partnerships.lifecycle
        #expect(l.check(from: "renewing", to: "active", reason: nil) == nil)
        #expect(l.check(from: "exploring", to: "ended", reason: nil) == nil)
        #expect(l.nextSteps(after: "active").count == 6)
        let day: Int64 = 86_400_000
        let moves = [
            StageMove(from: nil, to: "exploring", at: 0, actorID: nil, reason: nil),
            StageMove(from: "exploring", to: "active", at: 3 * day, actorID: nil, reason: nil),
            StageMove(from: "active", to: "renewing", at: 10 * day, actorID: nil, reason: nil),
            StageMove(from: "renewing", to: "active", at: 12 * day, actorID: nil, reason: nil),
        ]
        #expect(StageRule.durations(moves, now: 20 * day) == ["exploring": 3 * day, "active": 15 * day, "renewing": 2 * day])
    }

    // MARK: Goals

    static func kr(_ target: String?, owner: String? = "c1", due: String? = "2027-03-31") -> JSONObject {
        JSONObject([("measure", .string("Joint pipeline")), ("target", target.map(JSONValue.number) ?? .null),
                    ("owner_contact_id", owner.map(JSONValue.string) ?? .null), ("due_on", due.map(JSONValue.string) ?? .null)])
    }

    @Test func aGoalIsActivatedOnlyWhenMeasurableAndWantedByBothSides() {
        let goal = JSONObject([("objective", .string("Grow joint pipeline")), ("why_ours", .string("Reach mid-market")), ("why_theirs", .string("Services revenue"))])
        #expect(GoalReadiness.problems(goal: goal, keyResults: [Self.kr("40")]).isEmpty)
        let none = GoalReadiness.problems(goal: goal, keyResults: [])
        #expect(none.map(\.code) == ["not_measurable"] && none[0].message.contains("a key result"))
        let vague = GoalReadiness.problems(goal: goal, keyResults: [Self.kr(nil, owner: nil, due: nil)])[0].message
        #expect(vague.contains("a target") && vague.contains("an owner") && vague.contains("a due date"))
        var withDue = goal
        withDue["due_on"] = .string("2027-06-30")
        #expect(GoalReadiness.problems(goal: withDue, keyResults: [Self.kr("40", due: nil)]).isEmpty, "the goal's date serves")
        var oneSided = goal
        oneSided["why_theirs"] = .string("  ")
        #expect(GoalReadiness.problems(goal: oneSided, keyResults: [Self.kr("40")])[0].message.contains("why the partner wants it"))
    }

    @Test func progressRunsFromBaselineToTargetEitherWay() {
        #expect(GoalReadiness.progress(baseline: "10", target: "50", current: "30") == 0.5)
        #expect(GoalReadiness.progress(baseline: "20", target: "5", current: "11") == 0.6, "fewer escalations count down")
        #expect(GoalReadiness.progress(baseline: "0", target: "100", current: "150") == 1)
        #expect(GoalReadiness.progress(baseline: "0", target: "100", current: "-5") == 0)
        #expect(GoalReadiness.progress(baseline: "7", target: "7", current: "7") == 1)
        #expect(GoalReadiness.progress(baseline: "7", target: "7", current: "3") == nil)
        #expect(GoalReadiness.progress(baseline: "1", target: nil, current: "3") == nil)
        let mean = GoalReadiness.progress(of: [
            JSONObject([("baseline", .number("0")), ("target", .number("10")), ("current", .number("10"))]),
            JSONObject([("baseline", .number("0")), ("target", .number("10")), ("current", .number("0"))]),
            JSONObject([("measure", .string("no target"))]),
        ])
        #expect(mean == 0.5)
    }

    // MARK: Roles

    @Test func raciKeepsOneLetterPerPersonAndActivity() {
        func record(_ pairs: [(String, JSONValue)]) -> JSONObject { JSONObject(pairs) }
        let ok = record([("accountable_id", .string("a")), ("responsible_ids", .array([.string("a"), .string("b")])), ("consulted_ids", .array([.string("c")])), ("informed_ids", .array([.string("d")]))])
        #expect(Responsibilities.validate(ok).isEmpty)
        #expect(Responsibilities.letters(of: "a", in: ok) == "A/R")
        #expect(Responsibilities.letters(of: "d", in: ok) == "I")
        #expect(Responsibilities.letters(of: "z", in: ok) == "")
        let overlap = record([("accountable_id", .string("a")), ("responsible_ids", .array([.string("b")])), ("informed_ids", .array([.string("a")]))])
        #expect(Responsibilities.validate(overlap).map(\.field) == ["informed_ids"])
        let empty = record([("accountable_id", .string("a")), ("responsible_ids", .array([]))])
        #expect(Responsibilities.validate(empty).map(\.code) == ["required"])
        let limit = record([("accountable_id", .string("a")), ("responsible_ids", .array([.string("a")])),
                            ("decision_limit", .object(JSONObject([("amount", .string("5000000")), ("currency", .string("KRW"))])))])
        #expect(Responsibilities.validate(limit).map(\.field) == ["decides"])
    }

    // MARK: Roadmap

    @Test func aRoadmapFindsTheCircleItWouldMake() {
        let items = [
            RoadmapItem(id: "a", dependsOn: [], due: "2027-01-10", status: "planned"),
            RoadmapItem(id: "b", dependsOn: ["a"], due: "2027-02-10", status: "planned"),
            RoadmapItem(id: "c", dependsOn: ["b", "a"], due: "2027-03-10", status: "planned"),
        ]
        #expect(Roadmap.cycle(items) == nil)
        var circle = items
        circle[0].dependsOn = ["c"]
        #expect(Set(Roadmap.cycle(circle) ?? []) == ["a", "b", "c"])
        #expect(Roadmap.cycle([RoadmapItem(id: "s", dependsOn: ["s"], due: "", status: "")]) == ["s"])
        // A chain of 20,000 does not exhaust the stack, with or without a circle at its end.
        var chain = (0..<20_000).map { RoadmapItem(id: "m\($0)", dependsOn: $0 == 0 ? [] : ["m\($0 - 1)"], due: "", status: "") }
        #expect(Roadmap.cycle(chain) == nil)
        chain[0].dependsOn = ["m19999"]
        #expect(Roadmap.cycle(chain)?.count == 20_000)
    }

    @Test func aMilestoneSlipsWhenLateOrWaitingForOneThatSlipped() {
        let items = [
            RoadmapItem(id: "contract", dependsOn: [], due: "2026-11-01", status: "in_progress"),
            RoadmapItem(id: "training", dependsOn: ["contract"], due: "2027-01-15", status: "planned"),
            RoadmapItem(id: "launch", dependsOn: ["training"], due: "2027-02-01", status: "planned"),
            RoadmapItem(id: "portal", dependsOn: [], due: "2026-10-01", status: "done", doneOn: "2026-10-03"),
            RoadmapItem(id: "webinar", dependsOn: ["portal"], due: "2027-03-01", status: "planned"),
            RoadmapItem(id: "dropped", dependsOn: [], due: "2026-01-01", status: "cancelled"),
        ]
        let slips = Roadmap.slips(items, today: "2026-12-03")
        #expect(slips == ["contract": .late, "training": .waitsFor("contract"), "launch": .waitsFor("training")])
        #expect(Roadmap.slips(items, today: "2026-10-15")["contract"] == nil, "not due yet")
        #expect(Roadmap.slips(items, today: "2026-11-01")["contract"] == nil, "due today is not late")
    }

    // MARK: Risks

    @Test func onlyTheFourteenReachableScoresHaveBands() async {
        #expect(RiskScore.reachable == [1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 15, 16, 20, 25])
        for n in [0, 7, 11, 13, 14, 17, 18, 19, 21, 22, 23, 24, 26, -4] { #expect(RiskScore.band(score: n) == nil, "\(n)") }
        // The NPSA 5 × 5 matrix: 1–3 low, 4–6 moderate, 8–12 high, 15–25 extreme.
        let published: [(Int, RiskBand)] = [(1, .low), (3, .low), (4, .medium), (6, .medium), (8, .high), (12, .high), (15, .critical), (25, .critical)]
        for (score, band) in published { #expect(RiskScore.band(score: score) == band, "\(score)") }
        #expect(RiskScore.band(likelihood: 4, impact: 3) == .high)
        #expect(RiskScore.band(likelihood: 0, impact: 3) == nil && RiskScore.band(likelihood: 6, impact: 1) == nil)
        // Every cell of the matrix has a band, and bands never fall as either level rises.
        await propertyCheck(count: 200, input: Gen.int(in: 1...5), Gen.int(in: 1...5)) { l, i in
            let band = RiskScore.band(likelihood: l, impact: i)
            #expect(band != nil)
            let order = RiskBand.allCases
            if l < 5, let up = RiskScore.band(likelihood: l + 1, impact: i), let band { #expect(order.firstIndex(of: up)! >= order.firstIndex(of: band)!) }
            if i < 5, let up = RiskScore.band(likelihood: l, impact: i + 1), let band { #expect(order.firstIndex(of: up)! >= order.firstIndex(of: band)!) }
        }
    }

    @Test func aRiskIsScoredBandedAndTracedBetweenReviews() {
        var risk = JSONObject([("likelihood", .number("4")), ("impact", .number("5"))])
        Risks.derive(&risk)
        #expect(risk["score"]?.numberLiteral == "20" && risk["band"]?.stringValue == "critical" && risk["status"]?.stringValue == "open")
        for bad in ["0", "6", "2.5", "-1"] {
            #expect(Risks.validate(JSONObject([("likelihood", .number(bad))])).map(\.code) == ["out_of_range"], "\(bad)")
        }
        #expect(RiskScore.trend(previous: 12, current: 20) == .rising && RiskScore.trend(previous: 12, current: 6) == .falling)
        #expect(RiskScore.trend(previous: nil, current: 6) == nil)
        let map = RiskScore.heatMap([(4, 5), (4, 5), (1, 1), (9, 9)])
        #expect(map[3][4] == 2 && map[0][0] == 1 && map.joined().reduce(0, +) == 3)
    }

    // MARK: Conflicts

    @Test func eachStepOfTheConflictProcedureAsksForWhatItNeeds() {
        func errors(_ step: String, _ extra: [(String, JSONValue)] = []) -> [String] {
            Conflicts.validate(JSONObject([("step", .string(step))] + extra)).map(\.field)
        }
        #expect(errors("internal_discussion").isEmpty)
        #expect(errors("mediation") == ["mediator"])
        #expect(errors("resolution") == ["action_plan", "action_owner_ids"])
        let plan: [(String, JSONValue)] = [("action_plan", .string("Split the territory by region")), ("action_owner_ids", .array([.string("c1")]))]
        #expect(errors("resolution", plan).isEmpty)
        #expect(errors("reconciliation", plan) == ["reconciled_on"])
        #expect(errors("closed", plan + [("reconciled_on", .string("2026-12-01"))]) == ["lessons"])
        #expect(errors("closed", plan + [("reconciled_on", .string("2026-12-01")), ("lessons", .string("Register deals before the first meeting."))]).isEmpty)
    }

    @Test func contactsAreColleaguesOnOurSideAndPeopleOnTheirs() {
        #expect(PartnershipContacts.validate(JSONObject([("side", .string("ours")), ("user_id", .string("u1"))])).isEmpty)
        #expect(PartnershipContacts.validate(JSONObject([("side", .string("ours")), ("person_id", .string("p1"))])).map(\.field) == ["user_id", "person_id"])
        #expect(PartnershipContacts.validate(JSONObject([("side", .string("theirs")), ("person_id", .string("p1"))])).isEmpty)
        #expect(Decisions.validate(JSONObject([("evidence_urls", .string("https://a.test/r\n\nftp://x"))])).map(\.code) == ["invalid_url"])
    }
}

/// The partner scorecard's total is the weighted sum to the cent.
@Suite struct ScorecardTests {
    static func record(_ scores: [String], weights: [String]? = nil) -> JSONObject {
        var pairs: [(String, JSONValue)] = zip(Scorecard.dimensions, scores).map { ("score_" + $0, .number($1)) }
        if let weights { pairs += zip(Scorecard.dimensions, weights).map { ("weight_" + $0, .number($1)) } }
        return JSONObject(pairs)
    }

    @Test func theDefaultWeightsAndAWorkedExample() {
        // 30% × 80 + 20% × 70 + 20% × 90 + 20% × 60 + 10% × 50 = 24 + 14 + 18 + 12 + 5 = 73.
        #expect(Scorecard.total(Self.record(["80", "70", "90", "60", "50"])) == 73)
        var r = Self.record(["80", "70", "90", "60", "50"])
        PartnerReviews.derive(&r)
        #expect(r["score_total"]?.numberLiteral == "73.00")
        // Own weights: 33.33 + 33.33 + 33.34 on three dimensions, none on two.
        let own = Self.record(["100", "0", "50", "99.99", "12.5"], weights: ["33.33", "33.33", "33.34", "0", "0"])
        #expect(Scorecard.problems(own).isEmpty)
        #expect(Scorecard.total(own) == Decimal(string: "50.00")!, "33.33 + 0 + 16.67 = 50.00")
        #expect(Scorecard.total(Self.record(["80", "70", "90", "60"])) == nil, "a dimension not scored: no total")
    }

    @Test func weightsAndScoresAreRefusedOutsideTheirRules() {
        #expect(Scorecard.problems(Self.record(["80", "70", "90", "60", "50"], weights: ["30", "20", "20", "20", "20"])).map(\.code) == ["weights_sum"])
        #expect(Scorecard.problems(JSONObject([("weight_performance", .number("100"))])).map(\.code) == ["required"])
        #expect(Scorecard.problems(Self.record(["101", "-1", "50.001", "50", "50"])).map(\.field) == ["score_performance", "score_collaboration", "score_communication"])
    }

    /// Any scores and weights with two decimals: the total in cents is Σ score × weight,
    /// counted in integers, rounded half up, exactly.
    @Test func theTotalIsTheWeightedSumToTheCent() async {
        let hundredths = Gen.int(in: 0...10_000)
        await propertyCheck(count: 500, input: hundredths, hundredths, hundredths, hundredths, hundredths, Gen.int(in: 0...10_000), Gen.int(in: 0...10_000)) { a, b, c, d, e, w1, w2 in
            let scores = [a, b, c, d, e]
            // Five weights in hundredths that add up to 100.00 exactly.
            let cut = [w1, w2].sorted()
            let weights = [cut[0], cut[1] - cut[0], 10_000 - cut[1], 0, 0]
            func text(_ n: Int) -> String { String(format: "%d.%02d", n / 100, n % 100) }
            let record = Self.record(scores.map(text), weights: weights.map(text))
            #expect(Scorecard.problems(record).isEmpty)
            let product = zip(scores, weights).reduce(0) { $0 + $1.0 * $1.1 }  // in 1/10,000 of a point × 1/100 of a percent
            let cents = (product + 5_000) / 10_000  // half up
            #expect(Scorecard.total(record).map { Scorecard.text($0) } == text(cents), "\(scores) \(weights)")
        }
    }
}

/// When a registration's protection ends, in the partner's own calendar.
@Suite struct RegistrationProtectionTests {
    @Test func protectionCountsDaysInThePartnersTimeZone() {
        let seoul = TimeZone(identifier: "Asia/Seoul")!, la = TimeZone(identifier: "America/Los_Angeles")!
        // 2026-12-01T16:30Z is 2 December 01:30 in Seoul and 1 December 08:30 in Los Angeles.
        let at = Timestamp.parse("2026-12-01T16:30:00.000Z")!
        #expect(RegistrationProtection.lastDay(approvedAt: at, days: 90, zone: seoul) == "2027-03-02")
        #expect(RegistrationProtection.lastDay(approvedAt: at, days: 90, zone: la) == "2027-03-01")
        #expect(RegistrationProtection.lastDay(approvedAt: at, days: 1, zone: seoul) == "2026-12-03")
        // Across a leap day and a daylight-saving change.
        #expect(RegistrationProtection.lastDay(approvedAt: Timestamp.parse("2028-02-01T12:00:00.000Z")!, days: 30, zone: la) == "2028-03-02")
        #expect(RegistrationProtection.lastDay(approvedAt: Timestamp.parse("2027-03-13T12:00:00.000Z")!, days: 1, zone: la) == "2027-03-14")
        // Protected through the last day's end in Seoul, not in UTC.
        let last = "2027-03-02"
        #expect(RegistrationProtection.isProtected(lastDay: last, now: Timestamp.parse("2027-03-02T14:59:59.000Z")!, zone: seoul))
        #expect(!RegistrationProtection.isProtected(lastDay: last, now: Timestamp.parse("2027-03-02T15:00:00.000Z")!, zone: seoul))
    }

    @Test func aPartnerUserSeesBySharingLevelAndNeverMore() {
        let role = Role.builtIn(named: "partner")!
        let viewer = Viewer(userID: "u", role: role, teamMembers: [], partnerships: ["p1": ["goals": .summary, "risks": .counts], "p2": ["goals": .full]])
        #expect(viewer.shareLevel("goals") == .summary, "the lowest of their partnerships")
        let goals = viewer.visibility(PartnershipGoals.type, in: .builtIn)
        let partnership = VisibleRecord(ownerID: "m", values: ["id": "p1"])
        #expect(goals?.admits(VisibleRecord(ownerID: "m", parents: ["partnership_id": partnership], values: ["partnership_id": "p1", "shared": "true"])) == true)
        #expect(goals?.admits(VisibleRecord(ownerID: "m", parents: ["partnership_id": partnership], values: ["partnership_id": "p1", "shared": "false"])) == false)
        let risks = viewer.visibility(Risks.type, in: .builtIn)
        #expect(risks?.admits(VisibleRecord(ownerID: "m", parents: ["partnership_id": partnership], values: ["partnership_id": "p1"])) == false, "counts only: no records")
        #expect(!viewer.role.allows(.read, on: Deals.type.name))
        #expect(viewer.hiddenFields(PartnershipGoals.type) == ["why_ours", "why_theirs"])
        let rule = viewer.visibility(KeyResults.type, in: .builtIn)
        let goal = VisibleRecord(ownerID: "m", parents: ["partnership_id": partnership], values: ["partnership_id": "p1", "shared": "true"])
        #expect(rule?.admits(VisibleRecord(ownerID: "m", parents: ["goal_id": goal])) == true)
        let unshared = VisibleRecord(ownerID: "m", parents: ["partnership_id": partnership], values: ["partnership_id": "p1", "shared": "false"])
        #expect(rule?.admits(VisibleRecord(ownerID: "m", parents: ["goal_id": unshared])) == false)
        let elsewhere = VisibleRecord(ownerID: "m", parents: ["partnership_id": VisibleRecord(ownerID: "m", values: ["id": "p3"])], values: ["partnership_id": "p3", "shared": "true"])
        #expect(rule?.admits(VisibleRecord(ownerID: "m", parents: ["goal_id": elsewhere])) == false)
    }
}

/// Partner health, review cadence and cycle-time medians.
@Suite struct PartnerReportRuleTests {
    @Test func healthIsTheWeightedMeanOfWhatCanBeMeasured() {
        let parts = PartnerHealth.parts(.init(goalAttainment: 0.5, scorecard: 80, openRiskScores: [12, 8], openConflicts: 1, onTime: 0.75))
        #expect(parts.map(\.name) == ["goals", "scorecard", "risks", "conflicts", "responsiveness"])
        #expect(parts.map(\.value) == [50, 80, 60, 75, 75])
        // (50×30 + 80×30 + 60×20 + 75×10 + 75×10) / 100 = 66
        #expect(PartnerHealth.index(parts) == 66)
        let early = PartnerHealth.parts(.init())
        #expect(early.map(\.name) == ["risks", "conflicts"] && PartnerHealth.index(early) == 100, "nothing measured yet but no risk or conflict")
        #expect(PartnerHealth.parts(.init(openRiskScores: [25], openConflicts: 9)).map(\.value) == [0, 0])
    }

    @Test func reviewCadenceCountsWholeCalendarPeriods() {
        let quarters = ReviewCadence.periods(from: "2026-02-10", to: "2026-12-03", cadence: "quarterly")
        #expect(quarters == [.init(start: "2026-01-01", end: "2026-03-31"), .init(start: "2026-04-01", end: "2026-06-30"), .init(start: "2026-07-01", end: "2026-09-30")])
        let months = ReviewCadence.periods(from: "2026-10-15", to: "2026-12-01", cadence: "monthly")
        #expect(months.map(\.end) == ["2026-10-31", "2026-11-30"])
        #expect(ReviewCadence.periods(from: "2024-01-01", to: "2024-03-01", cadence: "monthly").map(\.end) == ["2024-01-31", "2024-02-29"], "a leap year's February")
        let kept = ReviewCadence.kept(quarters, held: ["2026-03-30", "2026-03-31", "2026-08-01", "2026-12-01"])
        #expect(kept.kept == 2 && kept.missed == 1)
        #expect(ReviewCadence.median([3, 1, 2]) == 2 && ReviewCadence.median([4, 1, 2, 3]) == 2.5 && ReviewCadence.median([]) == nil)
    }
}

/// Who knows whom at a partner, and who has gone quiet.
@Suite struct ContactNetworkTests {
    @Test func peopleAreRankedByTheLastTalkWithTheirTiesAndRisks() {
        let day: Int64 = 86_400_000
        let now = 1_000 * day
        let talks = [
            ContactNetwork.Interaction(person: "kim", colleague: "ann", at: now - 2 * day),
            ContactNetwork.Interaction(person: "kim", colleague: "ann", at: now - 40 * day),
            ContactNetwork.Interaction(person: "kim", colleague: "bo", at: now - 120 * day),
            ContactNetwork.Interaction(person: "sato", colleague: "bo", at: now - 100 * day),
        ]
        let net = ContactNetwork.summarize(people: ["sato", "kim", "lee"], talks, now: now)
        #expect(net.map(\.person) == ["kim", "sato", "lee"])
        #expect(net[0].ties.map(\.colleague) == ["ann", "bo"] && net[0].ties.map(\.recent) == [2, 0])
        #expect(!net[0].stale && !net[0].singleThreaded)
        #expect(net[1].stale && net[1].singleThreaded, "one colleague, and not within 90 days")
        #expect(net[2].lastAt == nil && net[2].stale && !net[2].singleThreaded && net[2].ties.isEmpty)
    }
}
