import Foundation
import Hummingbird
import RapportKit
import RapportStore

/// A joint review prepared from the partnership's data: the scorecard with each
/// dimension's weighted part, goal progress, the milestones of the period and those that
/// slipped, open risks with their trend, open conflicts, the period's decisions and the
/// action items, this review's and the open ones from before. The review's page shows it
/// above the details; the print page is the same brief as an A4 document.
struct ReviewBrief {
    let deps: PageDependencies

    func values(_ review: StoredRecord, user: PageUser, actor: Actor) async throws -> [String: Any] {
        let f = review.fields
        let formatter = ValueFormatter(user: user)
        let date = FieldSpec("d", .date)
        func day(_ v: JSONValue?) -> String { formatter.text(v, field: date) }
        let from = f["period_start"]?.stringValue ?? "", to = f["period_end"]?.stringValue ?? ""
        var out: [String: Any] = [
            "title": f["title"]?.stringValue ?? "", "period": "\(day(f["period_start"])) – \(day(f["period_end"]))",
            "held": f["held_on"]?.stringValue == nil ? "" : day(f["held_on"]), "minutes": f["minutes"]?.stringValue ?? "",
            "status": user.choiceLabel("status", f["status"]?.stringValue ?? "planned"),
        ]
        // The scorecard: weight × score / 100 per dimension, the total as stored.
        let weights = Scorecard.weights(f)
        out["scorecard"] = Scorecard.dimensions.map { d -> [String: Any] in
            let score = f["score_" + d]?.numberLiteral
            let weighted = score.flatMap { Decimal(string: $0) }.map { s -> String in Scorecard.text(s * (weights[d] ?? 0) / 100) }
            return ["name": user.t("field.score_" + d), "weight": weights[d].map { "\($0)%" } ?? "", "score": score ?? "—", "weighted": weighted ?? "—"]
        }
        out["total"] = f["score_total"]?.numberLiteral ?? "—"
        guard let partnershipID = f["partnership_id"]?.stringValue else { return out }
        let partnerships = try await deps.store.type(named: Partnerships.type.name)
        let partnership = try await deps.store.get(partnerships, id: partnershipID, actor: actor)
        out["partnership"] = partnership.fields["name"]?.stringValue ?? ""
        out["partnershipHref"] = "/partnerships/\(partnershipID)"
        if let goals = try await PartnershipGoalsSection().values(partnership, type: partnerships, user: user, actor: actor, deps: deps) {
            out["goals"] = goals["goals"]
        }
        if let roadmap = try await RoadmapSection().values(partnership, type: partnerships, user: user, actor: actor, deps: deps),
           let rows = roadmap["rows"] as? [[String: Any]] {
            out["milestones"] = rows.filter { row in
                let due = row["dueValue"] as? String ?? ""
                return (row["slipped"] as? Bool) == true || (due >= from && due <= to)
            }
        }
        if let risks = try await deps.readable(Risks.type.name, [("filter[partnership_id]", partnershipID), ("filter[status]", "open"), ("limit", "500")], user: user, actor: actor) {
            out["risks"] = risks.sorted { (Int($0.fields["score"]?.numberLiteral ?? "") ?? 0) > (Int($1.fields["score"]?.numberLiteral ?? "") ?? 0) }.map { r -> [String: Any] in
                let score = r.fields["score"]?.numberLiteral.flatMap { Int($0) }
                let trend = RiskScore.trend(previous: r.fields["previous_score"]?.numberLiteral.flatMap { Int($0) }, current: score)
                return [
                    "href": "/risks/\(r.id)", "title": r.fields["title"]?.stringValue ?? "", "band": r.fields["band"]?.stringValue ?? "low",
                    "bandName": user.choiceLabel("band", r.fields["band"]?.stringValue ?? ""), "score": score.map(String.init) ?? "",
                    "trend": trend.map { user.t("partner_trend.\($0.rawValue)") } ?? "",
                ]
            }
        }
        if let conflicts = try await PartnershipChildren.of(Conflicts.type.name, partnership, user: user, actor: actor, deps: deps) {
            out["conflicts"] = conflicts.filter { $0.fields["step"]?.stringValue != "closed" }.map { c -> [String: Any] in
                ["href": "/conflicts/\(c.id)", "title": c.fields["title"]?.stringValue ?? "", "step": user.choiceLabel("step", c.fields["step"]?.stringValue ?? ""),
                 "severity": user.choiceLabel("severity", c.fields["severity"]?.stringValue ?? "")]
            }
        }
        if let decisions = try await PartnershipChildren.of(Decisions.type.name, partnership, user: user, actor: actor, deps: deps, sort: "decided_on") {
            out["decisions"] = decisions.filter { ($0.fields["decided_on"]?.stringValue ?? "") >= from && ($0.fields["decided_on"]?.stringValue ?? "") <= to }.map { d -> [String: Any] in
                ["href": "/decisions/\(d.id)", "title": d.fields["title"]?.stringValue ?? "", "on": day(d.fields["decided_on"])]
            }
        }
        // This review's actions, and those of earlier reviews still open.
        let reviews = try await PartnershipChildren.of(PartnerReviews.type.name, partnership, user: user, actor: actor, deps: deps, sort: "period_start") ?? []
        let earlier = reviews.filter { $0.id != review.id && ($0.fields["period_start"]?.stringValue ?? "") < from }.map(\.id)
        let ids = [review.id] + earlier
        let actions = try await deps.readable(ReviewActions.type.name, [("filter[review_id][in]", ids.prefix(100).joined(separator: ",")), ("sort", "due_on"), ("limit", "500")], user: user, actor: actor) ?? []
        let contacts = Dictionary(try await PartnershipChildren.contacts(partnership, user: user, actor: actor, deps: deps).map { ($0.id, PartnershipChildren.name($0)) }, uniquingKeysWith: { a, _ in a })
        out["actions"] = actions.filter { $0.fields["review_id"]?.stringValue == review.id || $0.fields["status"]?.stringValue == "open" }.map { a -> [String: Any] in
            [
                "href": "/review_actions/\(a.id)", "title": a.fields["title"]?.stringValue ?? "", "owner": contacts[a.fields["owner_contact_id"]?.stringValue ?? ""] ?? "—",
                "due": day(a.fields["due_on"]), "status": user.choiceLabel("status", a.fields["status"]?.stringValue ?? "open"),
                "carried": a.fields["review_id"]?.stringValue != review.id,
            ]
        }
        return out
    }
}

