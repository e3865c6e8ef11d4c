import Hummingbird
import RapportKit
import RapportStore

/// `/api/v1/teams/{id}/mailbox`: the group's IMAP mailbox (admins): read it, connect or
/// change it (`PUT`, a full replacement; the password is kept when left out and never
/// returned), or disconnect it.
struct MailboxRoutes {
    let store: RecordStore
    var mailboxes: TeamMailboxes { TeamMailboxes(store: store) }

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get("teams/:id/mailbox", use: read)
        group.put("teams/:id/mailbox", use: replace)
        group.delete("teams/:id/mailbox", use: remove)
    }

    @Sendable func read(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.requireAdmin("read a mailbox")
        let team = context.parameters.get("id") ?? ""
        guard let mailbox = try await mailboxes.mailbox(team: team) else { throw RecordError.notFound(type: "team_mailboxes", id: team) }
        return .json(.object(mailbox.json))
    }

    @Sendable func replace(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.requireAdmin("connect a mailbox")
        let team = context.parameters.get("id") ?? ""
        guard RecordID.isValid(team) else { throw RecordError.notFound(type: "teams", id: team) }
        let body = try await request.jsonObject(context: context)
        return .json(.object(try await mailboxes.replace(team: team, body, actor: context.actor).json))
    }

    @Sendable func remove(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.requireAdmin("disconnect a mailbox")
        try await mailboxes.remove(team: context.parameters.get("id") ?? "", actor: context.actor)
        return Response(status: .noContent)
    }
}
