import Foundation
import HTTPTypes
import Hummingbird
import RapportKit
import RapportStore

/// The JSON API of every record type, from its description alone:
/// `/api/v1/{type}` and `/api/v1/{type}/{id}` with list, create, read, update, delete,
/// timeline, merge and export.
struct RecordRoutes {
    let store: RecordStore

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get(":type", use: list)
        group.post(":type", use: create)
        group.post(":type/merge", use: merge)
        group.get(":type/export", use: export)
        group.get(":type/:id", use: read)
        group.patch(":type/:id", use: update)
        group.delete(":type/:id", use: delete)
        group.get(":type/:id/timeline", use: timeline)
    }

    func recordType(_ context: AppRequestContext) async throws -> RecordType {
        try await store.type(named: context.parameters.get("type") ?? "")
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let type = try await recordType(context)
        let params = try QueryString.parse(request.uri.query)
        let shown = store.view(type, for: context.actor)
        let query = try ListQuery.parse(params, type: shown).get()
        let page = try await store.list(type, query: query, actor: context.actor)
        return .json(.object(JSONObject([
            ("data", .array(page.records.map { .object($0.json(shown)) })),
            ("next_cursor", page.nextCursor.map(JSONValue.string) ?? .null),
        ])))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let type = try await recordType(context)
        let body = try await request.jsonObject(context: context)
        let record = try await store.create(type, body: body, actor: context.actor)
        return .json(.object(record.json(store.view(type, for: context.actor))), status: .created, headers: [
            .eTag: record.etag, .location: "/api/v1/\(type.name)/\(record.id)",
        ])
    }

    @Sendable func read(_ request: Request, context: AppRequestContext) async throws -> Response {
        let type = try await recordType(context)
        let record = try await store.get(type, id: context.parameters.get("id") ?? "", actor: context.actor)
        if let none = request.headers[.ifNoneMatch], none == record.etag {
            return Response(status: .notModified, headers: [.eTag: record.etag])
        }
        return .json(.object(record.json(store.view(type, for: context.actor))), headers: [.eTag: record.etag])
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let type = try await recordType(context)
        let id = context.parameters.get("id") ?? ""
        let ifMatch = try Self.ifMatch(request)
        let body = try await request.jsonObject(context: context)
        let record = try await store.update(type, id: id, body: body, ifMatch: ifMatch, actor: context.actor)
        return .json(.object(record.json(store.view(type, for: context.actor))), headers: [.eTag: record.etag])
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let type = try await recordType(context)
        try await store.delete(type, id: context.parameters.get("id") ?? "", ifMatch: try Self.ifMatch(request), actor: context.actor)
        return Response(status: .noContent)
    }

    @Sendable func timeline(_ request: Request, context: AppRequestContext) async throws -> Response {
        let type = try await recordType(context)
        var limit = 50
        var cursor: Cursor?
        for (key, value) in try QueryString.parse(request.uri.query) {
            switch key {
            case "limit":
                guard let n = Int(value), (1...ListQuery.maxLimit).contains(n) else {
                    throw Problem.badRequest("limit must be a whole number from 1 to \(ListQuery.maxLimit).", errors: [FieldError(field: "limit", code: "out_of_range", message: "1 to \(ListQuery.maxLimit).")])
                }
                limit = n
            case "cursor":
                guard let c = Cursor(encoded: value), c.sort == "timeline" else {
                    throw Problem.badRequest("The cursor is not one this server issued.", errors: [FieldError(field: "cursor", code: "invalid_cursor", message: "Start again without it.")])
                }
                cursor = c
            default:
                throw Problem.badRequest("Unknown query parameter '\(key)'.", errors: [FieldError(field: key, code: "unknown_parameter", message: "Timelines take limit and cursor.")])
            }
        }
        let page = try await store.timeline(type, id: context.parameters.get("id") ?? "", limit: limit, cursor: cursor, actor: context.actor)
        return .json(.object(JSONObject([
            ("data", .array(page.entries.map { .object($0.json) })),
            ("next_cursor", page.nextCursor.map(JSONValue.string) ?? .null),
        ])))
    }

    /// `POST /api/v1/{type}/merge` with `{ "survivor_id": …, "duplicate_id": …, "fields": { "name": "duplicate" } }`;
    /// `fields` is optional and says, per field, whose value survives.
    @Sendable func merge(_ request: Request, context: AppRequestContext) async throws -> Response {
        let type = try await recordType(context)
        let body = try await request.jsonObject(context: context)
        var errors: [FieldError] = []
        for key in body.keys where !["survivor_id", "duplicate_id", "fields"].contains(key) {
            errors.append(FieldError(field: key, code: "unknown_field", message: "A merge takes survivor_id, duplicate_id and fields."))
        }
        let survivor = body["survivor_id"]?.stringValue, duplicate = body["duplicate_id"]?.stringValue
        if survivor == nil { errors.append(FieldError(field: "survivor_id", code: "required", message: "The id of the record to keep.")) }
        if duplicate == nil { errors.append(FieldError(field: "duplicate_id", code: "required", message: "The id of the record merged into it.")) }
        let (choices, choiceErrors) = MergeChoices.parse(body["fields"])
        errors += choiceErrors
        if !errors.isEmpty { throw RecordError.invalid(errors) }
        let record = try await store.merge(type, survivorID: survivor!, duplicateID: duplicate!, choices: choices, actor: context.actor)
        return .json(.object(record.json(store.view(type, for: context.actor))), headers: [.eTag: record.etag])
    }

    /// Streams every record as CSV or JSON Lines.
    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        let type = try await recordType(context)
        var format = ExportFormat.csv
        for (key, value) in try QueryString.parse(request.uri.query) {
            guard key == "format", let f = ExportFormat(rawValue: value) else {
                throw Problem.badRequest("Export takes format=csv or format=jsonl.", errors: [FieldError(field: key, code: "invalid_parameter", message: "format is csv or jsonl.")])
            }
            format = f
        }
        let store = self.store
        let actor = context.actor
        let chosen = format
        // Refused before the response starts, so a forbidden export is a 403, not a cut stream.
        try store.require(.export, type, actor)
        let contentType = format == .csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8"
        return Response(
            status: .ok,
            headers: [.contentType: contentType, .contentDisposition: "attachment; filename=\"\(type.name).\(format.rawValue)\""],
            body: ResponseBody { writer in
                let count = try await store.export(type, format: chosen, actor: actor) { chunk in
                    try await writer.write(ByteBuffer(string: chunk))
                }
                try await store.recordExport(type: type.name, format: chosen.rawValue, count: count, actor: actor)
                try await writer.finish(nil)
            })
    }

    /// `If-Match: "3"` (or `W/"3"`, or `*`); a malformed value is a 400, not a silent skip.
    static func ifMatch(_ request: Request) throws -> Int? {
        guard var value = request.headers[.ifMatch]?.trimmedWhitespace else { return nil }
        if value == "*" { return nil }
        if value.hasPrefix("W/") { value.removeFirst(2) }
        guard value.count >= 3, value.hasPrefix("\""), value.hasSuffix("\""), let n = Int(value.dropFirst().dropLast()), n > 0 else {
            throw Problem.badRequest("If-Match must be an ETag this server sent, such as \"3\".", errors: [FieldError(field: "If-Match", code: "invalid_header", message: "Use the ETag of the record.")])
        }
        return n
    }
}
