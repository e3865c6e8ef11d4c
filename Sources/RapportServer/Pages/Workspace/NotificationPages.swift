import Foundation
import HTTPTypes
import Hummingbird
import RapportKit
import RapportStore

/// The notifications page: newest first, each linking to its record, marked read one by
/// one or all at once. A record the user can no longer see is named as unavailable, never
/// by its title.
struct NotificationPages {
    let deps: PageDependencies
    static let perPage = 50

    func register(on router: Router<AppRequestContext>) {
        router.get("notifications", use: list)
        router.post("notifications/read-all", use: readAll)
        router.post("notifications/:id/read", use: read)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let user = try await deps.pageUser(request) else { return PageRenderer.redirect("/signin") }
        let actor = user.actor(context)
        let cursor = try QueryString.parse(request.uri.query).first { $0.0 == "cursor" }.flatMap { Cursor(encoded: $0.1) }.flatMap {
            $0.sort == NotificationStore.sortKey ? $0 : nil
        }
        let page = try await deps.notifications.list(recipient: user.user.id, limit: Self.perPage, cursor: cursor)
        var titles: [String: [String: String]] = [:]
        var types: [String: RecordType] = [:]
        for name in Set(page.items.map(\.recordType)) {
            guard let type = try? await deps.store.type(named: name) else { continue }
            types[name] = type
            titles[name] = try await deps.store.titles(type, ids: page.items.filter { $0.recordType == name }.map(\.recordID), actor: actor)
        }
        let names = Dictionary(try await deps.admin.users().map { ($0.id, $0.name.isEmpty ? $0.email : $0.name) }, uniquingKeysWith: { a, _ in a })
        let formatter = ValueFormatter(user: user)
        let now = deps.clock()
        let items: [[String: Any]] = page.items.map { n in
            var item: [String: Any] = [
                "id": n.id, "kind": user.t("notif_kind.\(n.kind)"), "unread": n.readAt == nil, "when": formatter.relative(n.createdAt, now: now),
                "csrf": user.session.csrfToken, "actor": n.actorID.flatMap { names[$0] } ?? "",
            ]
            if let type = types[n.recordType], let title = titles[n.recordType]?[n.recordID] {
                item["href"] = "/\(type.name)/\(n.recordID)"
                item["title"] = title.isEmpty ? "—" : title
                item["typeLabel"] = user.typeName(type, one: true)
            } else if let target = ResetRequestLink.target(n, names: names) {
                item.merge(target) { _, new in new }
            }
            return item
        }
        return deps.renderApp("notifications", user: user, title: user.t("notif_title"), values: [
            "items": items, "next": page.next ?? "", "hasUnread": user.notificationsUnread > 0,
        ], current: "notifications")
    }

    @Sendable func read(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await deps.post(request) { user, _ in
            let id = context.parameters.get("id") ?? ""
            guard try await deps.notifications.markRead(id: id, recipient: user.user.id, at: Timestamp.format(deps.clock())) != nil else {
                return deps.renderApp("message_app", user: user, title: user.t("not_found_title"), values: ["message": user.t("not_found")], status: .notFound)
            }
            return PageRenderer.redirect("/notifications")
        }
    }

    @Sendable func readAll(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await deps.post(request) { user, _ in
            try await deps.notifications.markAllRead(recipient: user.user.id, at: Timestamp.format(deps.clock()))
            return PageRenderer.redirect("/notifications")
        }
    }
}
