import Foundation
import Hummingbird
import RapportKit
import RapportStore

/// `/deals/board`: a pipeline as columns of compact cards, every stage side by side on a
/// desktop and one column at a time on a phone, with each column's count and its raw and
/// weighted totals per currency; cards show days in stage and a passed close date. Cards
/// move by dragging, or by their Move link to ``DealMovePage`` (keyboard, phone, no
/// script), which returns to the column the card came from.
struct BoardPage {
    let deps: PageDependencies
    var store: RecordStore { deps.store }
    static let perColumn = 20

    /// Reached through the generic record routes (`/deals/board`, `/deals/{id}/move`): a
    /// fixed `deals/…` route would shadow `/deals` itself in the router.
    static let path = "board"

    @Sendable func board(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await RecordPages(deps: deps).page(request) { user in
            let actor = user.actor(context)
            let deals = try await store.type(named: Deals.type.name)
            try store.require(.read, deals, actor)
            let params = try QueryString.parse(request.uri.query)
            func param(_ k: String) -> String? { params.first { $0.0 == k }.map(\.1).flatMap { $0.isEmpty ? nil : $0 } }
            let pipelines = try await list(try await store.type(named: Pipelines.type.name), [("limit", "100"), ("sort", "name")], actor)
            let defaultID = try await store.defaultPipelineID() ?? ""
            let pipelineID = param("pipeline").flatMap { id in pipelines.first { $0.id == id }?.id } ?? defaultID
            let stages = try await store.stages(pipelineID: pipelineID)

            // Filters shared by the totals and every column.
            var filters: [(String, String)] = [("filter[pipeline_id]", pipelineID)]
            let users = try await deps.admin.users()
            let teams = try await deps.admin.directory.teams()
            if let owner = param("owner") { filters.append(("filter[owner_id]", owner)) }
            if let team = param("team"), let t = teams.first(where: { $0.id == team }) {
                let members = Set(t.members + (t.managerID.map { [$0] } ?? []))
                // A team without members shows no deals: an id no user has.
                filters.append(("filter[owner_id][in]", members.isEmpty ? "00000000-0000-0000-0000-000000000000" : members.sorted().joined(separator: ",")))
            }
            if let month = param("month").flatMap(CalendarMonth.init) {
                filters += [("filter[close_date][gte]", month.firstDay), ("filter[close_date][lte]", month.lastDay)]
            }
            guard case .success(let totalsQuery) = ListQuery.parse(filters, type: store.view(deals, for: actor)) else { return PageRenderer.redirect("/deals/board") }
            let totals = try await store.stageTotals(deals, query: totalsQuery, actor: actor)
            let names = Dictionary(users.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            var formatter = ValueFormatter(user: user)
            let query = request.uri.query.map { "?" + $0 } ?? ""
            let now = deps.now()
            let today = user.today(now)
            var shown: [[StoredRecord]] = []
            for stage in stages {
                let cards = try await list(deals, filters + [("filter[stage_id]", stage.id), ("sort", "-updated_at"), ("limit", String(Self.perColumn))], actor)
                shown.append(cards)
            }
            // Names and days in stage for every card at once: one read per referenced type
            // and one of the stage history, not one per column.
            try await formatter.prepare(shown.flatMap { $0 }, type: deals, store: store, admin: deps.admin, actor: actor)
            let entered = try await store.stageEntries(dealIDs: shown.flatMap { $0.map(\.id) })
            var columns: [[String: Any]] = []
            for (stage, cards) in zip(stages, shown) {
                let t = totals[stage.id] ?? StageTotals()
                // Back to this column, where the card was, after a move.
                let back = "/deals/board" + query + "#stage-" + stage.id
                columns.append([
                    "id": stage.id, "name": user.setUpName(stage.name), "count": String(t.count), "outcome": stage.outcome,
                    "probability": "\(Int(stage.probability))%", "totals": Self.totalLines(t, probability: stage.probability, outcome: stage.outcome, user: user),
                    "more": t.count > cards.count ? "/deals?" + RecordPages.encode([("filter[pipeline_id]", pipelineID), ("filter[stage_id]", stage.id)]) : "",
                    "cards": cards.map { d -> [String: Any] in
                        let owner = d.ownerID.flatMap { names[$0] } ?? ""
                        let close = d.fields["close_date"]?.stringValue
                        var card: [String: Any] = [
                            "id": d.id, "title": d.fields["title"]?.stringValue ?? "—",
                            "org": formatter.text(d.fields["organization_id"], field: FieldSpec("organization_id", .reference("organizations"))),
                            "amount": formatter.text(d.fields["amount"], field: FieldSpec("amount", .money)),
                            "close": formatter.text(d.fields["close_date"], field: FieldSpec("close_date", .date)),
                            "owner": owner, "initials": PageUser.initials(owner),
                            "overdue": DealAging.isOverdue(closeDate: close, status: d.fields["status"]?.stringValue, today: today),
                            "moveHref": "/deals/\(d.id)/move?" + RecordPages.encode([("return", back)]),
                        ]
                        if let at = entered[d.id], let days = DealAging.daysInStage(enteredAt: at, now: now) {
                            card["days"] = user.daysInStage(days)
                            card["daysTitle"] = user.t("days_in_stage_long").replacingOccurrences(of: "%d", with: String(days))
                        }
                        return card
                    },
                ])
            }
            let values: [String: Any] = [
                "heading": user.t("board"), "columns": columns, "dealsLabel": user.typeName(deals),
                "pipelines": pipelines.map { ["id": $0.id, "name": user.setUpName($0.fields["name"]?.stringValue ?? "—", prefix: "pipeline_"), "selected": $0.id == pipelineID] as [String: Any] },
                "owners": [["id": "", "name": user.t("owner_anyone"), "selected": param("owner") == nil] as [String: Any]]
                    + users.filter(\.active).map { ["id": $0.id, "name": $0.name, "selected": $0.id == param("owner")] as [String: Any] },
                "teams": [["id": "", "name": user.t("any"), "selected": param("team") == nil] as [String: Any]]
                    + teams.map { ["id": $0.id, "name": $0.name, "selected": $0.id == param("team")] as [String: Any] },
                "month": param("month") ?? "", "canMove": user.viewer.role.allows(.update, on: deals.name), "query": query,
                "canCreate": user.viewer.role.allows(.create, on: deals.name),
            ]
            return deps.renderApp("deal_board", user: user, title: user.t("board"), values: values, current: "board")
        }
    }

    func list(_ type: RecordType, _ params: [(String, String)], _ actor: Actor) async throws -> [StoredRecord] {
        guard case .success(let q) = ListQuery.parse(params, type: store.view(type, for: actor)) else { return [] }
        return try await store.list(type, query: q, actor: actor).records
    }

    /// A column's totals, one line per currency: the raw sum and, for open stages, the sum
    /// weighted by the stage's probability, rounded once (``WeightedAmount``).
    static func totalLines(_ totals: StageTotals, probability: Double, outcome: String, user: PageUser) -> [[String: Any]] {
        totals.amounts.sorted { $0.key < $1.key }.map { code, minor in
            var line: [String: Any] = ["currency": code, "raw": MoneyDisplay.format(minorUnits: minor, currency: code, language: user.language)]
            if outcome == "open" {
                var weighted = WeightedAmount()
                weighted.add(minor, probability: probability)
                line["weighted"] = MoneyDisplay.format(minorUnits: weighted.rounded, currency: code, language: user.language)
            }
            return line
        }
    }
}
