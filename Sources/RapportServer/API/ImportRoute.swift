import Hummingbird
import NIOCore
import RapportKit
import RapportStore

/// `POST /api/v1/{type}/import`: the CLI's CSV import over HTTP, with the same rules,
/// report and all-or-nothing transaction.
struct ImportRoute {
    let store: RecordStore
    /// CSV uploads may be larger than JSON bodies; beyond this, use `rapport import`.
    static let maxBytes = 50 << 20

    func register(on group: RouterGroup<AppRequestContext>) {
        group.post(":type/import", use: handle)
    }

    @Sendable func handle(_ request: Request, context: AppRequestContext) async throws -> Response {
        let type = try await store.type(named: context.parameters.get("type") ?? "")
        // Before the upload is read: a role without the right does not get to send 50 MiB.
        try store.require(.import, type, context.actor)
        if let contentType = request.headers[.contentType]?.lowercased(), !contentType.hasPrefix("text/csv") {
            throw Problem(.unsupportedMediaType, "Unsupported media type", detail: "Send the file as text/csv.")
        }
        var options = ImportOptions()
        for (key, value) in try QueryString.parse(request.uri.query) {
            switch key {
            case "on_duplicate":
                guard let v = ImportOptions.OnDuplicate(rawValue: value) else {
                    throw Problem.badRequest("on_duplicate is skip or update.", errors: [FieldError(field: key, code: "invalid_choice", message: "skip or update")])
                }
                options.onDuplicate = v
            case "dry_run", "strict":
                guard value == "true" || value == "false" else {
                    throw Problem.badRequest("\(key) is true or false.", errors: [FieldError(field: key, code: "invalid_type", message: "true or false")])
                }
                if key == "dry_run" { options.dryRun = value == "true" } else { options.strict = value == "true" }
            default:
                guard key.hasPrefix("map["), key.hasSuffix("]"), key.count > 5 else {
                    throw Problem.badRequest("Unknown query parameter '\(key)'.", errors: [FieldError(field: key, code: "unknown_parameter", message: "Use on_duplicate, dry_run, strict or map[Header]=field.")])
                }
                options.mapping[String(key.dropFirst(4).dropLast())] = value.isEmpty ? "-" : value
            }
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: Self.maxBytes)
        } catch is NIOTooManyBytesError {
            throw Problem(.contentTooLarge, "File too large", detail: "Upload at most 50 MiB per request, or use `rapport import` on the server.")
        }
        let rows: CSVRowList
        do {
            rows = try CSVRowList(parsing: buffer.readableBytesView)
        } catch {
            throw Problem.badRequest("The file is not valid CSV: line \(error.line): \(error.message).")
        }
        let summary: ImportSummary
        do {
            summary = try await store.importCSV(type, rows: rows, options: options, actor: context.actor)
        } catch let error as ImportError {
            switch error {
            case .invalidRows(let s):
                throw Problem(.unprocessableContent, "Invalid rows", detail: error.description,
                              errors: s.errors.map { FieldError(field: "row \($0.row), \($0.column)", code: "invalid", message: $0.reason) })
            case .duplicateColumns(let headers, _):
                throw Problem(.unprocessableContent, "Cannot map the file", detail: error.description,
                              errors: headers.map { FieldError(field: $0, code: "duplicate_column", message: error.description) })
            case .unknownColumns, .emptyFile:
                throw Problem(.unprocessableContent, "Cannot map the file", detail: error.description)
            }
        }
        return .json(.object(JSONObject([
            ("rows", .number(String(summary.rows))), ("created", .number(String(summary.created))),
            ("updated", .number(String(summary.updated))), ("skipped", .number(String(summary.skipped))),
            ("failed", .number(String(summary.failed))), ("related_created", .number(String(summary.relatedCreated))),
            ("dry_run", .bool(summary.dryRun)), ("committed", .bool(summary.committed)),
            ("errors", .array(summary.errors.map { e in
                .object(JSONObject([("row", .number(String(e.row))), ("column", .string(e.column)), ("reason", .string(e.reason))]))
            })),
        ])))
    }
}
