import Foundation
import HTTPTypes
import Hummingbird
import RapportKit
import RapportStore

/// A list's selection: change the owner, add a tag, move to the trash or export the chosen
/// records in one audited operation, through the engine's rights and checks.
extension RecordPages {
    /// The bulk actions the user's role allows on this type, and what they need.
    func bulkValues(type: RecordType, user: PageUser) async throws -> [String: Any] {
        let role = user.viewer.role
        var actions: [(String, String)] = []
        var owners: [[String: Any]] = []
        let mayUpdate = role.allows(.update, on: type.name)
        if mayUpdate && type.hasOwner {
            owners = try await deps.admin.users().filter { $0.active && user.viewer.mayAssign(type, to: $0.id) }
                .map { ["id": $0.id, "name": $0.name] }
            if !owners.isEmpty { actions.append(("owner", user.t("bulk_owner"))) }
        }
        let canTag = mayUpdate && store.view(type, for: Actor(userID: user.user.id, viewer: user.viewer)).fields.contains { $0.kind == .tags }
        if canTag { actions.append(("tag", user.t("bulk_tag"))) }
        let fields = mayUpdate ? Self.bulkFields(store.view(type, for: Actor(userID: user.user.id, viewer: user.viewer)), user: user) : []
        if !fields.isEmpty { actions.append(("field", user.t("bulk_field"))) }
        if role.allows(.export, on: type.name) { actions.append(("export", user.t("bulk_export"))) }
        if role.allows(.delete, on: type.name) { actions.append(("delete", user.t("bulk_delete"))) }
        if mayUpdate && role.allows(.delete, on: type.name) { actions.append(("merge", user.t("bulk_merge"))) }
        return [
            "bulkActions": actions.map { ["value": $0.0, "label": $0.1] }, "bulkOwners": owners, "canTag": canTag,
            "ownerLabel": user.t("field.owner_id"),
            "bulkFields": fields.map { ["name": $0.name, "label": user.fieldLabel($0)] },
        ]
    }

    /// `POST /{type}/bulk`.
    @Sendable func bulk(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await deps.post(request) { user, posted in
            let type = try await recordType(context)
            let actor = user.actor(context)
            let ids = posted.values["ids"] ?? []
            let back = Self.localPath(posted.fields["back"]) ?? "/\(type.name)"
            if posted.fields["action"] == "field" {
                return try await bulkField(request, context: context, user: user, type: type, posted: posted, ids: ids, back: back)
            }
            do {
                switch posted.fields["action"] ?? "" {
                case "owner":
                    try await store.apply(.update(JSONObject([("owner_id", .string(posted.fields["owner_id"] ?? ""))])), to: type, ids: ids, actor: actor)
                case "tag":
                    try await store.apply(.addTag((posted.fields["tag"] ?? "").trimmedWhitespace), to: type, ids: ids, actor: actor)
                case "delete":
                    try await store.apply(.delete, to: type, ids: ids, actor: actor)
                case "merge":
                    // Two records only: the side-by-side page shows both and asks first.
                    guard ids.count == 2, ids[0] != ids[1] else { return PageRenderer.redirect(Self.adding(("bulk_error", "merge_two"), to: back)) }
                    return PageRenderer.redirect("/\(type.name)/merge?" + Self.encode(ids.map { ("ids", $0) }))
                case "export":
                    guard !ids.isEmpty else { throw RecordError.invalid([FieldError(field: "ids", code: "required", message: "Choose at least one record.")]) }
                    return try exportView(type, query: nil, ids: Array(ids.prefix(RecordStore.bulkLimit)), actor: actor)
                default:
                    throw RecordError.invalid([FieldError(field: "action", code: "invalid_choice", message: "Unknown bulk action.")])
                }
            } catch let error as RecordError {
                return PageRenderer.redirect(try await bulkErrorLocation(error, type: type, ids: ids, actor: actor, back: back))
            }
            return PageRenderer.redirect(Self.adding(("notice", "bulk_done"), to: back))
        }
    }

    /// The records of a list view (or a selection) as CSV, through the export's rights.
    func exportView(_ type: RecordType, query: ListQuery?, ids: [String]? = nil, actor: Actor) throws -> Response {
        try store.require(.export, type, actor)
        let store = self.store
        return Response(
            status: .ok,
            headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(type.name).csv\""],
            body: ResponseBody { writer in
                let count = try await store.export(type, format: .csv, actor: actor, view: query, ids: ids) { chunk in
                    try await writer.write(ByteBuffer(string: chunk))
                }
                try await store.recordExport(type: type.name, format: "csv", count: count, actor: actor)
                try await writer.finish(nil)
            })
    }

    /// `back` as a path on this site, or nil: a form must not send anyone elsewhere.
    static func localPath(_ text: String?) -> String? {
        guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), !text.contains("\\") else { return nil }
        return text
    }

    static func adding(_ param: (String, String), to path: String) -> String {
        path + (path.contains("?") ? "&" : "?") + "\(PageRenderer.percent(param.0))=\(PageRenderer.percent(param.1))"
    }

    /// "1,234", or "10,000+" when the list holds more than was counted.
    static func countText(_ count: ListCount, user: PageUser) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.locale = Locale(identifier: user.language)
        switch count {
        case .exactly(let n): return formatter.string(from: NSNumber(value: n)) ?? String(n)
        case .atLeast(let n): return (formatter.string(from: NSNumber(value: n)) ?? String(n)) + "+"
        }
    }

    /// Whether a list may be sorted by the column: what the API would accept.
    static func sortable(_ field: FieldSpec, in type: RecordType) -> Bool {
        ["updated_at", "created_at"].contains(field.name) || type.field(field.name)?.isSortable == true
    }

    static func sameKind(_ a: FieldKind, _ b: FieldKind) -> Bool {
        switch (a, b) {
        case (.number, .number), (.money, .money): true
        default: false
        }
    }
}
