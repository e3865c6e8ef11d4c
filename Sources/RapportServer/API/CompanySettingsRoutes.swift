import Hummingbird
import RapportKit
import RapportStore

/// `/api/v1/settings/company`: the seller's identity every signed-in user reads (it is
/// printed on their quotes) and only an admin replaces.
struct CompanySettingsRoutes {
    let settings: CompanySettings

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get("settings/company", use: read)
        group.put("settings/company", use: replace)
    }

    @Sendable func read(_ request: Request, context: AppRequestContext) async throws -> Response {
        .json(.object(try await settings.profile().json))
    }

    /// A full replacement: a field left out is cleared. Every wrong field is named in one
    /// 422 and nothing is stored.
    @Sendable func replace(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.requireAdmin("change the company settings")
        let body = try await request.jsonObject(context: context)
        switch CompanyProfile.parse(body) {
        case .failure(let error): throw error
        case .success(let profile): return .json(.object(try await settings.replace(with: profile, actor: context.actor).json))
        }
    }
}
