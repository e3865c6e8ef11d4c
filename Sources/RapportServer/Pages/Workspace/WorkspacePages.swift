import Foundation
import HTTPTypes
import Hummingbird
import RapportKit
import RapportStore

/// The global search, the trash and the profile settings.
struct WorkspacePages {
    let deps: PageDependencies
    var store: RecordStore { deps.store }
    var records: RecordPages { RecordPages(deps: deps) }

    func register(on router: Router<AppRequestContext>) {
        router.get("search", use: search)
        router.get("trash", use: trash)
        router.get("settings", use: settings)
        router.post("settings/profile", use: saveProfile)
        router.post("settings/away", use: saveAway)
        router.post("settings/language", use: switchLanguage)
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
