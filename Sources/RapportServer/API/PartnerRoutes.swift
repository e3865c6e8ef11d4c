import Hummingbird
import RapportKit
import RapportStore

/// `/api/v1/partnerships/{id}/partner_users[/{user_id}]`: who works with a partnership
/// from the partner's side. Linking (`PUT`) and unlinking (`DELETE`) need the right to
/// change the partnership; both are audited.
struct PartnerRoutes {
    let store: RecordStore
    let admin: AccessAdmin
    var users: PartnerUsers { PartnerUsers(store: store) }

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get(":type/:id/partner_users", use: TypeRoute.only(Partnerships.type.name, list))
        group.post(":type/:id/partner_users", use: TypeRoute.only(Partnerships.type.name, invite))
        group.put(":type/:id/partner_users/:user", use: TypeRoute.only(Partnerships.type.name, link))
        group.delete(":type/:id/partner_users/:user", use: TypeRoute.only(Partnerships.type.name, unlink))
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let links = try await users.list(partnershipID: context.parameters.get("id") ?? "", actor: context.actor)
        return .json(.object(JSONObject([("data", .array(links.map { .object($0.json) })), ("next_cursor", .null)])))
    }

    /// `POST …/partner_users` `{ email, name?, language? }`: an invitation (201).
    @Sendable func invite(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.jsonObject(context: context)
        let outcome = try await PartnerInvitations(store: store, admin: admin).invite(partnershipID: context.parameters.get("id") ?? "", body, actor: context.actor)
        var json = outcome.link.json
        json["mailed"] = .bool(outcome.mailed)
        json["set_password_path"] = outcome.setPasswordPath.map(JSONValue.string) ?? .null
        return .json(.object(json), status: .created)
    }

    @Sendable func link(_ request: Request, context: AppRequestContext) async throws -> Response {
        let link = try await users.link(partnershipID: context.parameters.get("id") ?? "", userID: context.parameters.get("user") ?? "", actor: context.actor)
        return .json(.object(link.json))
    }

    @Sendable func unlink(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await users.unlink(partnershipID: context.parameters.get("id") ?? "", userID: context.parameters.get("user") ?? "", actor: context.actor)
        return Response(status: .noContent)
    }
}
