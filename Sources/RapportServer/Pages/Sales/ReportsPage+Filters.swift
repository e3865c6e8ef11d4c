import Foundation
import RapportKit
import RapportStore

extension ReportsPage {
    /// The filter form's choices and the chips of the filters in force. Each chip links to
    /// the same report without that filter, so removing one is a plain link that works
    /// without script and the back button brings it back.
    func filterValues(_ query: ReportQuery, pipelineID: String, by: QuotaReport.Grouping, user: PageUser, actor: Actor) async throws -> [String: Any] {
        let deals = try await store.type(named: Deals.type.name)
        // A rep who sees only some owners' deals is offered only those owners.
        let visible = actor.viewer?.visibleOwners(deals)
        let users = try await deps.admin.users().filter { visible?.contains($0.id) ?? true }.sorted { $0.name < $1.name }
        let teams = try await deps.admin.directory.teams().sorted { $0.name < $1.name }
        var pipelines: [(id: String, name: String)] = []
        let pipelineType = try await store.type(named: Pipelines.type.name)
        if user.viewer.role.allows(.read, on: pipelineType.name) {
            let list = try HomePage.parse([("sort", "name"), ("limit", "100")], pipelineType, store: store, actor: actor)
            pipelines = try await store.list(pipelineType, query: list, actor: actor).records.map {
                ($0.id, user.setUpName($0.fields["name"]?.stringValue ?? "—", prefix: "pipeline_"))
            }
        }
        let period = query.period
        var chips: [[String: Any]] = []
        func chip(_ label: String, _ value: String, without: (inout ReportQuery) -> Void) {
            var rest = query
            without(&rest)
            chips.append(["text": label + ": " + value, "href": Self.href(rest, by: by), "remove": user.t("report_remove") + " " + label + ": " + value])
        }
        if let period, let days = query.days {
            let words: String
            switch period {
            case .custom:
                switch (days.from, days.to) {
                case let (from?, to?): words = Self.fill(user.t("report_range"), Self.day(from, user), Self.day(to, user))
                case let (from?, nil): words = Self.fill(user.t("report_since"), Self.day(from, user))
                case let (nil, to?): words = Self.fill(user.t("report_until"), Self.day(to, user))
                default: words = ""
                }
            default: words = user.t("report_period_" + period.rawValue)
            }
            chip(user.t("report_period"), words) { $0.period = nil; $0.from = nil; $0.to = nil }
        }
        if let owner = query.owner { chip(user.t("report_owner"), users.first { $0.id == owner }?.name ?? "—") { $0.owner = nil } }
        if let team = query.team { chip(user.t("report_team"), teams.first { $0.id == team }?.name ?? "—") { $0.team = nil } }
        if query.pipeline != nil, pipelineID != "" {
            chip(user.t("pipeline"), pipelines.first { $0.id == pipelineID }?.name ?? "—") { $0.pipeline = nil }
        }
        return [
            "periods": [["value": "", "label": user.t("report_period_any"), "selected": period == nil]]
                + ReportPeriod.allCases.map { ["value": $0.rawValue, "label": user.t("report_period_" + $0.rawValue), "selected": period == $0] },
            "from": query.period == .custom ? query.from ?? "" : "", "to": query.period == .custom ? query.to ?? "" : "",
            "owners": [["value": "", "label": user.t("report_owner_any"), "selected": query.owner == nil]]
                + users.map { ["value": $0.id, "label": $0.name, "selected": query.owner == $0.id] },
            "teams": [["value": "", "label": user.t("report_team_any"), "selected": query.team == nil]]
                + teams.map { ["value": $0.id, "label": $0.name, "selected": query.team == $0.id] },
            "pipelines": pipelines.map { ["value": $0.id, "label": $0.name, "selected": $0.id == pipelineID] },
            "chips": chips, "hasChips": !chips.isEmpty, "chipCount": String(chips.count), "byTeam": by == .team,
        ]
    }

    /// `template` with each `%@` replaced by the next of `values`, in order.
    static func fill(_ template: String, _ values: String...) -> String {
        var out = template
        for v in values {
            guard let r = out.range(of: "%@") else { break }
            out.replaceSubrange(r, with: v)
        }
        return out
    }

    /// An ISO day in the reader's way of writing dates.
    static func day(_ iso: String, _ user: PageUser) -> String {
        ValueFormatter(user: user).text(.string(iso), field: FieldSpec("close_date", .date))
    }
}
