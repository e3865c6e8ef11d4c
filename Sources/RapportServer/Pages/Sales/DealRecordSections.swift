import Foundation
import RapportKit
import RapportStore

/// The deal page's stage path: the pipeline's stages as steps, the current one marked,
/// each a move that asks first; Won and Lost as buttons (Lost goes through the move page,
/// which asks why); a close date that has passed flagged beside it.
struct DealStagePath: RecordPageSection {
    var place: RecordPagePlace { .header }
    var template: String { "deal_stage_path" }

    func values(_ record: StoredRecord, type: RecordType, user: PageUser, actor: Actor, deps: PageDependencies) async throws -> [String: Any]? {
        guard let pipeline = record.fields["pipeline_id"]?.stringValue, let current = record.fields["stage_id"]?.stringValue,
              !(try await deps.store.hides("stage_id", of: type.name, actor: actor)) else { return nil }
        let stages = try await deps.store.stages(pipelineID: pipeline)
        guard !stages.isEmpty else { return nil }
        let canMove = user.viewer.role.allows(.update, on: type.name)
        let here = "/deals/\(record.id)"
        let position = stages.firstIndex { $0.id == current }
        let currentStage = position.map { stages[$0] }
        func moveHref(_ stage: Stage) -> String {
            "/deals/\(record.id)/move?" + RecordPages.encode([("stage", stage.id), ("return", here)])
        }
        let steps: [[String: Any]] = stages.enumerated().map { i, stage in
            let name = user.setUpName(stage.name)
            var state = "next"
            if stage.id == current { state = "current" } else if let position, stage.outcome == "open", currentStage?.outcome != "open" || i < position { state = "done" }
            var step: [String: Any] = ["id": stage.id, "name": name, "state": state, "current": stage.id == current, "outcome": stage.outcome]
            if canMove, stage.id != current {
                // Lost asks why on the move page; every other step is a confirmed post.
                if stage.outcome == "lost" { step["href"] = moveHref(stage) } else {
                    step["post"] = true
                    step["confirm"] = user.t("move_confirm").replacingOccurrences(of: "%@", with: name)
                }
            }
            return step
        }
        var out: [String: Any] = ["steps": steps, "dealID": record.id, "returnPath": here, "canMove": canMove]
        if canMove, currentStage?.outcome == "open" {
            if let won = stages.first(where: { $0.outcome == "won" }) {
                out["won"] = ["id": won.id, "confirm": user.t("move_confirm").replacingOccurrences(of: "%@", with: user.setUpName(won.name))]
            }
            if let lost = stages.first(where: { $0.outcome == "lost" }) { out["lostHref"] = moveHref(lost) }
        }
        let close = record.fields["close_date"]?.stringValue
        if DealAging.isOverdue(closeDate: close, status: record.fields["status"]?.stringValue, today: user.today(deps.now())) {
            out["overdue"] = ValueFormatter(user: user).text(close.map(JSONValue.string), field: FieldSpec("close_date", .date))
        }
        if currentStage?.outcome == "lost", let reason = record.fields["lost_reason"]?.stringValue {
            out["lostReason"] = user.lostReasonLabel(reason, names: try await deps.store.lostReasons().map(\.name))
        }
        return out
    }
}

/// A deal's stage changes, oldest first, with stage names in the reader's language.
struct DealStageHistory: RecordPageSection {
    var place: RecordPagePlace { .side }
    var template: String { "deal_stage_history" }

    func values(_ record: StoredRecord, type: RecordType, user: PageUser, actor: Actor, deps: PageDependencies) async throws -> [String: Any]? {
        guard let pipeline = record.fields["pipeline_id"]?.stringValue else { return nil }
        let names = Dictionary(try await deps.store.stages(pipelineID: pipeline).map { ($0.id, user.setUpName($0.name)) }, uniquingKeysWith: { a, _ in a })
        let history = try await deps.store.stageHistory(dealID: record.id, actor: actor)
        guard !history.isEmpty else { return nil }
        var formatter = ValueFormatter(user: user)
        try await formatter.prepare([record], type: type, store: deps.store, admin: deps.admin, actor: actor)
        return ["stageHistory": history.map { change in
            var item: [String: Any] = [
                "from": change.from.flatMap { names[$0] } ?? "", "to": names[change.to] ?? "—", "when": formatter.instant(change.at),
                "who": change.actorID.flatMap { formatter.userNames[$0] } ?? "",
            ]
            if change.flag != nil { item["flag"] = user.t("flag_won_without_quote") }
            return item
        }]
    }
}
