import Foundation
import Hummingbird
import RapportKit
import RapportStore

/// `/partnerships/report`: the partner portfolio as a partner manager reviews it: a league
/// table (health with its inputs, scorecard, goals, risks, conflicts, registrations), the
/// risk heat map across partnerships, registrations by state, conflict cycle times and the
/// review cadence kept or missed; each table also as CSV (`?format=csv&part=…`). Everything
/// is read through the engine with the reader's rights.
struct PartnerReportPage {
    let deps: PageDependencies

    static let navigation = NavigationLink(area: .partners, id: "partner_report", href: "/partnerships/report", labelKey: "partner_report", icon: "chart") {
        $0.viewer.role.allows(.read, on: Partnerships.type.name) && $0.viewer.role.grant(for: Partnerships.type.name).visibility != .partnership
    }

    struct Row {
        var partnership: StoredRecord
        var health: [PartnerHealth.Part]
        var index: Double?
        var scorecard: String?
        var goals: Double?
        var openRisks: Int
        var openConflicts: Int
        var registrations: [String: Int]
        var cadence: (kept: Int, missed: Int)
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await RecordPages(deps: deps).page(request) { user in
            // Partner users get the same not-found page as for anything they may not see.
            guard PartnerReportPage.navigation.visible(user) else { throw RecordError.notFound(type: Partnerships.type.name, id: "report") }
            let actor = user.actor(context)
            let params = try QueryString.parse(request.uri.query)
            let today = RoadmapSection.day(deps.now(), in: user.timeZone)
            func all(_ type: String, _ query: [(String, String)] = []) async throws -> [StoredRecord] {
                try await deps.readable(type, query + [("limit", "500")], user: user, actor: actor) ?? []
            }
            let partnerships = try await all(Partnerships.type.name, [("sort", "name")])
            func by(_ records: [StoredRecord], _ field: String = "partnership_id") -> [String: [StoredRecord]] {
                Dictionary(grouping: records) { $0.fields[field]?.stringValue ?? "" }
            }
            let goals = by(try await all(PartnershipGoals.type.name))
            let results = by(try await all(KeyResults.type.name), "goal_id")
            let risks = try await all(Risks.type.name, [("filter[status]", "open")])
            let conflicts = try await all(Conflicts.type.name)
            let reviews = by(try await all(PartnerReviews.type.name, [("sort", "period_start")]))
            let actions = by(try await all(ReviewActions.type.name), "review_id")
            let registrations = try await all(DealRegistrations.type.name)
            let risksBy = by(risks), conflictsBy = by(conflicts), registrationsBy = by(registrations)

            let rows: [Row] = partnerships.map { p in
                let pGoals = goals[p.id] ?? []
                let shares = pGoals.compactMap { g in GoalReadiness.progress(of: (results[g.id] ?? []).map(\.fields)) }
                let attainment = shares.isEmpty ? nil : shares.reduce(0, +) / Double(shares.count)
                let pReviews = reviews[p.id] ?? []
                let latest = pReviews.last { $0.fields["score_total"]?.numberLiteral != nil }
                let scorecard = latest?.fields["score_total"]?.numberLiteral
                let open = (risksBy[p.id] ?? []).compactMap { $0.fields["score"]?.numberLiteral.flatMap { Int($0) } }
                let openConflicts = (conflictsBy[p.id] ?? []).filter { $0.fields["step"]?.stringValue != "closed" }.count
                let due = pReviews.flatMap { actions[$0.id] ?? [] }.filter { ($0.fields["due_on"]?.stringValue ?? "9999") < today }
                let onTime = due.isEmpty ? nil : Double(due.filter { $0.fields["status"]?.stringValue == "done" }.count) / Double(due.count)
                let parts = PartnerHealth.parts(.init(goalAttainment: attainment, scorecard: scorecard.flatMap(Double.init), openRiskScores: open, openConflicts: openConflicts, onTime: onTime))
                let cadence = pReviews.first?.fields["cadence"]?.stringValue ?? "quarterly"
                let periods = ReviewCadence.periods(from: p.fields["started_on"]?.stringValue ?? String(p.createdAt.prefix(10)), to: today, cadence: cadence)
                let held = pReviews.filter { $0.fields["status"]?.stringValue == "held" }.compactMap { $0.fields["held_on"]?.stringValue }
                return Row(partnership: p, health: parts, index: PartnerHealth.index(parts), scorecard: scorecard, goals: attainment,
                           openRisks: open.count, openConflicts: openConflicts,
                           registrations: Dictionary(grouping: registrationsBy[p.id] ?? []) { $0.fields["status"]?.stringValue ?? "" }.mapValues(\.count),
                           cadence: ReviewCadence.kept(periods, held: held))
            }.sorted { ($0.index ?? -1) > ($1.index ?? -1) }

            // Conflict cycle times: days from raised to closed, and days spent per step.
            var totals: [Double] = []
            var perStep: [String: [Double]] = [:]
            let conflictType = try await deps.store.type(named: Conflicts.type.name)
            let closed = conflicts.filter { $0.fields["step"]?.stringValue == "closed" }.map(\.id)
            let histories = try await deps.store.stageHistories(conflictType, ids: closed, actor: actor)
            for id in closed {
                guard let moves = histories[id], let first = moves.first, let last = moves.last, last.to == "closed" else { continue }
                totals.append(Double(last.at - first.at) / 86_400_000)
                for (step, ms) in StageRule.durations(Array(moves.dropLast()), now: last.at) { perStep[step, default: []].append(Double(ms) / 86_400_000) }
            }

            let part = params.last { $0.0 == "part" }?.1
            if params.contains(where: { $0 == ("format", "csv") }) {
                var csv: String
                switch part {
                case "cadence":
                    csv = CSVWriter.line(["partnership", "kept", "missed"])
                    for r in rows { csv += CSVWriter.line([r.partnership.fields["name"]?.stringValue ?? "", String(r.cadence.kept), String(r.cadence.missed)]) }
                case "conflicts":
                    csv = CSVWriter.line(["step", "closed_conflicts", "median_days"])
                    for step in Conflicts.procedure.steps where perStep[step] != nil {
                        csv += CSVWriter.line([step, String(perStep[step]!.count), ReviewCadence.median(perStep[step]!).map { String(format: "%.1f", $0) } ?? ""])
                    }
                    csv += CSVWriter.line(["total", String(totals.count), ReviewCadence.median(totals).map { String(format: "%.1f", $0) } ?? ""])
                default:
                    csv = CSVWriter.line(["partnership", "kind", "tier", "stage", "health"] + PartnerHealth.weights.keys.sorted().map { "health_" + $0 }
                                         + ["scorecard", "goal_attainment", "open_risks", "open_conflicts"] + DealRegistrations.statuses.map { "registrations_" + $0 })
                    for r in rows {
                        let f = r.partnership.fields
                        let parts = Dictionary(r.health.map { ($0.name, String(format: "%.1f", $0.value)) }, uniquingKeysWith: { a, _ in a })
                        csv += CSVWriter.line([f["name"]?.stringValue ?? "", f["kind"]?.stringValue ?? "", f["tier"]?.stringValue ?? "", f["stage"]?.stringValue ?? "",
                                               r.index.map { String(format: "%.1f", $0) } ?? ""] + PartnerHealth.weights.keys.sorted().map { parts[$0] ?? "" }
                                              + [r.scorecard ?? "", r.goals.map { String(format: "%.4f", $0) } ?? "", String(r.openRisks), String(r.openConflicts)]
                                              + DealRegistrations.statuses.map { String(r.registrations[$0] ?? 0) })
                    }
                }
                return ServiceReportPage.csv(csv, name: "partners-\(part ?? "league")-\(today).csv")
            }

            let cells = RiskScore.heatMap(risks.compactMap { r in
                RiskScore.level(r.fields["likelihood"]).flatMap { l in RiskScore.level(r.fields["impact"]).map { (likelihood: l, impact: $0) } }
            })
            let byState = Dictionary(grouping: registrations) { $0.fields["status"]?.stringValue ?? "" }.mapValues(\.count)
            let values: [String: Any] = [
                "league": rows.map { r -> [String: Any] in
                    let f = r.partnership.fields
                    return [
                        "href": "/partnerships/\(r.partnership.id)", "name": f["name"]?.stringValue ?? "",
                        "kind": user.choiceLabel("kind", f["kind"]?.stringValue ?? ""), "stage": user.choiceLabel("stage", f["stage"]?.stringValue ?? ""),
                        "health": r.index.map { String(format: "%.1f", $0) } ?? "—",
                        "inputs": r.health.map { part in user.t("partner_health." + part.name) + " " + String(Int(part.value.rounded())) }.joined(separator: " · "),
                        "scorecard": r.scorecard ?? "—", "goals": r.goals.map(user.percent) ?? "—",
                        "risks": String(r.openRisks), "conflicts": String(r.openConflicts),
                        "registrations": "\(r.registrations["approved"] ?? 0) / \(r.registrations.values.reduce(0, +))",
                        "cadence": "\(r.cadence.kept) / \(r.cadence.kept + r.cadence.missed)",
                    ]
                },
                "heat": RiskHeatMapSection.grid(cells, user: user, count: risks.count),
                "registrationBars": BarChart.rows(DealRegistrations.statuses.map { s in
                    BarChart.Bar(label: user.choiceLabel("status", s), value: Double(byState[s] ?? 0), inner: Double(byState[s] ?? 0), text: String(byState[s] ?? 0))
                }),
                "cycle": ReviewCadence.median(totals).map { user.t("partner_cycle_median").replacingOccurrences(of: "%1", with: String(format: "%.1f", $0)).replacingOccurrences(of: "%2", with: String(totals.count)) } ?? user.t("partner_cycle_none"),
                "cycleBars": BarChart.rows(Conflicts.procedure.steps.compactMap { step in
                    perStep[step].flatMap(ReviewCadence.median).map { BarChart.Bar(label: user.choiceLabel("step", step), value: $0, inner: nil, text: String(format: "%.1f", $0) + " " + user.t("partner_days")) }
                }),
                "cadenceBars": BarChart.rows(rows.map { r in
                    let total = r.cadence.kept + r.cadence.missed
                    return BarChart.Bar(label: r.partnership.fields["name"]?.stringValue ?? "", value: Double(max(total, 1)), inner: Double(r.cadence.kept),
                                        text: user.t("partner_cadence_text").replacingOccurrences(of: "%1", with: String(r.cadence.kept)).replacingOccurrences(of: "%2", with: String(total)))
                }),
                "csvLeague": "/partnerships/report?format=csv", "csvCadence": "/partnerships/report?format=csv&part=cadence",
                "csvConflicts": "/partnerships/report?format=csv&part=conflicts",
            ]
            return deps.renderApp("partner_report", user: user, title: user.t("partner_report"), values: values, current: "partner_report")
        }
    }
}
