import Foundation
import HTTPTypes
import Hummingbird
import RapportKit
import RapportStore

/// `/deals/{id}/move`: one deal's stage change as a small page, the board's move sheet on a
/// phone and its way without a script. It names the deal, offers the stages, asks why when
/// the deal is lost, and after the move returns to where it was opened from (the board
/// column the card sat in, or the deal).
struct DealMovePage {
    let deps: PageDependencies
    var store: RecordStore { deps.store }

    /// Where a move may return to: a page of deals on this site, never another site.
    static func returnPath(_ candidate: String?) -> String? {
        guard let c = candidate, c.hasPrefix("/deals"), !c.hasPrefix("//"), !c.contains("\\"), !c.contains("\r"), !c.contains("\n") else { return nil }
        return c
    }

    /// `GET /deals/{id}/move?stage=…&return=…`: the move sheet.
    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await RecordPages(deps: deps).page(request) { user in
            let params = try QueryString.parse(request.uri.query)
            func param(_ k: String) -> String? { params.first { $0.0 == k }.map(\.1).flatMap { $0.isEmpty ? nil : $0 } }
            let deal = try await store.get(try await store.type(named: Deals.type.name), id: context.parameters.get("id") ?? "", actor: user.actor(context))
            return try await render(user: user, deal: deal, chosen: param("stage"), reason: nil, text: nil, back: Self.returnPath(param("return")), error: nil)
        }
    }

    /// `POST /deals/{id}/move`: the stage change, recorded in the deal's history; a lost
    /// deal's reason comes with it. A refused move shows the sheet again with what was
    /// chosen and why (422).
    @Sendable func move(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await RecordPages(deps: deps).page(request) { user in
            let posted: PageDependencies.SignedInForm
            switch try await deps.signedInForm(request) {
            case .proceed(let p): posted = p
            case .stop(let response): return response
            }
            let deals = try await store.type(named: Deals.type.name)
            let actor = user.actor(context)
            let deal = try await store.get(deals, id: context.parameters.get("id") ?? "", actor: actor)
            let back = Self.returnPath(posted.fields["return"]) ?? Self.returnPath(posted.fields["back"])
            let stageID = posted.fields["stage_id"] ?? ""
            let reason = posted.fields["lost_reason"]?.trimmedWhitespace ?? ""
            let text = posted.fields["lost_reason_text"]?.trimmedWhitespace ?? ""
            var body = JSONObject([("stage_id", .string(stageID))])
            let pipeline = deal.fields["pipeline_id"]?.stringValue ?? ""
            if try await store.stages(pipelineID: pipeline).first(where: { $0.id == stageID })?.outcome == "lost" {
                let list = try await store.lostReasons()
                let allowsText = list.first { $0.name == reason }?.allowsText ?? list.isEmpty
                let stored = allowsText ? LostReasons.compose(reason, text: text) : reason
                body["lost_reason"] = stored.isEmpty ? .null : .string(stored)
            }
            do {
                _ = try await store.update(deals, id: deal.id, body: body, ifMatch: nil, actor: actor)
            } catch RecordError.invalid(let errors) {
                let message = errors.map { user.fieldLabel(deals.field($0.field) ?? FieldSpec($0.field, .text(maxLength: 1))) + ": " + user.errorMessage($0) }.joined(separator: " ")
                return try await render(user: user, deal: deal, chosen: stageID, reason: reason, text: text, back: back, error: message, status: .unprocessableContent)
            }
            return PageRenderer.redirect(back ?? "/deals/\(deal.id)")
        }
    }

    func render(user: PageUser, deal: StoredRecord, chosen: String?, reason: String?, text: String?, back: String?, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let current = deal.fields["stage_id"]?.stringValue ?? ""
        let stages = try await store.stages(pipelineID: deal.fields["pipeline_id"]?.stringValue ?? "")
        let picked = stages.contains { $0.id == chosen } ? chosen! : current
        let list = try await store.lostReasons()
        let title = deal.fields["title"]?.stringValue ?? "—"
        var values: [String: Any] = [
            "id": deal.id, "dealTitle": title, "return": back ?? "", "cancel": back ?? "/deals/\(deal.id)",
            "stages": stages.map { s in
                ["id": s.id, "name": user.setUpName(s.name), "current": s.id == current, "checked": s.id == picked, "lost": s.outcome == "lost"] as [String: Any]
            },
            "reasons": list.map { r in
                ["name": r.name, "label": user.lostReasonLabel(r.name, names: [r.name]), "selected": r.name == reason, "allowsText": r.allowsText] as [String: Any]
            },
            "askReason": stages.first { $0.id == picked }?.outcome == "lost",
            "reasonText": text ?? "", "freeReason": list.isEmpty ? (reason ?? "") : "",
            "heading": user.t("move_deal"),
        ]
        if list.isEmpty { values["noList"] = true }
        if list.contains(where: \.allowsText) { values["anyText"] = true }
        if let error { values["error"] = error }
        return deps.renderApp("deal_move", user: user, title: user.t("move_deal"), values: values, current: Deals.type.name, status: status)
    }
}
