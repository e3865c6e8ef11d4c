import Foundation
import Hummingbird
import RapportKit
import RapportStore

/// Two records of one type side by side, to merge one into the other: which record
/// survives, which value of each differing field it keeps, and what comes along (timeline
/// entries, related records, files). The confirm posts to the same store merge as the API's
/// `POST /api/v1/{type}/merge` with `fields`, so both check and audit alike.
struct MergePages {
    let deps: PageDependencies
    var store: RecordStore { deps.store }

    func register(on router: Router<AppRequestContext>) {
        router.get(":type/merge", use: form)
        router.post(":type/merge", use: merge)
        router.get(":type/:id/duplicates", use: duplicates)
    }

    /// `GET /{type}/{id}/duplicates`: the records that look like this one, each with a
    /// link to compare and merge; only for types that offer it, to users who may merge.
    @Sendable func duplicates(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await RecordPages(deps: deps).page(request) { user in
            let type = try await store.type(named: context.parameters.get("type") ?? "")
            guard RecordPageSections.byType[type.name]?.contains(where: { $0 is PossibleDuplicates }) == true else { throw HTTPError(.notFound) }
            guard PossibleDuplicates.allowed(type, user: user) else { throw RecordError.forbidden("merge") }
            let actor = user.actor(context)
            let record = try await store.get(type, id: context.parameters.get("id") ?? "", actor: actor)
            let shown = store.view(type, for: actor)
            let title = record.fields[shown.titleField]?.stringValue ?? user.typeName(type, one: true)
            let found = try await PossibleDuplicates.find(record, type: type, user: user, actor: actor, deps: deps)
            let values: [String: Any] = [
                "heading": user.t("duplicates_page_heading").replacingOccurrences(of: "%@", with: title),
                "duplicates": found, "has_duplicates": !found.isEmpty,
                "backHref": "/\(type.name)/\(record.id)", "backTitle": title,
            ]
            return deps.renderApp("duplicates_page", user: user, title: user.t("duplicates_heading"), values: values, current: type.name, status: .ok)
        }
    }

