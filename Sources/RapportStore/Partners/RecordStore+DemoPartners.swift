import Foundation
import RapportKit

extension RecordStore {
    /// Two partnerships as a partner manager would keep them, written through the engine's
    /// own rules: a Korean reseller mid-year (goals with key results, roles, a roadmap with a
    /// slipped milestone, risks, a conflict under way, a decision) and a Japanese technology
    /// partner still onboarding. Dates are set around `now` so the roadmap has a today.
    func seedDemoPartners(korean: (org: String, person: String)?, japanese: (org: String, person: String)?, actor: Actor, now: Date = Date()) async throws {
        guard let me = actor.userID else { return }
        func day(_ offset: Int) -> JSONValue {
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = TimeZone(identifier: "UTC")
            f.dateFormat = "yyyy-MM-dd"
            return .string(f.string(from: now.addingTimeInterval(Double(offset) * 86_400)))
        }
        func make(_ typeName: String, _ pairs: [(String, JSONValue)]) async throws -> String {
            try await create(try await type(named: typeName), body: JSONObject(pairs), actor: actor).id
        }
        func ids(_ list: [String]) -> JSONValue { .array(list.map(JSONValue.string)) }
        if let korean {
            let p = try await make(Partnerships.type.name, [
                ("name", .string("한빛 리셀러 파트너십")), ("partner_id", .string(korean.org)), ("kind", .string("reseller")), ("tier", .string("gold")),
                ("started_on", day(-200)), ("renews_on", day(165)), ("partner_owner_id", .string(korean.person)), ("time_zone", .string("Asia/Seoul")),
                ("vision", .string("수도권 중견기업에 Rapport를 함께 공급하고, 도입부터 지원까지 한 팀처럼 움직인다.")),
                ("value_ours", .string("중견기업 시장 진출과 현지 구축 역량")), ("value_theirs", .string("구독 매출과 서비스 매출")),
                ("share_goals", .string("full")), ("share_roadmap", .string("full")), ("share_risks", .string("counts")),
                ("share_conflicts", .string("summary")), ("share_decisions", .string("full")), ("share_reviews", .string("summary")),
            ])
            for stage in ["negotiating", "onboarding", "active"] {
                _ = try await update(try await type(named: Partnerships.type.name), id: p, body: JSONObject([("stage", .string(stage))]), ifMatch: nil, actor: actor)
            }
            let ours = try await make(PartnershipContacts.type.name, [("partnership_id", .string(p)), ("side", .string("ours")), ("user_id", .string(me)), ("role", .string("파트너 매니저")), ("reviewed_on", day(-30))])
            let theirs = try await make(PartnershipContacts.type.name, [("partnership_id", .string(p)), ("side", .string("theirs")), ("person_id", .string(korean.person)), ("role", .string("제휴 총괄")), ("reviewed_on", day(-120))])
            let goal = try await make(PartnershipGoals.type.name, [
                ("partnership_id", .string(p)), ("objective", .string("파트너 발굴 파이프라인 확대")), ("perspective", .string("financial")), ("due_on", day(120)), ("shared", .bool(true)),
                ("why_ours", .string("직접 영업이 닿지 않는 중견기업 확보")), ("why_theirs", .string("라이선스 재판매와 구축 서비스 매출")),
            ])
            _ = try await make(KeyResults.type.name, [("goal_id", .string(goal)), ("measure", .string("파트너 발굴 파이프라인")), ("unit", .string("백만 원")),
                                                      ("baseline", .number("0")), ("target", .number("500")), ("current", .number("185")), ("owner_contact_id", .string(theirs))])
            _ = try await make(KeyResults.type.name, [("goal_id", .string(goal)), ("measure", .string("인증 엔지니어 수")), ("unit", .string("명")),
                                                      ("baseline", .number("1")), ("target", .number("6")), ("current", .number("4")), ("owner_contact_id", .string(ours))])
            _ = try await update(try await type(named: PartnershipGoals.type.name), id: goal, body: JSONObject([("status", .string("active"))]), ifMatch: nil, actor: actor)
            _ = try await make(PartnershipGoals.type.name, [
                ("partnership_id", .string(p)), ("objective", .string("공동 고객 만족도 개선")), ("perspective", .string("customer")), ("due_on", day(200)),
            ])
            for (stream, activity, a, r, c, i, decides) in [
                ("영업", "공동 제안서 작성", ours, [theirs], [String](), [String](), ""),
                ("영업", "할인 승인", ours, [ours], [theirs], [String](), "15% 이하 할인"),
                ("구축", "고객 온보딩", theirs, [theirs], [ours], [String](), ""),
                ("지원", "1차 기술 지원", theirs, [theirs], [String](), [ours], ""),
            ] {
                var pairs: [(String, JSONValue)] = [("partnership_id", .string(p)), ("workstream", .string(stream)), ("activity", .string(activity)),
                                                    ("accountable_id", .string(a)), ("responsible_ids", ids(r)), ("consulted_ids", ids(c)), ("informed_ids", ids(i))]
                if !decides.isEmpty {
                    pairs += [("decides", .string(decides)), ("decision_limit", .object(JSONObject([("amount", .string("50000000")), ("currency", .string("KRW"))])))]
                }
                _ = try await make(Responsibilities.type.name, pairs)
            }
            let contract = try await make(Milestones.type.name, [("partnership_id", .string(p)), ("name", .string("리셀러 계약 체결")), ("starts_on", day(-150)), ("due_on", day(-120)),
                                                                ("status", .string("done")), ("done_on", day(-118)), ("owner_contact_id", .string(ours))])
            let training = try await make(Milestones.type.name, [("partnership_id", .string(p)), ("name", .string("엔지니어 인증 교육")), ("starts_on", day(-40)), ("due_on", day(-5)),
                                                                ("status", .string("in_progress")), ("depends_on_ids", ids([contract])), ("owner_contact_id", .string(theirs)), ("shared", .bool(true))])
            _ = try await make(Milestones.type.name, [("partnership_id", .string(p)), ("name", .string("공동 웨비나")), ("starts_on", day(10)), ("due_on", day(30)),
                                                     ("depends_on_ids", ids([training])), ("owner_contact_id", .string(ours)), ("shared", .bool(true))])
            _ = try await make(Milestones.type.name, [("partnership_id", .string(p)), ("name", .string("상반기 공동 리뷰")), ("due_on", day(60)), ("owner_contact_id", .string(ours))])
            for (title, l, i, band) in [("핵심 엔지니어 이탈", "3", "4", "operational"), ("가격 경쟁으로 인한 마진 축소", "4", "3", "financial"), ("개인정보 처리 위탁 계약 누락", "2", "5", "legal")] {
                _ = try await make(Risks.type.name, [("partnership_id", .string(p)), ("title", .string(title)), ("likelihood", .number(l)), ("impact", .number(i)),
                                                    ("category", .string(band)), ("owner_contact_id", .string(theirs)), ("reviewed_on", day(-20)), ("review_on", day(40)),
                                                    ("mitigation", .string("분기별 점검"))])
            }
            // Two of the partner's customers' deals came through the partnership.
            let deals = try await type(named: Deals.type.name)
            let sourced = try await db.read { s in
                try await s.query("SELECT id FROM deals WHERE deleted_at IS NULL AND organization_id <> \(korean.org) ORDER BY seq LIMIT 3").compactMap { $0.text("id") }
            }
            for (i, deal) in sourced.enumerated() {
                let change: (String, JSONValue) = i < 2 ? ("partnership_id", .string(p)) : ("influenced_by_ids", ids([p]))
                _ = try await update(deals, id: deal, body: JSONObject([change]), ifMatch: nil, actor: actor)
            }
            let conflict = try await make(Conflicts.type.name, [("partnership_id", .string(p)), ("title", .string("동일 고객 중복 제안")), ("raised_by_id", .string(theirs)),
                                                               ("party_ids", ids([ours, theirs])), ("severity", .string("high")),
                                                               ("facts", .string("직접 영업팀과 파트너가 같은 고객에게 각각 견적을 제출함"))])
            _ = try await update(try await type(named: Conflicts.type.name), id: conflict, body: JSONObject([("step", .string("escalation"))]), ifMatch: nil, actor: actor)
            let review = try await make(PartnerReviews.type.name, [
                ("partnership_id", .string(p)), ("title", .string("분기 공동 리뷰")), ("cadence", .string("quarterly")), ("period_start", day(-90)), ("period_end", day(0)),
                ("score_performance", .number("78")), ("score_collaboration", .number("85")), ("score_communication", .number("72.5")),
                ("score_responsiveness", .number("64")), ("score_esg", .number("90")),
                ("minutes", .string("파이프라인은 목표 대비 37%. 인증 교육 지연에 따라 웨비나 일정을 재검토하기로 함.")),
            ])
            _ = try await make(ReviewActions.type.name, [("review_id", .string(review)), ("title", .string("인증 교육 일정 재수립")), ("owner_contact_id", .string(theirs)), ("due_on", day(14))])
            _ = try await make(ReviewActions.type.name, [("review_id", .string(review)), ("title", .string("공동 고객 목록 업데이트")), ("owner_contact_id", .string(ours)), ("due_on", day(21))])
            _ = try await make(DealRegistrations.type.name, [("partnership_id", .string(p)), ("company_name", .string("대성물산")), ("company_domain", .string("daesung.test")),
                                                            ("amount", .object(JSONObject([("amount", .string("120000000")), ("currency", .string("KRW"))]))), ("expected_close", day(60))])
            _ = try await make(Decisions.type.name, [("partnership_id", .string(p)), ("title", .string("파트너 등록 딜은 90일간 보호")), ("decided_on", day(-60)),
                                                    ("decided_by_ids", ids([ours, theirs])), ("options", .string("60일 / 90일 / 120일")),
                                                    ("rationale", .string("평균 영업 주기가 75일")), ("shared", .bool(true))])
        }
        if let japanese {
            let p = try await make(Partnerships.type.name, [
                ("name", .string("さくらテック技術提携")), ("partner_id", .string(japanese.org)), ("kind", .string("technology")), ("tier", .string("silver")),
                ("started_on", day(-30)), ("renews_on", day(335)), ("partner_owner_id", .string(japanese.person)), ("time_zone", .string("Asia/Tokyo")),
                ("vision", .string("会計システムとの連携で、受注から請求までを一つの流れにする。")),
            ])
            _ = try await update(try await type(named: Partnerships.type.name), id: p, body: JSONObject([("stage", .string("onboarding"))]), ifMatch: nil, actor: actor)
            let ours = try await make(PartnershipContacts.type.name, [("partnership_id", .string(p)), ("side", .string("ours")), ("user_id", .string(me)), ("role", .string("アライアンス担当"))])
            let theirs = try await make(PartnershipContacts.type.name, [("partnership_id", .string(p)), ("side", .string("theirs")), ("person_id", .string(japanese.person)), ("role", .string("開発責任者"))])
            _ = try await make(Milestones.type.name, [("partnership_id", .string(p)), ("name", .string("API連携の仕様合意")), ("due_on", day(20)), ("owner_contact_id", .string(theirs))])
            _ = try await make(Responsibilities.type.name, [("partnership_id", .string(p)), ("workstream", .string("開発")), ("activity", .string("連携機能の保守")),
                                                           ("accountable_id", .string(theirs)), ("responsible_ids", ids([theirs])), ("informed_ids", ids([ours]))])
            _ = try await make(Risks.type.name, [("partnership_id", .string(p)), ("title", .string("仕様変更による遅延")), ("likelihood", .number("2")), ("impact", .number("3")),
                                                ("owner_contact_id", .string(ours))])
        }
    }
}
