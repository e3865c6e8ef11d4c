import Foundation
import HTTPTypes
import Hummingbird
import RapportKit
import RapportStore

/// The pages every record type gets from its description: list, record and forms.
struct RecordPages {
    let deps: PageDependencies
    var store: RecordStore { deps.store }

    func register(on router: Router<AppRequestContext>) {
        router.get(":type", use: list)
        router.post(":type", use: create)
        router.get(":type/new", use: newForm)
        router.post(":type/views", use: saveView)
        router.post(":type/bulk", use: bulk)
        router.get(":type/:id", use: show)
        router.post(":type/:id", use: update)
        router.get(":type/:id/edit", use: editForm)
        router.post(":type/:id/delete", use: delete)
        router.post(":type/:id/restore", use: restore)
        router.post(":type/:id/activities", use: addActivity)
        router.get(":type/:id/move", use: moveForm)
        router.post(":type/:id/move", use: move)
        registerInline(on: router)
    }

    /// Runs a page for a signed-in user; signed-out visitors go to the sign-in page, and a
    /// record they may not see or do is a page, not a stack trace.
    func page(_ request: Request, _ body: (PageUser) async throws -> Response) async throws -> Response {
        guard let user = try await deps.pageUser(request) else { return PageRenderer.redirect("/signin") }
        do {
            return try await body(user)
        } catch let error as RecordError {
            if let response = deps.errorPage(error, user: user) { return response }
            throw error
        }
    }

    /// A page's form post: signed in, with a valid form token, else the sign-in page or the
    /// refusal ``PageDependencies/signedInForm(_:)`` answers with; then as ``page(_:_:)``.
    func formPost(_ request: Request, _ body: (PageUser, PageDependencies.SignedInForm) async throws -> Response) async throws -> Response {
        try await page(request) { user in
            switch try await deps.signedInForm(request) {
            case .proceed(let posted): return try await body(user, posted)
            case .stop(let response): return response
            }
        }
    }

    /// `POST /deals/{id}/move`: the board's stage change; other types have no board.
    @Sendable func move(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard context.parameters.get("type") == Deals.type.name else { throw HTTPError(.notFound) }
        return try await DealMovePage(deps: deps).move(request, context: context)
    }

