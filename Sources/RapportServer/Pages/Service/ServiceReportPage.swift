import Foundation
import Hummingbird
import RapportKit
import RapportStore

/// `/tickets/report?days=30`: SLA compliance per policy, group and agent, first-response
/// and resolution times in business and calendar time, and the open backlog by age, for
/// the tickets the reader may see; `&format=csv` gives the compliance rows as CSV.
struct ServiceReportPage {
    let deps: PageDependencies
    static let periods = [7, 30, 90, 365]

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await RecordPages(deps: deps).page(request) { user in
            let params = try QueryString.parse(request.uri.query)
            let days = params.last { $0.0 == "days" }.flatMap { Int($0.1) }.flatMap { Self.periods.contains($0) ? $0 : nil } ?? 30
            let now = Timestamp.millis(deps.now())
            let input = try await deps.store.serviceReportInput(actor: user.actor(context), since: now - Int64(days) * 86_400_000, now: now)
            let sections: [(key: String, rows: [ServiceReport.Compliance])] = [
                ("svc_report_by_policy", ServiceReport.compliance(input.clocks) { $0.policy.isEmpty ? nil : $0.policy }),
                ("svc_report_by_group", ServiceReport.compliance(input.clocks) { $0.group }),
                ("svc_report_by_agent", ServiceReport.compliance(input.clocks) { $0.assignee }),
            ]
            let weekCount = max(1, min(days / 7, 13))
            let weeks = SatisfactionReport.weeks(input.answers, now: now, count: weekCount)
            let reopens = ServiceReport.reopens(input.statusHistories)
            let complianceWeeks = ServiceReport.complianceByWeek(input.clocks, now: now, count: weekCount)
            if params.contains(where: { $0 == ("format", "csv") }) && params.contains(where: { $0 == ("part", "weeks") }) {
                var csv = CSVWriter.line(["week_start", "met", "missed", "compliance"])
                for w in complianceWeeks {
                    csv += CSVWriter.line([Self.day(w.start), String(w.compliance.met), String(w.compliance.missed), w.compliance.rate.map { String(format: "%.4f", $0) } ?? ""])
                }
                return Self.csv(csv, name: "sla-weeks-\(days)d.csv")
            }
            if params.contains(where: { $0 == ("format", "csv") }) && params.contains(where: { $0 == ("part", "reopens") }) {
                var csv = CSVWriter.line(["group", "solved", "reopened", "reopen_rate"])
                for r in [reopens.overall] + reopens.byKey {
                    csv += CSVWriter.line([r.key ?? "", String(r.solved), String(r.reopened), r.rate.map { String(format: "%.4f", $0) } ?? ""])
                }
                return Self.csv(csv, name: "reopens-\(days)d.csv")
            }
            let readsNPS = user.viewer.role.allows(.read, on: NPSPrograms.type.name)
            let npsAnswers = readsNPS ? try await NPSSurveys(store: deps.store).answers(actor: user.actor(context), since: now - Int64(days) * 86_400_000) : []
            let npsWeeks = NPSReport.weeks(npsAnswers.map { ($0.score, $0.at) }, now: now, count: weekCount)
            if readsNPS && params.contains(where: { $0 == ("format", "csv") }) && params.contains(where: { $0 == ("part", "nps") }) {
                var csv = CSVWriter.line(["week_start", "responses", "promoters", "passives", "detractors", "nps"])
                for w in npsWeeks {
                    let s = w.summary
                    csv += CSVWriter.line([Self.day(w.start), String(s.responses), String(s.promoters), String(s.passives), String(s.detractors),
                                           s.score.map { String(format: "%.2f", $0) } ?? ""])
                }
                return Self.csv(csv, name: "nps-\(days)d.csv")
            }
            if params.contains(where: { $0 == ("format", "csv") }) && params.contains(where: { $0 == ("part", "csat") }) {
                var csv = CSVWriter.line(["week_start", "responses", "positive", "csat"])
                for w in weeks {
                    csv += CSVWriter.line([Self.day(w.start), String(w.summary.responses), String(w.summary.positive),
                                           w.summary.percent.map { String(format: "%.4f", $0 / 100) } ?? ""])
                }
                return Self.csv(csv, name: "csat-\(days)d.csv")
            }
            if params.contains(where: { $0 == ("format", "csv") }) {
                var csv = CSVWriter.line(["dimension", "name", "met", "missed", "compliance"])
                for (key, rows) in sections {
                    for r in rows {
                        csv += CSVWriter.line([String(key.dropFirst("svc_report_by_".count)), r.key ?? "", String(r.met), String(r.missed),
                                               r.rate.map { String(format: "%.4f", $0) } ?? ""])
                    }
                }
                return Self.csv(csv, name: "sla-compliance-\(days)d.csv")
            }
            func span(_ ms: Int64?) -> String { ms.map { SLATimeText.span($0, user) } ?? "—" }
            var values: [String: Any] = [
                "periods": Self.periods.map { ["value": String($0), "label": user.t("svc_report_days").replacingOccurrences(of: "%d", with: String($0)), "selected": $0 == days] },
                "csvHref": "/tickets/report?days=\(days)&format=csv",
                "compliance": sections.map { key, rows -> [String: Any] in
                    ["heading": user.t(key), "empty": rows.isEmpty,
                     "bars": BarChart.rows(rows.map { r in
                         BarChart.Bar(label: r.key ?? user.t("none"), value: 1, inner: r.rate ?? 0,
                                      text: "\(r.rate.map(user.percent) ?? "—") · \(user.t("svc_sla_state.met")) \(r.met) · \(user.t("svc_sla_state.missed")) \(r.missed)")
                     }),
                     "rows": rows.map { ["name": $0.key ?? user.t("none"), "met": String($0.met), "missed": String($0.missed), "rate": $0.rate.map(user.percent) ?? "—"] }]
                },
                "times": SLAMetric.allCases.map { metric -> [String: Any] in
                    let t = ServiceReport.times(input.clocks, metric: metric)
                    return ["metric": user.t("svc_sla.\(metric.rawValue)"), "count": String(t.count), "bMedian": span(t.businessMedian), "bP90": span(t.businessP90),
                            "cMedian": span(t.calendarMedian), "cP90": span(t.calendarP90)]
                },
                "backlog": BarChart.rows(ServiceReport.backlog(ages: input.openAges).map { band, count in
                    BarChart.Bar(label: user.t("svc_age.\(band.rawValue)"), value: Double(count), inner: Double(count), text: String(count))
                }),
                "openCount": String(input.openAges.count),
                "weeksCsvHref": "/tickets/report?days=\(days)&format=csv&part=weeks",
                "complianceWeeks": BarChart.rows(complianceWeeks.map { w in
                    BarChart.Bar(label: Self.day(w.start), value: 1, inner: w.compliance.rate ?? 0,
                                 text: "\(w.compliance.rate.map(user.percent) ?? "—") · \(user.t("svc_sla_state.met")) \(w.compliance.met) · \(user.t("svc_sla_state.missed")) \(w.compliance.missed)")
                }),
                "reopenHeadline": Self.reopenText(reopens.overall, user),
                "reopenEmpty": reopens.overall.solved == 0,
                "reopenCsvHref": "/tickets/report?days=\(days)&format=csv&part=reopens",
                "reopenGroups": BarChart.rows(reopens.byKey.map { r in
                    BarChart.Bar(label: r.key ?? user.t("none"), value: 1, inner: r.rate ?? 0, text: Self.reopenText(r, user))
                }),
            ]
            values.merge(Self.satisfaction(input.answers, weeks: weeks, days: days, user: user)) { a, _ in a }
            if readsNPS { values["nps"] = Self.nps(npsAnswers, weeks: npsWeeks, days: days, user: user) }
            return deps.renderApp("ticket_report", user: user, title: user.t("svc_report"), values: values, current: Tickets.type.name)
        }
    }

    /// The date a week starts on, as the bars and the CSV label it.
    static func day(_ millis: Int64) -> String { String(Timestamp.format(millisecondsSince1970: millis).prefix(10)) }

    static func csv(_ text: String, name: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name)\""],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// "12% · 3 of 25 solved": the rate always beside the counts it comes from.
    static func reopenText(_ r: ServiceReport.Reopens, _ user: PageUser) -> String {
        "\(r.rate.map(user.percent) ?? "—") · " + user.t("svc_reopened_of").replacingOccurrences(of: "%1", with: String(r.reopened)).replacingOccurrences(of: "%2", with: String(r.solved))
    }

    /// NPS for the period with its count and split, week by week and per program. A bar
    /// shows a positive score's share of 100; a negative one reads from its text alone.
    static func nps(_ answers: [SatisfactionAnswer], weeks: [(start: Int64, summary: NPSSummary)], days: Int, user: PageUser) -> [String: Any] {
        func bar(_ label: String, _ s: NPSSummary) -> BarChart.Bar {
            BarChart.Bar(label: label, value: 1, inner: max(0, s.score ?? 0) / 100, text: NPSText.headline(s, user))
        }
        var programs: [String?: NPSSummary] = [:]
        for a in answers { programs[a.group, default: NPSSummary()].add(a.score) }
        let overall = NPSSummary(answers.map(\.score))
        return [
            "headline": NPSText.headline(overall, user), "split": NPSText.split(overall, user), "empty": answers.isEmpty,
            "csvHref": "/tickets/report?days=\(days)&format=csv&part=nps",
            "weeks": BarChart.rows(weeks.map { bar(day($0.start), $0.summary) }),
            "programs": BarChart.rows(programs.sorted { $0.value.responses != $1.value.responses ? $0.value.responses > $1.value.responses : ($0.key ?? "") < ($1.key ?? "") }
                .map { bar($0.key ?? user.t("none"), $0.value) }),
        ]
    }

    /// CSAT for the period with its count, week by week, per group and per agent, and the
    /// latest comments: what a support lead reads before a team meeting.
    static func satisfaction(_ answers: [SatisfactionAnswer], weeks: [(start: Int64, summary: CSATSummary)], days: Int, user: PageUser) -> [String: Any] {
        func text(_ s: CSATSummary) -> String {
            "\(s.percent.map { user.percent($0 / 100) } ?? "—") · \(user.t("svc_csat_responses").replacingOccurrences(of: "%d", with: String(s.responses)))"
        }
        func bars(_ rows: [(key: String?, summary: CSATSummary)]) -> [[String: Any]] {
            BarChart.rows(rows.map { BarChart.Bar(label: $0.key ?? user.t("none"), value: 1, inner: ($0.summary.percent ?? 0) / 100, text: text($0.summary)) })
        }
        let overall = SatisfactionReport.overall(answers)
        return [
            "csatHeadline": text(overall),
            "csatEmpty": answers.isEmpty,
            "csatCsvHref": "/tickets/report?days=\(days)&format=csv&part=csat",
            "csatWeeks": BarChart.rows(weeks.map { w in
                BarChart.Bar(label: day(w.start), value: 1, inner: (w.summary.percent ?? 0) / 100, text: text(w.summary))
            }),
            "csatGroups": bars(SatisfactionReport.by(answers) { $0.group }),
            "csatAgents": bars(SatisfactionReport.by(answers) { $0.agent }),
            "csatHasComments": answers.contains { $0.comment != nil },
            "csatComments": answers.filter { $0.comment != nil }.prefix(10).map { a -> [String: Any] in
                ["score": SurveyWords.label(a.score, a.scale, user.language), "comment": a.comment ?? "", "ticket": a.ticket ?? ""]
            },
        ]
    }
}
