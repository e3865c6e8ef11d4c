import Foundation
import HTTPTypes
import Hummingbird
import RapportKit
import RapportStore

extension HomePage {
    /// Marks a task done in one click: `completed_at` set to now through the record
    /// engine (so it is audited and its rules run), then back to the same group on Home.
    /// A script posting with `Accept: application/json` gets the task's new state instead
    /// and updates the page in place. A task already done stays as it was.
    @Sendable func done(_ request: Request, context: AppRequestContext) async throws -> Response {
        let wantsJSON = request.headers[.accept]?.contains("application/json") == true
        return try await deps.post(request) { user, form in
            let actor = user.actor(context)
            let activities = try await store.type(named: Activities.type.name)
            let id = context.parameters.get("id") ?? ""
            let back = Self.anchor(form.fields["_back"])
            do {
                let task = try await store.get(activities, id: id, actor: actor)
                guard task.fields["kind"]?.stringValue == "task" else {
                    if wantsJSON { throw Problem(.unprocessableContent, "Not a task", detail: "Only tasks are marked done.") }
                    return deps.renderApp("message_app", user: user, title: user.t("home_not_a_task"), values: ["message": user.t("home_not_a_task")], status: .unprocessableContent)
                }
                var completed = task.fields["completed_at"]?.stringValue
                if completed == nil {
                    let at = Timestamp.format(deps.clock())
                    let body = JSONObject([("completed_at", .string(at))])
                    completed = try await store.update(activities, id: id, body: body, ifMatch: nil, actor: actor).fields["completed_at"]?.stringValue ?? at
                }
                if wantsJSON { return .json(.object(JSONObject([("id", .string(id)), ("completed_at", .string(completed ?? ""))]))) }
                return PageRenderer.redirect("/#\(back)")
            } catch let error as RecordError {
                if wantsJSON { throw error }
                if let page = deps.errorPage(error, user: user) { return page }
                return deps.renderApp("message_app", user: user, title: user.t("home_not_a_task"), values: ["message": user.t("home_not_a_task")], status: .unprocessableContent)
            }
        }
    }

    /// The group to come back to: one of Home's own anchors, never a link from the form.
    static func anchor(_ sent: String?) -> String {
        let known = TaskAgenda.Bucket.allCases.map { "h-\($0.rawValue)" }
        return sent.flatMap { known.contains($0) ? $0 : nil } ?? "h-tasks"
    }
}
