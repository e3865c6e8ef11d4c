import Foundation
import Hummingbird
import RapportKit
import RapportStore

/// Sales actions beyond plain records: a deal's stage history, a new version of a quote,
/// and an organization's or person's purchase history.
struct SalesRoutes {
    let store: RecordStore

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get(":type/:id/stages", use: stages)
        group.post(":type/:id/revise", use: revise)
        group.get(":type/:id/purchases", use: purchases)
    }

    /// `GET /api/v1/deals/{id}/stages`: the deal's stage changes, oldest first.
    @Sendable func stages(_ request: Request, context: AppRequestContext) async throws -> Response {
        let typeName = context.parameters.get("type") ?? ""
        if typeName != Deals.type.name {
            return try await procedureStages(typeName, context: context)
        }
        let history = try await store.stageHistory(dealID: context.parameters.get("id") ?? "", actor: context.actor)
        var body = JSONObject([("data", .array(history.map { .object($0.json) })), ("next_cursor", .null)])
        OmittedFigures.note(try await store.hiddenInputs(["deals.stage_id"], actor: context.actor), in: &body)
        return .json(.object(body))
    }

    /// `GET /api/v1/{type}/{id}/stages` for any type whose field is a procedure
    /// (``StageRule``): its moves, oldest first; none while the reader's role hides the field.
    func procedureStages(_ typeName: String, context: AppRequestContext) async throws -> Response {
        guard let base = store.catalog[typeName], let stages = base.stages else { throw HTTPError(.notFound) }
        let type = try await store.type(named: typeName)
        let id = context.parameters.get("id") ?? ""
        let hidden = try await store.hides(stages.field, of: typeName, actor: context.actor)
        let moves = try await store.stageHistory(type, id: id, actor: context.actor)
        var body = JSONObject([("data", .array(hidden ? [] : moves.map { move in
            .object(JSONObject([
                ("from", move.from.map(JSONValue.string) ?? .null), ("to", .string(move.to)),
                ("at", .string(Timestamp.format(millisecondsSince1970: move.at))), ("actor_id", move.actorID.map(JSONValue.string) ?? .null),
                ("reason", move.reason.map(JSONValue.string) ?? .null),
            ]))
        })), ("next_cursor", .null)])
        if hidden { OmittedFigures.note(["\(typeName).\(stages.field)"], in: &body) }
        return .json(.object(body))
    }

    /// `POST /api/v1/quotes/{id}/revise`: the next version of the quote, as a draft.
    @Sendable func revise(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard context.parameters.get("type") == Quotes.type.name else { throw HTTPError(.notFound) }
        let quote = try await store.reviseQuote(id: context.parameters.get("id") ?? "", actor: context.actor)
        let type = try await store.type(named: Quotes.type.name)
        return .json(.object(quote.json(store.view(type, for: context.actor))), status: .created, headers: [
            .eTag: quote.etag, .location: "/api/v1/quotes/\(quote.id)",
        ])
    }

    /// `GET /api/v1/{organizations|people}/{id}/purchases`.
    @Sendable func purchases(_ request: Request, context: AppRequestContext) async throws -> Response {
        let typeName = context.parameters.get("type") ?? ""
        guard [Organizations.type.name, People.type.name].contains(typeName) else { throw HTTPError(.notFound) }
        let (history, contracts) = try await store.purchaseHistory(of: typeName, id: context.parameters.get("id") ?? "", actor: context.actor)
        func side(_ s: PurchaseHistory.Side) -> JSONValue {
            .object(JSONObject([
                ("orders", .number(String(s.orders))), ("last_order_on", s.last.map(JSONValue.string) ?? .null),
                ("totals", .array(s.amounts.map { ReportRoutes.money($0.minorUnits, $0.currency) })),
            ]))
        }
        var body = JSONObject([
            ("revenue", side(history.sold)), ("spend", side(history.bought)),
            ("open_contracts", .array(contracts.map { c in .object(JSONObject([
                ("id", .string(c.id)), ("title", .string(c.title)), ("direction", .string(c.direction)), ("value", c.value?.json ?? .null),
                ("renewal_date", c.renewalDate.map(JSONValue.string) ?? .null), ("end_date", c.endDate.map(JSONValue.string) ?? .null),
            ])) })),
        ])
        OmittedFigures.note(try await store.hiddenInputs(["orders.total", "contracts.value"], actor: context.actor), in: &body)
        return .json(.object(body))
    }
}
