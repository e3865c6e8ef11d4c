import Foundation
import Hummingbird
import RapportKit
import RapportStore

/// `/api/v1/notifications`: the caller's own notifications, newest first with cursor
/// paging like every list, and marking them read. Nobody sees or marks another user's.
struct NotificationRoutes {
    let notifications: NotificationStore
    let clock: @Sendable () -> Date

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get("notifications", use: list)
        group.post("notifications/read-all", use: readAll)
        group.post("notifications/:id/read", use: read)
    }

    func caller(_ context: AppRequestContext) throws -> String {
        guard let id = context.identity?.userID else { throw Problem(.unauthorized, "Unauthorized", detail: "Sign in first.") }
        return id
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try caller(context)
        var limit = 50, cursor: Cursor?, unread = false
        for (key, value) in try QueryString.parse(request.uri.query) {
            switch key {
            case "limit":
                guard let n = Int(value), (1...500).contains(n) else {
                    throw Problem.badRequest("limit is 1 to 500.", errors: [FieldError(field: "limit", code: "invalid", message: "Use a number from 1 to 500.")])
                }
                limit = n
            case "cursor":
                guard let c = Cursor(encoded: value), c.sort == NotificationStore.sortKey else {
                    throw Problem.badRequest("Invalid cursor.", errors: [
                        FieldError(field: "cursor", code: "invalid_cursor", message: "The cursor is not one this server issued; start again without it.")])
                }
                cursor = c
            case "unread":
                guard value == "true" || value == "false" else {
                    throw Problem.badRequest("unread is true or false.", errors: [FieldError(field: "unread", code: "invalid", message: "Use true or false.")])
                }
                unread = value == "true"
            default:
                throw Problem.badRequest("Unknown query parameter '\(key)'.", errors: [
                    FieldError(field: key, code: "unknown", message: "Notifications take limit, cursor and unread only.")])
            }
        }
        let page = try await notifications.list(recipient: user, limit: limit, cursor: cursor, unreadOnly: unread)
        return AccessRoutes.page(page.items.map(\.json), next: page.next)
    }

    @Sendable func read(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try caller(context)
        let id = context.parameters.get("id") ?? ""
        guard let n = try await notifications.markRead(id: id, recipient: user, at: Timestamp.format(clock())) else {
            throw RecordError.notFound(type: "notifications", id: id)
        }
        return .json(.object(n.json))
    }

    @Sendable func readAll(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try caller(context)
        let marked = try await notifications.markAllRead(recipient: user, at: Timestamp.format(clock()))
        return .json(.object(JSONObject([("marked", .number(String(marked)))])))
    }
}
