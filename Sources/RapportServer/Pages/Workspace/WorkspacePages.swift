import Foundation
import HTTPTypes
import Hummingbird
import RapportKit
import RapportStore

/// Home, the global search, the trash and the profile settings.
struct WorkspacePages {
    let deps: PageDependencies
    var store: RecordStore { deps.store }
    var records: RecordPages { RecordPages(deps: deps) }

    func register(on router: Router<AppRequestContext>) {
        router.get("search", use: search)
        router.get("trash", use: trash)
        router.get("settings", use: settings)
        router.post("settings/profile", use: saveProfile)
        router.post("settings/language", use: switchLanguage)
    }

    /// My open tasks due by the end of today, recent activity, and my records someone else
    /// changed.
    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let user = try await deps.pageUser(request) else {
            if let session = try await deps.session(request), session.pendingTwoFactor { return PageRenderer.redirect("/signin/two-factor") }
            return PageRenderer.redirect("/signin")
        }
        let actor = user.actor(context)
        let activities = try await store.type(named: Activities.type.name)
        var formatter = ValueFormatter(user: user)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = user.timeZone
        let endOfToday = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: Date()))!
        let now = Timestamp.format(Date())
        var tasks: [[String: Any]] = [], recent: [[String: Any]] = []
        if user.viewer.role.allows(.read, on: activities.name) {
            let due = try await list(activities, [("filter[kind]", "task"), ("filter[owner_id]", user.user.id), ("filter[completed_at]", ""),
                                                  ("filter[due_at][lte]", Timestamp.format(endOfToday)), ("sort", "due_at"), ("limit", "20")], actor)
            tasks = due.map { r in
                let dueAt = r.fields["due_at"]?.stringValue ?? ""
                return ["href": "/activities/\(r.id)", "title": r.fields["subject"]?.stringValue ?? "—", "due": formatter.instant(dueAt), "overdue": dueAt < now]
            }
            let latest = try await list(activities, [("sort", "-occurred_at"), ("filter[occurred_at][lte]", now), ("limit", "10")], actor)
            try await formatter.prepare(latest, type: activities, store: store, admin: deps.admin, actor: actor)
            recent = latest.map { r in
                var item: [String: Any] = [
                    "href": "/activities/\(r.id)", "what": user.choiceLabel("kind", r.fields["kind"]?.stringValue ?? ""),
                    "when": formatter.relative(r.fields["occurred_at"]?.stringValue ?? r.createdAt),
                    "title": r.fields["subject"]?.stringValue ?? String((r.fields["body"]?.stringValue ?? "—").prefix(80)),
                ]
                let about = formatter.text(r.fields["participants"], field: FieldSpec("participants", .references("people")))
                if !about.isEmpty { item["body"] = about }
                return item
            }
        }
        var changed: [(String, [String: Any])] = []
        for type in store.catalog.types where type.hasOwner && user.viewer.role.allows(.read, on: type.name) {
            let full = try await store.type(named: type.name)
            for r in try await list(full, [("filter[owner_id]", user.user.id), ("filter[updated_by][ne]", user.user.id), ("sort", "-updated_at"), ("limit", "5")], actor) {
                changed.append((r.updatedAt, [
                    "href": "/\(type.name)/\(r.id)", "title": r.fields[full.titleField]?.stringValue ?? "—", "kind": user.typeName(full, one: true),
                    "when": formatter.relative(r.updatedAt),
                ]))
            }
        }
        let values: [String: Any] = ["tasks": tasks, "recent": recent, "changed": changed.sorted { $0.0 > $1.0 }.prefix(10).map(\.1)]
        return deps.renderApp("home", user: user, title: user.t("home_title"), values: values, current: "home")
    }

    func list(_ type: RecordType, _ params: [(String, String)], _ actor: Actor) async throws -> [StoredRecord] {
        guard case .success(let q) = ListQuery.parse(params, type: store.view(type, for: actor)) else { return [] }
        return try await store.list(type, query: q, actor: actor).records
    }

    /// Every type the user may read, five best matches each.
    @Sendable func search(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let user = try await deps.pageUser(request) else { return PageRenderer.redirect("/signin") }
        let q = (try QueryString.parse(request.uri.query).first { $0.0 == "q" }?.1 ?? "").trimmedWhitespace
        let actor = user.actor(context)
        var groups: [[String: Any]] = []
        if !q.isEmpty {
            for base in store.catalog.types where user.viewer.role.allows(.read, on: base.name) {
                let type = try await store.type(named: base.name)
                guard case .success(var query) = ListQuery.parse([("q", q), ("limit", "5")], type: store.view(type, for: actor)) else { continue }
                query.limit = 5
                let page = try await store.list(type, query: query, actor: actor)
                if page.records.isEmpty { continue }
                var formatter = ValueFormatter(user: user)
                try await formatter.prepare(page.records, type: type, store: store, admin: deps.admin, actor: actor)
                let detailField = type.fields.first { if case .reference = $0.kind { return true } else { return false } }
                var group: [String: Any] = [
                    "name": type.name, "heading": user.typeName(type),
                    "items": page.records.map { r in
                        var item: [String: Any] = ["href": "/\(type.name)/\(r.id)", "title": r.fields[type.titleField]?.stringValue ?? "—"]
                        if let detailField {
                            let d = formatter.text(r.fields[detailField.name], field: detailField)
                            if !d.isEmpty { item["detail"] = d }
                        }
                        return item
                    },
                ]
                if page.nextCursor != nil { group["more"] = "/\(type.name)?q=\(PageRenderer.percent(q))" }
                groups.append(group)
            }
        }
        return deps.renderApp("search", user: user, title: user.t("search_title"), values: ["q": q, "searchQuery": q, "groups": groups])
    }

    @Sendable func trash(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let user = try await deps.pageUser(request) else { return PageRenderer.redirect("/signin") }
        let actor = user.actor(context)
        var rows: [(String, [String: Any])] = []
        let formatter = ValueFormatter(user: user)
        for base in store.catalog.types {
            let type = try await store.type(named: base.name)
            for (r, at) in try await store.trash(type, limit: 50, actor: actor) {
                rows.append((at, [
                    "type": type.name, "id": r.id, "title": r.fields[type.titleField]?.stringValue ?? "—", "typeLabel": user.typeName(type, one: true),
                    "when": formatter.instant(at), "csrf": user.session.csrfToken,
                ]))
            }
        }
        return deps.renderApp("trash", user: user, title: user.t("trash"), values: ["rows": rows.sorted { $0.0 > $1.0 }.map(\.1)], current: "trash")
    }
}
