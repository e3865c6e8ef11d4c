import Foundation
import HTTPTypes
import RapportKit
import RapportStore
import Testing

/// A partnership and its children through the API on both databases: contacts named from
/// the directory, one Accountable, goals activated only when measurable, a roadmap without
/// cycles (also when two edits race), risks scored and traced, a conflict walking its
/// procedure with a dated history, and references that never cross into another
/// partnership.
@Suite struct PartnershipTests {
    struct Fixture {
        var partnership: String
        var ours: String
        var theirs: String
        var other: String  // a contact of another partnership
    }

    static func fixture(_ api: API) async throws -> Fixture {
        let org = try await api.create("organizations", #"{"name":"한빛 시스템즈","domain":"hanbit.test"}"#).string("id") ?? ""
        let person = try await api.create("people", #"{"family_name":"김","given_name":"지은","organization_id":"\#(org)"}"#).string("id") ?? ""
        let me = try await api.user("pm@example.com", role: "partner_manager")
        let p = try await api.create("partnerships", #"{"name":"한빛 리셀러","partner_id":"\#(org)","kind":"reseller","tier":"gold","started_on":"2026-01-01","renews_on":"2027-01-01"}"#)
        #expect(p.string("stage") == "exploring")
        let partnership = p.string("id") ?? ""
        let ours = try await api.create("partnership_contacts", #"{"partnership_id":"\#(partnership)","side":"ours","user_id":"\#(me.id)","role":"Partner manager"}"#)
        #expect(ours.string("name") == me.email.split(separator: "@").first.map(String.init), "named from the colleague's account")
        let theirs = try await api.create("partnership_contacts", #"{"partnership_id":"\#(partnership)","side":"theirs","person_id":"\#(person)","role":"Alliance lead","reviewed_on":"2026-11-01"}"#)
        let display = try await api.call(.get, "/api/v1/people/\(person)").object().string("display_name")
        #expect(display != nil && theirs.string("name") == display, "named from the person: \(theirs)")
        let second = try await api.create("partnerships", #"{"name":"Other","partner_id":"\#(org)","kind":"referral"}"#).string("id") ?? ""
        let other = try await api.create("partnership_contacts", #"{"partnership_id":"\#(second)","side":"theirs","person_id":"\#(person)","role":"Referrer"}"#).string("id") ?? ""
        return Fixture(partnership: partnership, ours: ours.string("id") ?? "", theirs: theirs.string("id") ?? "", other: other)
    }

    static func errorCodes(_ reply: Reply) throws -> [String] {
        (try reply.object()["errors"]?.arrayValue ?? []).compactMap { e in
            e.objectValue.map { "\($0.string("field") ?? ""):\($0.string("code") ?? "")" }
        }
    }

    @Test(arguments: Backend.available)
    func oneAccountableAtLeastOneResponsibleAndOnlyThisPartnershipsContacts(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let f = try await Self.fixture(api)
            let base = #""partnership_id":"\#(f.partnership)","workstream":"Enablement","activity":"Sales training""#
            let ok = try await api.call(.post, "/api/v1/responsibilities", json: #"{\#(base),"accountable_id":"\#(f.ours)","responsible_ids":["\#(f.theirs)"],"informed_ids":["\#(f.ours)"]}"#)
            #expect(try ok.status == .unprocessableContent && Self.errorCodes(ok) == ["informed_ids:overlap"])
            let two = try await api.call(.post, "/api/v1/responsibilities", json: #"{\#(base),"accountable_id":["\#(f.ours)","\#(f.theirs)"],"responsible_ids":["\#(f.theirs)"]}"#)
            #expect(try two.status == .unprocessableContent && Self.errorCodes(two).first?.hasPrefix("accountable_id:") == true, "\(two.body)")
            let none = try await api.call(.post, "/api/v1/responsibilities", json: #"{\#(base),"accountable_id":"\#(f.ours)"}"#)
            #expect(try none.status == .unprocessableContent && Self.errorCodes(none).contains { $0.hasPrefix("responsible_ids:") })
            let foreign = try await api.call(.post, "/api/v1/responsibilities", json: #"{\#(base),"accountable_id":"\#(f.other)","responsible_ids":["\#(f.theirs)"]}"#)
            #expect(try foreign.status == .unprocessableContent && Self.errorCodes(foreign) == ["accountable_id:other_parent"], "\(foreign.body)")
            let good = try await api.call(.post, "/api/v1/responsibilities", json: #"{\#(base),"accountable_id":"\#(f.ours)","responsible_ids":["\#(f.ours)","\#(f.theirs)"],"decides":"Discounts","decision_limit":{"amount":"5000000","currency":"KRW"}}"#)
            #expect(good.status == .created, "\(good.body)")
            let count = try await api.call(.get, "/api/v1/responsibilities?filter[partnership_id]=\(f.partnership)")
            #expect(try (count.object()["data"]?.arrayValue?.count) == 1, "refusals changed nothing")
        }
    }

    @Test(arguments: Backend.available)
    func aGoalIsActiveOnlyWhileItCanBeJudged(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let f = try await Self.fixture(api)
            let goal = try await api.create("partnership_goals", #"{"partnership_id":"\#(f.partnership)","objective":"공동 파이프라인 확대","perspective":"financial","due_on":"2027-06-30"}"#).string("id") ?? ""
            let early = try await api.call(.patch, "/api/v1/partnership_goals/\(goal)", json: #"{"status":"active"}"#)
            #expect(try early.status == .unprocessableContent && Self.errorCodes(early) == ["status:not_measurable"])
            let kr = try await api.create("key_results", #"{"goal_id":"\#(goal)","measure":"Partner-sourced pipeline","unit":"KRW","baseline":0,"target":500000000,"current":120000000}"#).string("id") ?? ""
            _ = try await api.call(.patch, "/api/v1/partnership_goals/\(goal)", json: #"{"why_ours":"Mid-market reach","why_theirs":"Services revenue"}"#)
            let noOwner = try await api.call(.patch, "/api/v1/partnership_goals/\(goal)", json: #"{"status":"active"}"#)
            #expect(try noOwner.object()["errors"]?.arrayValue?.first?.objectValue?.string("message")?.contains("an owner") == true)
            let foreign = try await api.call(.patch, "/api/v1/key_results/\(kr)", json: #"{"owner_contact_id":"\#(f.other)"}"#)
            #expect(try foreign.status == .unprocessableContent && Self.errorCodes(foreign) == ["owner_contact_id:other_parent"])
            #expect(try await api.call(.patch, "/api/v1/key_results/\(kr)", json: #"{"owner_contact_id":"\#(f.theirs)"}"#).status == .ok)
            #expect(try await api.call(.patch, "/api/v1/partnership_goals/\(goal)", json: #"{"status":"active"}"#).status == .ok)
            // While active, its key results stay measurable and it keeps one.
            let vague = try await api.call(.patch, "/api/v1/key_results/\(kr)", json: #"{"target":null}"#)
            #expect(vague.status == .unprocessableContent)
            let last = try await api.call(.delete, "/api/v1/key_results/\(kr)")
            #expect(last.status == .conflict, "\(last.body)")
            #expect(try await api.call(.get, "/api/v1/key_results/\(kr)").status == .ok, "the refused delete changed nothing")
        }
    }

    @Test(arguments: Backend.available)
    func theRoadmapRefusesCirclesEvenWhenTwoEditsRace(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let f = try await Self.fixture(api)
            var ids: [String] = []
            for (i, name) in ["계약", "トレーニング", "Launch"].enumerated() {
                let deps = ids.last.map { #"["\#($0)"]"# } ?? "[]"
                ids.append(try await api.create("milestones", #"{"partnership_id":"\#(f.partnership)","name":"\#(name)","due_on":"2027-0\#(i + 1)-15","depends_on_ids":\#(deps)}"#).string("id") ?? "")
            }
            let circle = try await api.call(.patch, "/api/v1/milestones/\(ids[0])", json: #"{"depends_on_ids":["\#(ids[2])"]}"#)
            #expect(try circle.status == .unprocessableContent && Self.errorCodes(circle) == ["depends_on_ids:cycle"])
            let otherMilestone = try await api.call(.get, "/api/v1/partnerships?filter[name]=Other")
            let otherID = try otherMilestone.object()["data"]?.arrayValue?.first?.objectValue?.string("id") ?? ""
            let foreign = try await api.create("milestones", #"{"partnership_id":"\#(otherID)","name":"Elsewhere","due_on":"2027-01-01"}"#).string("id") ?? ""
            let crossing = try await api.call(.patch, "/api/v1/milestones/\(ids[1])", json: #"{"depends_on_ids":["\#(ids[0])","\#(foreign)"]}"#)
            #expect(try Self.errorCodes(crossing) == ["depends_on_ids:other_parent"])
            // Two new milestones each made to wait for the other at the same moment: at
            // most one edit lands, and the roadmap has no circle afterwards.
            let x = try await api.create("milestones", #"{"partnership_id":"\#(f.partnership)","name":"X","due_on":"2027-05-01"}"#).string("id") ?? ""
            let y = try await api.create("milestones", #"{"partnership_id":"\#(f.partnership)","name":"Y","due_on":"2027-05-01"}"#).string("id") ?? ""
            async let a = api.call(.patch, "/api/v1/milestones/\(x)", json: #"{"depends_on_ids":["\#(y)"]}"#)
            async let b = api.call(.patch, "/api/v1/milestones/\(y)", json: #"{"depends_on_ids":["\#(x)"]}"#)
            let statuses = [try await a.status, try await b.status]
            #expect(statuses.filter { $0 == .ok }.count == 1 && statuses.allSatisfy { $0 == .ok || $0 == .unprocessableContent || $0 == .serviceUnavailable }, "\(statuses)")
            var items: [RoadmapItem] = []
            for id in ids + [x, y] {
                let m = try await api.call(.get, "/api/v1/milestones/\(id)").object()
                items.append(RoadmapItem(id: id, dependsOn: (m["depends_on_ids"]?.arrayValue ?? []).compactMap(\.stringValue), due: m.string("due_on") ?? "", status: m.string("status") ?? ""))
            }
            #expect(Roadmap.cycle(items) == nil)
        }
    }

    @Test(arguments: Backend.available)
    func aRiskKeepsItsScoreAtTheLastReview(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let f = try await Self.fixture(api)
            let risk = try await api.create("risks", #"{"partnership_id":"\#(f.partnership)","title":"Key engineer leaves","likelihood":3,"impact":4,"reviewed_on":"2026-09-01","owner_contact_id":"\#(f.theirs)"}"#)
            #expect(risk.string("band") == "high" && risk["score"]?.numberLiteral == "12" && risk["previous_score"]?.isNull == true)
            let id = risk.string("id") ?? ""
            let reviewed = try await api.call(.patch, "/api/v1/risks/\(id)", json: #"{"likelihood":4,"impact":5,"reviewed_on":"2026-12-01"}"#).object()
            #expect(reviewed["score"]?.numberLiteral == "20" && reviewed.string("band") == "critical" && reviewed["previous_score"]?.numberLiteral == "12")
            let edited = try await api.call(.patch, "/api/v1/risks/\(id)", json: #"{"impact":3}"#).object()
            #expect(edited["previous_score"]?.numberLiteral == "12", "an edit between reviews is no review")
            for bad in [#"{"likelihood":6}"#, #"{"impact":0}"#, #"{"likelihood":2.5}"#, #"{"score":7}"#] {
                #expect(try await api.call(.patch, "/api/v1/risks/\(id)", json: bad).status == .unprocessableContent, "\(bad)")
            }
        }
    }

    @Test(arguments: Backend.available)
    func aConflictWalksItsProcedureWithADatedHistory(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let f = try await Self.fixture(api)
            let conflict = try await api.create("conflicts", #"{"partnership_id":"\#(f.partnership)","title":"Channel conflict over 삼성 account","raised_by_id":"\#(f.theirs)","party_ids":["\#(f.ours)","\#(f.theirs)"],"facts":"Both sides quoted the same customer"}"#)
            #expect(conflict.string("step") == "internal_discussion")
            let id = conflict.string("id") ?? ""
            func move(_ json: String) async throws -> Reply { try await api.call(.patch, "/api/v1/conflicts/\(id)", json: json) }
            #expect(try await move(#"{"step":"escalation"}"#).status == .ok)
            let skip = try await move(#"{"step":"resolution","action_plan":"Split by region","action_owner_ids":["\#(f.ours)"]}"#)
            #expect(try skip.status == .unprocessableContent && Self.errorCodes(skip) == ["step_reason:reason_required"])
            #expect(try await move(#"{"step":"resolution","step_reason":"The agreement provides no mediation.","action_plan":"Split by region","action_owner_ids":["\#(f.ours)"]}"#).status == .ok)
            #expect(try await move(#"{"step":"escalation"}"#).status == .unprocessableContent, "never back")
            let noDate = try await move(#"{"step":"reconciliation"}"#)
            #expect(try Self.errorCodes(noDate) == ["reconciled_on:required"])
            let reconciled = try await move(#"{"step":"reconciliation","reconciled_on":"2026-12-02"}"#).object()
            #expect(reconciled["step_reason"]?.isNull == true, "a reason belongs to its own move")
            #expect(try await move(#"{"step":"lessons_learned"}"#).status == .ok)
            #expect(try await move(#"{"step":"closed","lessons":"Register every deal before the first meeting."}"#).status == .ok)
            let history = try await api.call(.get, "/api/v1/conflicts/\(id)/stages").object()["data"]?.arrayValue ?? []
            #expect(history.compactMap { $0.objectValue?.string("to") } == ["internal_discussion", "escalation", "resolution", "reconciliation", "lessons_learned", "closed"])
            #expect(history[2].objectValue?.string("reason") == "The agreement provides no mediation.")
            #expect(history.allSatisfy { $0.objectValue?.string("at") != nil && $0.objectValue?.string("actor_id") != nil })
            // The lessons are found by the next conflict's search.
            for q in ["first%20meeting", "%EC%82%BC%EC%84%B1"] {  // the lessons; 삼성 in the title
                let found = try await api.call(.get, "/api/v1/conflicts?q=\(q)").body
                #expect(found.contains(id), "\(q): \(found)")
            }
            // A partnership's lifecycle keeps its history too, moving freely.
            for stage in ["active", "renewing", "active"] {
                #expect(try await api.call(.patch, "/api/v1/partnerships/\(f.partnership)", json: #"{"stage":"\#(stage)"}"#).status == .ok)
            }
            let stages = try await api.call(.get, "/api/v1/partnerships/\(f.partnership)/stages").object()["data"]?.arrayValue ?? []
            #expect(stages.compactMap { $0.objectValue?.string("to") } == ["exploring", "active", "renewing", "active"])
            // Ended: its records stay as they were.
            #expect(try await api.call(.patch, "/api/v1/partnerships/\(f.partnership)", json: #"{"stage":"ended"}"#).status == .ok)
            let frozen = try await api.call(.patch, "/api/v1/conflicts/\(id)", json: #"{"impact":"later"}"#)
            #expect(try frozen.status == .unprocessableContent && Self.errorCodes(frozen) == ["partnership_id:final"], "\(frozen.body)")
        }
    }
}

/// Joint reviews: the scorecard total as stored, action items that become tasks on the
/// right list, and the brief on the page and as a document in Korean.
@Suite struct PartnerReviewTests {
    @Test(arguments: Backend.available)
    func aReviewScoresAssignsActionsAndPrints(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let f = try await PartnershipTests.fixture(api)
            let bad = try await api.call(.post, "/api/v1/partner_reviews", json: #"{"partnership_id":"\#(f.partnership)","title":"Q4","period_start":"2026-10-01","period_end":"2026-12-31","weight_performance":50,"weight_collaboration":50,"weight_communication":10,"weight_responsiveness":0,"weight_esg":0}"#)
            #expect(try bad.status == .unprocessableContent && (PartnershipTests.errorCodes(bad)) == ["weight_performance:weights_sum"])
            let review = try await api.create("partner_reviews", #"{"partnership_id":"\#(f.partnership)","title":"2026년 4분기 공동 리뷰","period_start":"2026-10-01","period_end":"2026-12-31","score_performance":82.5,"score_collaboration":70,"score_communication":91.25,"score_responsiveness":64,"score_esg":55.55}"#)
            // 30% × 82.5 + 20% × 70 + 20% × 91.25 + 20% × 64 + 10% × 55.55 = 24.75 + 14 + 18.25 + 12.8 + 5.555 = 75.355 → 75.36
            #expect(review["score_total"]?.numberLiteral == "75.36", "\(review)")
            let id = review.string("id") ?? ""
            let mine = try await api.create("review_actions", #"{"review_id":"\#(id)","title":"Send the pricing sheet","owner_contact_id":"\#(f.ours)","due_on":"2027-01-15"}"#).string("id") ?? ""
            _ = try await api.create("review_actions", #"{"review_id":"\#(id)","title":"공동 고객 목록 공유","owner_contact_id":"\#(f.theirs)","due_on":"2027-01-20"}"#)
            let foreign = try await api.call(.post, "/api/v1/review_actions", json: #"{"review_id":"\#(id)","title":"x","owner_contact_id":"\#(f.other)","due_on":"2027-01-20"}"#)
            #expect(try (PartnershipTests.errorCodes(foreign)) == ["owner_contact_id:other_parent"])
            let tasks = try await api.call(.get, "/api/v1/activities?filter[kind]=task&filter[completed_at]=&limit=50").object()["data"]?.arrayValue?.compactMap(\.objectValue) ?? []
            let pricing = tasks.first { $0.string("subject") == "Send the pricing sheet" }
            let pm = try await api.call(.get, "/api/v1/users").object()["data"]?.arrayValue?.compactMap(\.objectValue).first { $0.string("email") == "pm@example.com" }
            #expect(pricing != nil && pricing?.string("owner_id") == pm?.string("id"), "our colleague's task is on their list")
            #expect(pricing?.string("due_at")?.hasPrefix("2027-01-15") == true)
            #expect(tasks.contains { $0.string("subject")?.hasPrefix("공동 고객 목록 공유 (") == true }, "the partner's item names them")
            #expect(try await api.call(.patch, "/api/v1/review_actions/\(mine)", json: #"{"status":"done"}"#).status == .ok)
            let done = try await api.call(.get, "/api/v1/activities/\(pricing?.string("id") ?? "")").object()
            #expect(done["completed_at"]?.stringValue != nil, "done with its action item")

            // The brief on the review's page and as a document, in Korean; the partnership's
            // page shows its sections; a skipped conflict step asks for the reason on the form.
            var browser = try await WorkspacePageTests.signedIn(api)
            let csrf = PageClient.csrf(try await browser.request(.get, "/").body) ?? ""
            _ = try await browser.request(.post, "/settings/language", form: [("_csrf", csrf), ("language", "ko")])
            _ = try await api.create("milestones", #"{"partnership_id":"\#(f.partnership)","name":"늦은 교육","due_on":"2026-01-10"}"#)
            _ = try await api.create("risks", #"{"partnership_id":"\#(f.partnership)","title":"핵심 인력 이탈","likelihood":4,"impact":5}"#)
            let page = try await browser.request(.get, "/partner_reviews/\(id)")
            #expect(page.status == .ok && page.body.contains("파트너 스코어카드") && page.body.contains("75.36") && page.body.contains("24.75"))
            #expect(page.body.contains("늦은 교육") && page.body.contains("핵심 인력 이탈") && page.body.contains("공동 고객 목록 공유"))
            let document = try await browser.request(.get, "/partner_reviews/\(id)/print")
            #expect(document.status == .ok && document.body.contains("review-doc") && document.body.contains("2026년 4분기 공동 리뷰") && document.body.contains("합계 (가중합)"))
            #expect(try await browser.request(.get, "/partnerships/\(f.partnership)/print").status == .notFound)
            let partnership = try await browser.request(.get, "/partnerships/\(f.partnership)")
            #expect(partnership.status == .ok && partnership.body.contains("리스크 히트맵") && partnership.body.contains("로드맵") && partnership.body.contains("지연"))
            let conflict = try await api.create("conflicts", #"{"partnership_id":"\#(f.partnership)","title":"Overlap"}"#).string("id") ?? ""
            let skip = try await browser.request(.post, "/conflicts/\(conflict)/step", form: [("_csrf", csrf), ("to", "mediation")])
            // The form opens with the step chosen and says what the step needs (the mediator).
            #expect(skip.status == .unprocessableContent && skip.body.contains("f-mediator-error") && skip.body.contains(#"id="form-error""#))
            #expect(try await api.call(.get, "/api/v1/conflicts/\(conflict)").object().string("step") == "internal_discussion")
            #expect(try await browser.request(.post, "/conflicts/\(conflict)/step", form: [("_csrf", csrf), ("to", "escalation")]).status == .seeOther)
            #expect(try await api.call(.get, "/api/v1/conflicts/\(conflict)").object().string("step") == "escalation")
        }
    }
}

/// The partner report: the league table with health and its inputs, cycle times, cadence,
/// as a page and as CSV, for those who manage partnerships and never for partner users.
@Suite struct PartnerReportTests {
    @Test(arguments: Backend.available)
    func theReportRanksPartnershipsAndExportsItsTables(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let f = try await PartnershipTests.fixture(api)
            _ = try await api.call(.patch, "/api/v1/partnerships/\(f.partnership)", json: #"{"started_on":"2026-01-01"}"#)
            _ = try await api.create("partner_reviews", #"{"partnership_id":"\#(f.partnership)","title":"Q1","period_start":"2026-01-01","period_end":"2026-03-31","status":"held","held_on":"2026-03-30","score_performance":80,"score_collaboration":80,"score_communication":80,"score_responsiveness":80,"score_esg":80}"#)
            _ = try await api.create("risks", #"{"partnership_id":"\#(f.partnership)","title":"R","likelihood":5,"impact":5}"#)
            let conflict = try await api.create("conflicts", #"{"partnership_id":"\#(f.partnership)","title":"C"}"#).string("id") ?? ""
            _ = try await api.call(.patch, "/api/v1/conflicts/\(conflict)", json: #"{"step":"closed","step_reason":"Settled in the first talk","action_plan":"None needed","action_owner_ids":["\#(f.ours)"],"reconciled_on":"2026-12-01","lessons":"Talk first"}"#)
            var browser = try await WorkspacePageTests.signedIn(api)
            let csrf = PageClient.csrf(try await browser.request(.get, "/").body) ?? ""
            _ = try await browser.request(.post, "/settings/language", form: [("_csrf", csrf), ("language", "ja")])
            let page = try await browser.request(.get, "/partnerships/report")
            #expect(page.status == .ok && page.body.contains("パートナー順位表") && page.body.contains("한빛 리셀러") && page.body.contains("対立の解決期間"))
            let league = try await browser.request(.get, "/partnerships/report?format=csv")
            let lines = league.body.split(whereSeparator: \.isNewline)
            #expect(league.status == .ok && lines.first?.hasPrefix("partnership,kind,tier,stage,health,") == true && lines.count == 3, "\(league.body)")
            // Scorecard 80.00; risks 100 − 25 × 4 = 0; no conflict open (it closed); no goals or actions yet:
            // (80 × 30 + 0 × 20 + 100 × 10) / 60 = 56.7.
            let row = try #require(lines.first { $0.hasPrefix("한빛 리셀러") })
            #expect(row.contains(",56.7,") && row.contains(",80.00,"), "\(row)")
            let cadence = try await browser.request(.get, "/partnerships/report?format=csv&part=cadence").body
            #expect(cadence.contains("한빛 리셀러,1,"), "\(cadence)")
            let cycles = try await browser.request(.get, "/partnerships/report?format=csv&part=conflicts").body
            #expect(cycles.contains("total,1,"), "\(cycles)")
            // Partner users do not get the portfolio.
            let partner = try await api.user("p@partner.test", role: "partner", password: "Partner-pass-2026!")
            _ = try await api.call(.put, "/api/v1/partnerships/\(f.partnership)/partner_users/\(partner.id)")
            var outside = PageClient(api)
            _ = try await outside.signIn("p@partner.test", "Partner-pass-2026!")
            let refused = try await outside.request(.get, "/partnerships/report")
            #expect(refused.status == .notFound && refused.body.contains("<html"), "the app's not-found page, not a bare problem document")
        }
    }
}

/// Deals name the partnership that sourced them and those that influenced them; the
/// partnership's page sums them from the deals the reader sees.
@Suite struct PartnerPipelineTests {
    @Test(arguments: Backend.available)
    func thePartnershipShowsThePipelineItSourcedAndInfluenced(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let f = try await PartnershipTests.fixture(api)
            let (pipeline, stage) = try await DealTests.stages(api)
            let base = #""pipeline_id":"\#(pipeline)","stage_id":"\#(stage["Lead"]!)""#
            _ = try await api.create("deals", #"{"title":"A",\#(base),"amount":{"amount":"1000000","currency":"KRW"},"partnership_id":"\#(f.partnership)"}"#)
            _ = try await api.create("deals", #"{"title":"B",\#(base),"amount":{"amount":"2500000","currency":"KRW"},"partnership_id":"\#(f.partnership)"}"#)
            _ = try await api.create("deals", #"{"title":"C",\#(base),"amount":{"amount":"300","currency":"USD"},"influenced_by_ids":["\#(f.partnership)"]}"#)
            _ = try await api.create("deals", #"{"title":"D",\#(base),"amount":{"amount":"9","currency":"USD"}}"#)
            let influenced = try await api.call(.get, "/api/v1/deals?filter[influenced_by_ids]=\(f.partnership)").object()["data"]?.arrayValue ?? []
            #expect(influenced.compactMap { $0.objectValue?.string("title") } == ["C"])
            let bad = try await api.call(.post, "/api/v1/deals", json: #"{"title":"E",\#(base),"partnership_id":"01a23d00-0000-7000-8000-000000000000"}"#)
            #expect(bad.status == .unprocessableContent)
            var browser = try await WorkspacePageTests.signedIn(api)
            let page = try await browser.request(.get, "/partnerships/\(f.partnership)")
            #expect(page.status == .ok && page.body.contains("Pipeline through this partnership") && page.body.contains("Deals: 2") && page.body.contains("3,500,000"), "\(page.status)")
            #expect(page.body.contains("Deals: 1") && page.body.contains("300"))
        }
    }
}

/// The contact network on the partnership page, from the activities logged with the
/// partner's people.
@Suite struct PartnerNetworkTests {
    @Test(arguments: Backend.available)
    func thePageSaysWhoKnowsWhomAndWhoWentQuiet(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let f = try await PartnershipTests.fixture(api)
            let org = try await api.call(.get, "/api/v1/partnerships/\(f.partnership)").object().string("partner_id") ?? ""
            let quiet = try await api.create("people", #"{"display_name":"이서준","organization_id":"\#(org)","job_title":"CTO"}"#).string("id") ?? ""
            let people = try await api.call(.get, "/api/v1/people?filter[organization_id]=\(org)").object()["data"]?.arrayValue?.compactMap { $0.objectValue?.string("id") } ?? []
            let talked = try #require(people.first { $0 != quiet })
            _ = try await api.create("activities", #"{"kind":"call","subject":"Quarterly plan","participants":["\#(talked)"]}"#)
            var browser = try await WorkspacePageTests.signedIn(api)
            let page = try await browser.request(.get, "/partnerships/\(f.partnership)")
            #expect(page.status == .ok && page.body.contains("Contact network") && page.body.contains("이서준"))
            #expect(page.body.contains("Never contacted") && page.body.contains("Only one of us knows them"))
        }
    }
}
