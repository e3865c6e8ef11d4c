import Foundation
import Hummingbird
import RapportKit
import RapportStore

/// `/api/v1/me`, `/users`, `/teams`, `/roles`, `/tokens` and `/audit`: who may do what,
/// and the record of what they did. Everything but `/me` and one's own tokens is for
/// admins.
struct AccessRoutes {
    let admin: AccessAdmin
    let tokens: TokenStore
    let audit: AuditTrail

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get("me", use: me)
        group.get("users", use: listUsers)
        group.post("users", use: createUser)
        group.get("users/:id", use: readUser)
        group.patch("users/:id", use: updateUser)
        group.get("teams", use: listTeams)
        group.post("teams", use: createTeam)
        group.patch("teams/:id", use: updateTeam)
        group.get("roles", use: listRoles)
        group.put("roles/:name", use: saveRole)
        group.delete("roles/:name", use: deleteRole)
        group.get("tokens", use: listTokens)
        group.post("tokens", use: createToken)
        group.delete("tokens/:id", use: revokeToken)
        group.get("audit", use: listAudit)
    }

    static func page(_ items: [JSONObject], next: String? = nil) -> Response {
        .json(.object(JSONObject([("data", .array(items.map(JSONValue.object))), ("next_cursor", next.map(JSONValue.string) ?? .null)])))
    }

    /// The caller, their role's grants and whose records their team visibility reaches.
    @Sendable func me(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let identity = context.identity, let user = try await admin.user(id: identity.userID) else { throw Problem(.unauthorized, "Unauthorized", detail: "Sign in first.") }
        var out = user.json
        out["scope"] = .string(identity.scope)
        if let viewer = context.viewer { out["permissions"] = .object(viewer.role.json) }
        return .json(.object(out))
    }

    @Sendable func listUsers(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.requireAdmin("manage users")
        try QueryString.expectNone(request)
        return Self.page(try await admin.users().map(\.json))
    }

    @Sendable func createUser(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.requireAdmin("manage users")
        let user = try await admin.addUser(try await request.jsonObject(context: context), actor: context.actor)
        return .json(.object(user.json), status: .created, headers: [.location: "/api/v1/users/\(user.id)"])
    }

    @Sendable func readUser(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = context.parameters.get("id") ?? ""
        if id != context.identity?.userID { try context.requireAdmin("read other users") }
        guard let user = try await admin.user(id: id) else { throw RecordError.notFound(type: "users", id: id) }
        return .json(.object(user.json))
    }

    @Sendable func updateUser(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.requireAdmin("manage users")
        let user = try await admin.updateUser(id: context.parameters.get("id") ?? "", try await request.jsonObject(context: context), actor: context.actor)
        tokens.forgetCachedIdentities()
        return .json(.object(user.json))
    }

    @Sendable func listTeams(_ request: Request, context: AppRequestContext) async throws -> Response {
        try QueryString.expectNone(request)
        return Self.page(try await admin.directory.teams().map(\.json))
    }

    @Sendable func createTeam(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.requireAdmin("manage teams")
        let team = try await admin.createTeam(try await request.jsonObject(context: context), actor: context.actor)
        return .json(.object(team.json), status: .created)
    }

    @Sendable func updateTeam(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.requireAdmin("manage teams")
        let team = try await admin.updateTeam(id: context.parameters.get("id") ?? "", try await request.jsonObject(context: context), actor: context.actor)
        return .json(.object(team.json))
    }

    @Sendable func deleteRole(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.requireAdmin("change roles")
        try await admin.deleteRole(name: context.parameters.get("name") ?? "", actor: context.actor)
        return Response(status: .noContent)
    }

    @Sendable func listRoles(_ request: Request, context: AppRequestContext) async throws -> Response {
        try QueryString.expectNone(request)
        return Self.page(try await admin.directory.roles().map(\.json))
    }

    /// Creates a custom role or changes a role's grants.
    @Sendable func saveRole(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.requireAdmin("change roles")
        let role = try await admin.saveRole(name: context.parameters.get("name") ?? "", try await request.jsonObject(context: context), actor: context.actor)
        return .json(.object(role.json))
    }

    /// One's own tokens; admins see everyone's.
    @Sendable func listTokens(_ request: Request, context: AppRequestContext) async throws -> Response {
        try QueryString.expectNone(request)
        let isAdmin = context.viewer?.role.isAdmin == true
        return Self.page(try await tokens.list(userID: isAdmin ? nil : context.identity?.userID))
    }

    /// `{ name, scope?, expires_at? }`: a token for oneself, shown once.
    @Sendable func createToken(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.jsonObject(context: context)
        var errors: [FieldError] = []
        for key in body.keys where !["name", "scope", "expires_at"].contains(key) {
            errors.append(FieldError(field: key, code: "unknown_field", message: "A token has name, scope and expires_at."))
        }
        let name = body["name"]?.stringValue?.trimmedWhitespace ?? ""
        if name.isEmpty || name.count > 100 { errors.append(FieldError(field: "name", code: "required", message: "A name of up to 100 characters.")) }
        let scope = body["scope"]?.stringValue ?? "read"
        if !["read", "write"].contains(scope) { errors.append(FieldError(field: "scope", code: "invalid_choice", message: "read or write.")) }
        // A session-made token cannot outrank the session's own rights.
        if scope == "write", context.identity?.canWrite != true { errors.append(FieldError(field: "scope", code: "forbidden", message: "A read token cannot create write tokens.")) }
        var expires: String?
        if let v = body["expires_at"], !v.isNull {
            if let text = v.stringValue, let ms = Timestamp.parse(text), Double(ms) / 1000 > Date().timeIntervalSince1970 { expires = Timestamp.format(Date(timeIntervalSince1970: Double(ms) / 1000)) } else {
                errors.append(FieldError(field: "expires_at", code: "invalid_date_time", message: "A future RFC 3339 time."))
            }
        }
        if !errors.isEmpty { throw RecordError.invalid(errors) }
        let created = try await tokens.create(name: name, userEmail: context.identity?.email, scope: scope, expiresAt: expires, actor: context.actor)
        return .json(.object(JSONObject([
            ("id", .string(created.tokenID)), ("token", .string(created.token)), ("name", .string(name)), ("scope", .string(scope)),
            ("expires_at", expires.map(JSONValue.string) ?? .null),
        ])), status: .created)
    }

    @Sendable func revokeToken(_ request: Request, context: AppRequestContext) async throws -> Response {
        let isAdmin = context.viewer?.role.isAdmin == true
        let id = context.parameters.get("id") ?? ""
        guard try await tokens.revoke(id: id, ownerID: isAdmin ? nil : context.identity?.userID, actor: context.actor) else {
            throw RecordError.notFound(type: "api_tokens", id: id)
        }
        return Response(status: .noContent)
    }

    /// Filters: actor_id, record_type, record_id, action, from, to (RFC 3339), limit, cursor.
    @Sendable func listAudit(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.requireAdmin("read the audit log")
        var filter = AuditTrail.Filter()
        for (key, value) in try QueryString.parse(request.uri.query) {
            switch key {
            case "actor_id": filter.actorID = value
            case "record_type": filter.recordType = value
            case "record_id": filter.recordID = value
            case "action": filter.action = value
            case "from", "to":
                guard let ms = Timestamp.parse(value) else {
                    throw Problem.badRequest("\(key) must be an RFC 3339 time.", errors: [FieldError(field: key, code: "invalid_date_time", message: "Such as 2026-01-31T09:00:00Z.")])
                }
                let text = Timestamp.format(Date(timeIntervalSince1970: Double(ms) / 1000))
                if key == "from" { filter.from = text } else { filter.to = text }
            case "limit":
                guard let n = Int(value), (1...ListQuery.maxLimit).contains(n) else {
                    throw Problem.badRequest("limit must be a whole number from 1 to \(ListQuery.maxLimit).", errors: [FieldError(field: "limit", code: "out_of_range", message: "1 to \(ListQuery.maxLimit).")])
                }
                filter.limit = n
            case "cursor":
                guard let n = Int64(value), n > 0 else {
                    throw Problem.badRequest("The cursor is not one this server issued.", errors: [FieldError(field: "cursor", code: "invalid_cursor", message: "Start again without it.")])
                }
                filter.before = n
            default:
                throw Problem.badRequest("Unknown query parameter '\(key)'.", errors: [FieldError(field: key, code: "unknown_parameter", message: "Filter with actor_id, record_type, record_id, action, from, to.")])
            }
        }
        let (entries, next) = try await audit.list(filter)
        return Self.page(entries, next: next.map { String($0) })
    }
}
