import Foundation
import HTTPTypes
import Hummingbird
import RapportKit
import RapportStore

/// The steps of a record's procedure field (``StageRule``) above its details: where it
/// stands, the step it moves to next, and, under a strict procedure, a later step with the
/// reason for skipping. Any type that declares a procedure registers it.
struct ProcedurePath: RecordPageSection {
    var place: RecordPagePlace { .header }
    var template: String { "procedure_path" }

    func values(_ record: StoredRecord, type: RecordType, user: PageUser, actor: Actor, deps: PageDependencies) async throws -> [String: Any]? {
        guard let stages = type.stages, !(try await deps.store.hides(stages.field, of: type.name, actor: actor)) else { return nil }
        let current = record.fields[stages.field]?.stringValue
        let at = current.flatMap { stages.steps.firstIndex(of: $0) } ?? -1
        let canMove = user.viewer.role.allows(.update, on: type.name)
        let next = Set(stages.nextSteps(after: current))
        let action = "/\(type.name)/\(record.id)/step"
        let steps: [[String: Any]] = stages.steps.enumerated().map { i, step in
            var item: [String: Any] = [
                "name": user.choiceLabel(stages.field, step), "value": step, "current": step == current,
                "state": step == current ? "current" : (stages.moves == .forwardSkippingWithReason && i < at ? "done" : "next"),
            ]
            if canMove && next.contains(step) { item["post"] = true }
            return item
        }
        let skips = stages.moves == .forwardSkippingWithReason && at + 2 < stages.steps.count
            ? stages.steps[(at + 2)...].map { ["value": $0, "name": user.choiceLabel(stages.field, $0)] } : []
        return [
            "heading": user.fieldLabel(type.field(stages.field) ?? FieldSpec(stages.field, .text(maxLength: 1))),
            "steps": steps, "action": action, "canMove": canMove, "skips": canMove ? skips : [],
        ]
    }
}

/// The dated moves of a record's procedure, with who made them and why a step was skipped.
struct ProcedureHistory: RecordPageSection {
    var place: RecordPagePlace { .side }
    var template: String { "procedure_history" }

    func values(_ record: StoredRecord, type: RecordType, user: PageUser, actor: Actor, deps: PageDependencies) async throws -> [String: Any]? {
        guard let stages = type.stages, !(try await deps.store.hides(stages.field, of: type.name, actor: actor)) else { return nil }
        let moves = try await deps.store.stageHistory(type, id: record.id, actor: actor)
        guard !moves.isEmpty else { return nil }
        var formatter = ValueFormatter(user: user)
        try await formatter.prepare([record], type: type, store: deps.store, admin: deps.admin, actor: actor)
        let now = Timestamp.millis(deps.now())
        let spent = StageRule.durations(moves, now: now)
        return ["moves": moves.reversed().map { move -> [String: Any] in
            [
                "from": move.from.map { user.choiceLabel(stages.field, $0) } ?? "", "to": user.choiceLabel(stages.field, move.to),
                "when": formatter.instant(Timestamp.format(millisecondsSince1970: move.at)),
                "who": move.actorID.flatMap { formatter.userNames[$0] } ?? "",
                "reason": move.reason.map { user.t("partner_skipped_because").replacingOccurrences(of: "%@", with: $0) } ?? "",
                "days": spent[move.to].map { String(max(0, $0) / 86_400_000) } ?? "",
            ]
        }]
    }
}

/// `POST /{type}/{id}/step`: moves a record's procedure to the chosen step. A move the
/// procedure refuses, or one whose step needs more (a mediator, an action plan), opens the
/// record's form with the step chosen and what is missing, so nothing typed is lost.
struct ProcedurePages {
    let deps: PageDependencies

    func register(on router: Router<AppRequestContext>) {
        router.post(":type/:id/step", use: step)
    }

    @Sendable func step(_ request: Request, context: AppRequestContext) async throws -> Response {
        let pages = RecordPages(deps: deps)
        return try await pages.formPost(request) { user, posted in
            guard let base = deps.store.catalog[context.parameters.get("type") ?? ""], let stages = base.stages else { throw HTTPError(.notFound) }
            let type = try await deps.store.type(named: base.name)
            let actor = user.actor(context)
            let record = try await deps.store.get(type, id: context.parameters.get("id") ?? "", actor: actor)
            var body = JSONObject([(stages.field, .string(posted.fields["to"] ?? ""))])
            if let reasonField = stages.reasonField, let reason = posted.fields["reason"]?.trimmedWhitespace, !reason.isEmpty {
                body[reasonField] = .string(reason)
            }
            do {
                _ = try await deps.store.update(type, id: record.id, body: body, ifMatch: nil, actor: actor)
            } catch RecordError.invalid(let errors) {
                var values = record.fields
                for (key, value) in body { values[key] = value }
                return try await pages.renderForm(user: user, context: context, type: type, record: record, values: values, posted: nil, errors: errors, formError: nil, status: .unprocessableContent)
            }
            return PageRenderer.redirect("/\(type.name)/\(record.id)")
        }
    }
}