/// The brief on the review's own page.
struct ReviewBriefSection: RecordPageSection {
    var place: RecordPagePlace { .header }
    var template: String { "partner_review_brief" }

    func values(_ record: StoredRecord, type: RecordType, user: PageUser, actor: Actor, deps: PageDependencies) async throws -> [String: Any]? {
        var values = try await ReviewBrief(deps: deps).values(record, user: user, actor: actor)
        values["printHref"] = "/partner_reviews/\(record.id)/print"
        return values
    }
}

/// `/partner_reviews/{id}/print` (routed with the quote's print page): the brief and the minutes as a document to print or save
/// as PDF, in the reader's language.
struct ReviewPrintPage {
    let deps: PageDependencies

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await RecordPages(deps: deps).page(request) { user in
            let actor = user.actor(context)
            let type = try await deps.store.type(named: PartnerReviews.type.name)
            let review = try await deps.store.get(type, id: context.parameters.get("id") ?? "", actor: actor)
            var values = try await ReviewBrief(deps: deps).values(review, user: user, actor: actor)
            values["wide"] = true
            values["backHref"] = "/partner_reviews/\(review.id)"
            values["brief"] = deps.renderer.fragment("partner_review_brief", user: user, values: values)
            return deps.renderer.render("partner_review_print", language: user.language, title: review.fields["title"]?.stringValue ?? "", values: values)
        }
    }
}
