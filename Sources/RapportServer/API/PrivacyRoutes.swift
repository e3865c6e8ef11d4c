import Hummingbird
import RapportKit
import RapportStore

/// `GET /api/v1/people/{id}/export` and `POST /api/v1/people/{id}/erase`: a person's
/// right to see and to have erased what is stored about them. Registered for every type,
/// answered for types that hold people.
struct PrivacyRoutes {
    let store: RecordStore
    let attachments: AttachmentStore

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get(":type/:id/export", use: export)
        group.post(":type/:id/erase", use: erase)
    }

    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        let type = try await store.type(named: context.parameters.get("type") ?? "")
        try QueryString.expectNone(request)
        let id = context.parameters.get("id") ?? ""
        var document = try await store.exportPerson(type, id: id, actor: context.actor)
        // The files of the same records, bytes included.
        let merged = document["merged_from"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let activityIDs = document["activities"]?.arrayValue?.compactMap { $0.objectValue?["id"]?.stringValue } ?? []
        document["attachments"] = .array(try await attachments.exportEntries(type, ids: [id] + merged, activityIDs: activityIDs))
        return .json(.object(document), headers: [.contentDisposition: "attachment; filename=\"\(type.singular)-\(id).json\""])
    }

    @Sendable func erase(_ request: Request, context: AppRequestContext) async throws -> Response {
        let type = try await store.type(named: context.parameters.get("type") ?? "")
        try QueryString.expectNone(request)
        let id = context.parameters.get("id") ?? ""
        // Files first: once the person is erased they can no longer be found by it.
        let files = try await attachments.erase(type, id: id, actor: context.actor)
        let summary = try await store.erasePerson(type, id: id, actor: context.actor)
        return .json(.object(JSONObject([
            ("erased", .bool(true)), ("records", .number(String(summary.records))),
            ("activities", .number(String(summary.activities))), ("audit_entries", .number(String(summary.auditEntries))),
            ("attachments", .number(String(files))),
        ])))
    }
}