    /// `GET /deals/{id}/move`: the move sheet of a deal.
    @Sendable func moveForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard context.parameters.get("type") == Deals.type.name else { throw HTTPError(.notFound) }
        return try await DealMovePage(deps: deps).form(request, context: context)
    }

    /// A form post on a record type's page: signed in, token checked, then `body`.
    func postPage(_ request: Request, _ context: AppRequestContext, _ body: (PageUser, RecordType, PageDependencies.SignedInForm) async throws -> Response) async throws -> Response {
        try await page(request) { user in
            let type = try await recordType(context)
            switch try await deps.signedInForm(request) {
            case .proceed(let posted): return try await body(user, type, posted)
            case .stop(let response): return response
            }
        }
    }

    func recordType(_ context: AppRequestContext) async throws -> RecordType {
        try await store.type(named: context.parameters.get("type") ?? "")
    }

    // MARK: List

    /// Bookkeeping columns a list may show.
    static let systemColumns = [FieldSpec("updated_at", .dateTime), FieldSpec("created_at", .dateTime), FieldSpec("owner_id", .user)]

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await page(request) { user in
            let type = try await recordType(context)
            let actor = user.actor(context)
            try store.require(.read, type, actor)
            let shown = store.view(type, for: actor)
            let params = try QueryString.parse(request.uri.query)
            var api: [(String, String)] = [("limit", "50")]
            var q = "", sort = "-updated_at", chosen: [String] = []
            for (key, value) in params {
                switch key {
                case "q": q = value; if !value.trimmedWhitespace.isEmpty { api.append((key, value)) }
                case "sort": sort = value
                case "cursor": api.append((key, value))
                case "col": chosen.append(value)
                case "format": continue
                default: if key.hasPrefix("filter["), !value.isEmpty { api.append((key, value)) }
                }
            }
            // Relevance order when searching, unless a sort was asked for.
            if q.trimmedWhitespace.isEmpty || params.contains(where: { $0.0 == "sort" }) { api.append(("sort", sort)) }
            guard case .success(let query) = ListQuery.parse(api, type: shown) else { return PageRenderer.redirect("/\(type.name)") }
            if params.contains(where: { $0 == ("format", "csv") }) { return try exportView(type, query: query, actor: actor) }
            if params.contains(where: { $0 == ("format", "suggest") }) { return try await suggestions(type, query: query, user: user, actor: actor) }
            let result = try await store.list(type, query: query, actor: actor)
            var formatter = ValueFormatter(user: user)
            try await formatter.prepare(result.records, type: type, store: store, admin: deps.admin, actor: actor)

            let available = shown.fields.filter { $0.name != shown.titleField && !$0.isInternal } + Self.systemColumns.filter { $0.name != "owner_id" || type.hasOwner }
            var columns = chosen.compactMap { name in available.first { $0.name == name } }
            if columns.isEmpty { columns = type.listColumns.compactMap { name in available.first { $0.name == name } } }
            let title = shown.field(shown.titleField)
            let reading = shown.field("name_reading")
            let headers = [title.map(user.fieldLabel) ?? ""] + columns.map(user.fieldLabel)
            // Names sort by how they are read (the Japanese reading when there is one).
            let titleSort = shown.fields.first(where: { $0.isDerived && $0.name == "sort_name" })?.name ?? title?.name
            let kept = params.filter { $0.0 != "cursor" }
            let sortColumns: [String?] = [titleSort] + columns.map { Self.sortable($0, in: shown) ? $0.name : nil }
            let hasAvatars = type.showsAvatar
            let inline = Self.inlineFields(shown, user: user)
            let rows: [ListRow] = result.records.map { r in
                let titleText = title.map { formatter.text(r.fields[$0.name], field: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "—"
                let cells = columns.enumerated().map { i, c in
                    let value: JSONValue? = switch c.name {
                    case "updated_at": .string(r.updatedAt)
                    case "created_at": .string(r.createdAt)
                    case "owner_id": r.ownerID.map(JSONValue.string)
                    default: r.fields[c.name]
                    }
                    // Bookkeeping times read as "5 min ago" in a list; the record shows them whole.
                    let parts = ["updated_at", "created_at"].contains(c.name)
                        ? value.flatMap(\.stringValue).map { [ValuePart(text: formatter.relative($0))] } ?? []
                        : formatter.parts(value, field: c)
                    return ListCell(label: headers[i + 1], parts: parts, edit: inline.contains(c.name) ? c.name : nil)
                }
                return ListRow(id: r.id, etag: r.etag, title: titleText, reading: reading.map { formatter.text(r.fields[$0.name], field: $0) } ?? "",
                               initials: hasAvatars ? Initials.of(titleText) : "", color: Initials.colorIndex(for: r.id, count: DesignTokens.avatars.count), cells: cells)
            }
            let columnHeads: [[String: Any]] = headers.enumerated().map { i, label in
                var head: [String: Any] = ["label": label, "num": i > 0 && [.number, .money].contains(where: { Self.sameKind(columns[i - 1].kind, $0) })]
                if let name = sortColumns[i] {
                    let ascending = sort == name, descending = sort == "-" + name
                    let next = ascending ? "-" + name : name
                    head["href"] = "/\(type.name)?" + Self.encode(kept.filter { $0.0 != "sort" } + [("sort", next)])
                    if ascending || descending {
                        head["sort"] = ascending ? "ascending" : "descending"
                        head["arrow"] = ascending ? "↑" : "↓"
                    }
                }
                return head
            }
            var filters: [[String: Any]] = []
            for field in shown.fields {
                guard case .choice(let options) = field.kind else { continue }
                let param = "filter[\(field.name)]"
                let current = params.first { $0.0 == param }?.1 ?? ""
                filters.append([
                    "name": field.name, "param": param, "label": user.fieldLabel(field),
                    "options": [["value": "", "label": user.t("any"), "selected": current.isEmpty] as [String: Any]]
                        + options.map { ["value": $0, "label": user.choiceLabel(field.name, $0), "selected": $0 == current] as [String: Any] },
                ])
            }
            if type.hasOwner {
                let current = params.first { $0.0 == "filter[owner_id]" }?.1 ?? ""
                filters.append([
                    "name": "owner_id", "param": "filter[owner_id]", "label": user.t("field.owner_id"),
                    "options": [["value": "", "label": user.t("owner_anyone"), "selected": current.isEmpty] as [String: Any],
                                ["value": user.user.id, "label": user.t("mine"), "selected": current == user.user.id]],
                ])
            }
            let queryString = Self.encode(kept)
            let views = try await SavedViews(db: store.db).list(userID: user.user.id, type: type.name).map { ["name": $0.name, "href": "/\(type.name)?\($0.query)"] }
            let count = try await store.count(type, query: query, actor: actor)
            var values: [String: Any] = [
                "heading": user.typeName(type), "typeName": type.name, "q": q, "has_rows": !rows.isEmpty, "columns": columnHeads,
                "filters": filters, "sortValue": params.contains(where: { $0.0 == "sort" }) ? sort : "",
                "choosable": available.map { ["name": $0.name, "label": user.fieldLabel($0), "checked": columns.contains($0)] as [String: Any] },
                "canCreate": user.viewer.role.allows(.create, on: type.name), "queryString": queryString, "views": views,
                "pageActions": ListPageActions.actions(for: type, user: user),
                "empty": user.t(q.isEmpty && query.filters.isEmpty ? "no_records" : "no_matches"),
                "emptyAction": user.t("add_first").replacingOccurrences(of: "%@", with: user.typeName(type, one: true)),
                "countText": count.map { Self.countText($0, user: user) } ?? "",
                "canExport": user.viewer.role.allows(.export, on: type.name),
                "exportHref": "/\(type.name)?" + Self.encode(kept.filter { $0.0 != "col" } + [("format", "csv")]),
                "backHref": "/\(type.name)" + (queryString.isEmpty ? "" : "?" + queryString),
            ]
            let bulk = try await bulkValues(type: type, user: user)
            values.merge(bulk) { _, new in new }
            let selectable = !((bulk["bulkActions"] as? [Any])?.isEmpty ?? true)
            values["rowsHTML"] = ListRowsHTML(typeName: type.name, avatars: hasAvatars, selectable: selectable).render(rows)
            if let next = result.nextCursor { values["nextPage"] = "/\(type.name)?" + Self.encode(kept + [("cursor", next)]) }
            if query.cursor != nil { values["firstPage"] = "/\(type.name)?" + queryString }
            values["notice"] = notice(params, user: user, type: type)
            return deps.renderApp("list", user: user, title: user.typeName(type), values: values, current: type.name)
        }
    }

    /// The status line after a change, with an undo button after a delete.
    func notice(_ params: [(String, String)], user: PageUser, type: RecordType) -> [String: Any]? {
        if let id = params.first(where: { $0.0 == "deleted" })?.1, RecordID.isValid(id) {
            return ["text": user.t("deleted_notice"), "undo": "/\(type.name)/\(id)/restore"]
        }
        if let what = params.first(where: { $0.0 == "notice" })?.1, ["created", "saved", "restored", "view_saved", "bulk_done", "merged", "email_queued"].contains(what) {
            if what == "email_queued" { return ["text": user.t("compose_queued")] }
            return ["text": user.t(["view_saved", "bulk_done"].contains(what) ? what : "\(what)_notice")]
        }
        if params.contains(where: { $0 == ("bulk_error", "forbidden_records") }), let n = params.first(where: { $0.0 == "bulk_count" }).flatMap({ Int($0.1) }) {
            return ["text": user.t("bulk_failed") + " " + user.t("bulk_forbidden_records").replacingOccurrences(of: "%d", with: String(n)), "bad": true]
        }
        if let code = params.first(where: { $0.0 == "bulk_error" })?.1 {
            let reason = code == "none_selected" ? user.t("bulk_none_selected") : user.strings["error.\(code)"] ?? user.t("error.invalid")
            return ["text": user.t("bulk_failed") + " " + reason, "bad": true]
        }
        return nil
    }

    static func encode(_ params: [(String, String)]) -> String {
        params.map { "\(PageRenderer.percent($0.0))=\(PageRenderer.percent($0.1))" }.joined(separator: "&")
    }

    /// `POST /{type}/views`: saves the list's current query under a name.
    @Sendable func saveView(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await postPage(request, context) { user, type, posted in
            let query = posted.fields["query"] ?? ""
            try await SavedViews(db: store.db).save(userID: user.user.id, type: type.name, name: posted.fields["name"] ?? "", query: query)
            return PageRenderer.redirect("/\(type.name)?" + (query.isEmpty ? "" : query + "&") + "notice=view_saved")
        }
    }
}
