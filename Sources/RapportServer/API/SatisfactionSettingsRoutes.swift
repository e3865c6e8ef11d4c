import Hummingbird
import RapportKit
import RapportStore

/// `/api/v1/settings/satisfaction`: the same settings as Settings → Satisfaction surveys,
/// for admins who configure a desk by script. A PUT names only what it changes; every wrong
/// field is named in one 422 and nothing is saved; each change is audited.
struct SatisfactionSettingsRoutes {
    let store: RecordStore

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get("settings/satisfaction", use: read)
        group.put("settings/satisfaction", use: replace)
    }

    @Sendable func read(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.requireAdmin("read the satisfaction survey settings")
        return .json(.object(try await SatisfactionSurveys(store: store).settings().json))
    }

    @Sendable func replace(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.requireAdmin("change the satisfaction survey settings")
        let body = try await request.jsonObject(context: context)
        return .json(.object(try await SatisfactionSurveys(store: store).replace(body, actor: context.actor).json))
    }
}
