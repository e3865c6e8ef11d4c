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
            if params.contains(where: { $0 == ("format", "csv") }) {
                var csv = CSVWriter.line(["dimension", "name", "met", "missed", "compliance"])
                for (key, rows) in sections {
                    for r in rows {
                        csv += CSVWriter.line([String(key.dropFirst("svc_report_by_".count)), r.key ?? "", String(r.met), String(r.missed),
                                               r.rate.map { String(format: "%.4f", $0) } ?? ""])
                    }
                }
                return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"sla-compliance-\(days)d.csv\""],
                                body: .init(byteBuffer: ByteBuffer(string: csv)))
            }
            func span(_ ms: Int64?) -> String { ms.map { SLATimeText.span($0, user) } ?? "—" }
            let values: [String: Any] = [
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
            ]
            return deps.renderApp("ticket_report", user: user, title: user.t("svc_report"), values: values, current: Tickets.type.name)
        }
    }
}
