import Foundation
import Hummingbird
import RapportKit
import RapportStore

/// `/deals/board`: a pipeline as columns of cards, with each column's count and total,
/// filters by owner, team and close month, and two ways to move a card: drag it, or pick
/// the stage on the card and press Move (keyboard and phone).
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
            let back = "/deals/board" + (request.uri.query.map { "?" + $0 } ?? "")
            let stageOptions = stages.map { (id: $0.id, name: user.setUpName($0.name)) }
            var columns: [[String: Any]] = []
            for stage in stages {
                let cards = try await list(deals, filters + [("filter[stage_id]", stage.id), ("sort", "-updated_at"), ("limit", String(Self.perColumn))], actor)
                try await formatter.prepare(cards, type: deals, store: store, admin: deps.admin, actor: actor)
                let t = totals[stage.id] ?? StageTotals()
                let total = t.amounts.sorted { $0.key < $1.key }.compactMap { code, minor in
                    MoneyDisplay.format(minorUnits: minor, currency: code, language: user.language)
                }.joined(separator: " + ")
                columns.append([
                    "id": stage.id, "name": user.setUpName(stage.name), "count": String(t.count), "total": total.isEmpty ? "—" : total,
                    "probability": "\(Int(stage.probability))%",
                    "more": t.count > cards.count ? "/deals?" + RecordPages.encode([("filter[pipeline_id]", pipelineID), ("filter[stage_id]", stage.id)]) : "",
                    "cards": cards.map { d in
                        [
                            "id": d.id, "title": d.fields["title"]?.stringValue ?? "—", "csrf": user.session.csrfToken, "back": back,
                            "org": formatter.text(d.fields["organization_id"], field: FieldSpec("organization_id", .reference("organizations"))),
                            "amount": formatter.text(d.fields["amount"], field: FieldSpec("amount", .money)),
                            "close": formatter.text(d.fields["close_date"], field: FieldSpec("close_date", .date)),
                            "owner": d.ownerID.flatMap { names[$0] } ?? "",
                            "stages": stageOptions.map { ["id": $0.id, "name": $0.name, "current": $0.id == stage.id] as [String: Any] },
                        ] as [String: Any]
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
                "month": param("month") ?? "", "canMove": user.viewer.role.allows(.update, on: deals.name),
                "canCreate": user.viewer.role.allows(.create, on: deals.name),
            ]
            return deps.renderApp("board", user: user, title: user.t("board"), values: values, current: deals.name)
        }
    }

    func list(_ type: RecordType, _ params: [(String, String)], _ actor: Actor) async throws -> [StoredRecord] {
        guard case .success(let q) = ListQuery.parse(params, type: store.view(type, for: actor)) else { return [] }
        return try await store.list(type, query: q, actor: actor).records
    }

    /// `POST /deals/{id}/move`: one stage change, recorded in the deal's history.
    @Sendable func move(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await RecordPages(deps: deps).page(request) { user in
            let posted: PageDependencies.SignedInForm
            switch try await deps.signedInForm(request) {
            case .proceed(let p): posted = p
            case .stop(let response): return response
            }
            let deals = try await store.type(named: Deals.type.name)
            let id = context.parameters.get("id") ?? ""
            let back = posted.fields["back"].flatMap { $0.hasPrefix("/deals/board") ? $0 : nil } ?? "/deals/board"
            do {
                _ = try await store.update(deals, id: id, body: JSONObject([("stage_id", .string(posted.fields["stage_id"] ?? ""))]), ifMatch: nil, actor: user.actor(context))
            } catch RecordError.invalid {
                return PageRenderer.redirect(back)
            }
            return PageRenderer.redirect(back)
        }
    }
}