    /// `GET /{type}/merge?ids=A&ids=B` (and `survivor=`): the side-by-side page.
    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await RecordPages(deps: deps).page(request) { user in
            let type = try await store.type(named: context.parameters.get("type") ?? "")
            let params = try QueryString.parse(request.uri.query)
            let ids = params.filter { $0.0 == "ids" }.map { $0.1 }
            guard ids.count == 2, ids[0] != ids[1] else {
                return PageRenderer.redirect(RecordPages.adding(("bulk_error", "merge_two"), to: "/\(type.name)"))
            }
            let survivor = params.first { $0.0 == "survivor" }.map { $0.1 }.flatMap { ids.contains($0) ? $0 : nil } ?? ids[0]
            return try await render(user, context: context, type: type, ids: (ids[0], ids[1]), survivor: survivor, picks: [:], formError: nil, status: .ok)
        }
    }

    /// `POST /{type}/merge`: `a`, `b`, `survivor` (one of them) and `field.<name>` = `a` or
    /// `b` for each field whose value the user chose.
    @Sendable func merge(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await RecordPages(deps: deps).postPage(request, context) { user, type, posted in
            let a = posted.fields["a"] ?? "", b = posted.fields["b"] ?? ""
            let survivor = posted.fields["survivor"] == b ? b : a
            let duplicate = survivor == a ? b : a
            var picks: [String: String] = [:]
            var choices: [String: MergeSide] = [:]
            for (key, value) in posted.fields where key.hasPrefix("field.") {
                let name = String(key.dropFirst(6))
                // `both` keeps every value of a list (the engine's rule when nothing is chosen).
                guard value == "a" || value == "b" || value == "both" else { continue }
                picks[name] = value
                if value != "both" { choices[name] = (value == "a" ? a : b) == survivor ? .survivor : .duplicate }
            }
            do {
                let merged = try await store.merge(type, survivorID: survivor, duplicateID: duplicate, choices: choices, actor: user.actor(context))
                return PageRenderer.redirect("/\(type.name)/\(merged.id)?notice=merged")
            } catch RecordError.invalid(let errors) {
                let message = errors.map { user.errorMessage($0) }.first ?? user.t("error.invalid")
                return try await render(user, context: context, type: type, ids: (a, b), survivor: survivor, picks: picks, formError: message, status: .unprocessableContent)
            }
        }
    }

    func render(_ user: PageUser, context: AppRequestContext, type: RecordType, ids: (String, String), survivor: String,
                picks: [String: String], formError: String?, status: HTTPResponse.Status) async throws -> Response {
        let actor = user.actor(context)
        let a = try await store.get(type, id: ids.0, actor: actor)
        let b = try await store.get(type, id: ids.1, actor: actor)
        let movesA = try await store.mergeMoves(type, duplicateID: a.id, actor: actor)
        let movesB = try await store.mergeMoves(type, duplicateID: b.id, actor: actor)
        let shown = store.view(type, for: actor)
        var formatter = ValueFormatter(user: user)
        try await formatter.prepare([a, b], type: type, store: store, admin: deps.admin, actor: actor)
        let titleField = shown.field(shown.titleField)
        func title(_ r: StoredRecord) -> String {
            let text = titleField.map { formatter.text(r.fields[$0.name], field: $0) } ?? ""
            return text.isEmpty ? user.typeName(type, one: true) : text
        }
        let survivorSide = survivor == a.id ? "a" : "b"
        var rows: [[String: Any]] = []
        for field in RecordStore.mergeChoosable(shown) {
            let va = a.fields[field.name] ?? .null, vb = b.fields[field.name] ?? .null
            let ta = formatter.text(va, field: field), tb = formatter.text(vb, field: field)
            if ta.isEmpty && tb.isEmpty { continue }
            let differs = Self.normalized(va) != Self.normalized(vb)
            // The survivor's value unless it is empty; what the user picked before wins.
            let survivorText = survivorSide == "a" ? ta : tb
            // Two different lists (emails, phones, tags) are kept whole unless the user
            // picks one: choosing a side by default would drop the other's addresses unseen.
            let unites = field.kind.isList && differs && !ta.isEmpty && !tb.isEmpty
            let fallback = unites ? "both" : survivorText.isEmpty ? (survivorSide == "a" ? "b" : "a") : survivorSide
            let picked = picks[field.name].flatMap { $0 != "both" || unites ? $0 : nil } ?? fallback
            rows.append([
                "name": field.name, "label": user.fieldLabel(field), "differs": differs,
                "a": ta.isEmpty ? "—" : ta, "b": tb.isEmpty ? "—" : tb, "aEmpty": ta.isEmpty, "bEmpty": tb.isEmpty,
                "aChecked": picked == "a", "bChecked": picked == "b", "unites": unites, "bothChecked": picked == "both",
                // A phone number never breaks across lines (the design system's rule); a list
                // of several may wrap between them.
                "aClass": ta.isEmpty ? "hint" : Self.unbroken(field, ta) ? "num" : "", "bClass": tb.isEmpty ? "hint" : Self.unbroken(field, tb) ? "num" : "",
                "aLabel": "\(user.fieldLabel(field)): \(ta.isEmpty ? "—" : ta)", "bLabel": "\(user.fieldLabel(field)): \(tb.isEmpty ? "—" : tb)",
            ])
        }
        func side(_ r: StoredRecord) -> [String: Any] {
            [
                "id": r.id, "title": title(r), "href": "/\(type.name)/\(r.id)", "survives": r.id == survivor,
                "created": user.t("merge_created").replacingOccurrences(of: "%@", with: formatter.relative(r.createdAt)),
            ]
        }
        // What each record would bring along if it were the one merged away.
        let moves: [[String: Any]] = [
            ["label": user.t("merge_moves_activities"), "a": movesA.activities, "b": movesB.activities],
            ["label": user.t("merge_moves_related"), "a": movesA.related, "b": movesB.related],
            ["label": user.t("merge_moves_files"), "a": movesA.attachments, "b": movesB.attachments],
        ]
        var values: [String: Any] = [
            "heading": user.t("merge_heading").replacingOccurrences(of: "%@", with: user.typeName(type)), "typeName": type.name,
            "a": side(a), "b": side(b), "rows": rows, "moves": moves,
            "backHref": "/\(type.name)",
        ]
        if let formError { values["formError"] = formError }
        return deps.renderApp("merge", user: user, title: user.t("merge_title"), values: values, current: type.name, status: status)
    }

    static func unbroken(_ field: FieldSpec, _ text: String) -> Bool {
        if case .phones = field.kind { return !text.contains(",") }
        return false
    }

    /// A value as compared for "differs": a list's order and empty values do not count.
    static func normalized(_ value: JSONValue) -> String {
        switch value {
        case .null: return ""
        case .array(let items): return items.isEmpty ? "" : items.map { $0.serialized() }.sorted().joined(separator: "\u{1F}")
        case .string(let s): return s.trimmedWhitespace
        default: return value.serialized()
        }
    }
}
