import Foundation
import Hummingbird
import NIOCore
import RapportKit
import RapportStore

/// The import wizard every importable type gets: upload a CSV file, map its columns to
/// fields (guessed from the headers in any page language), check it with a dry run, then
/// import it. The rows go through the store's ``RecordStore/importCSV`` exactly as the
/// API's import does, with the importer's grants, hidden fields and visible references.
struct ImportPages {
    let deps: PageDependencies
    let uploads = ImportUploads()
    var store: RecordStore { deps.store }

    /// What a multipart form may carry besides the file.
    static let formOverhead = 64 * 1024
    /// Row errors shown on the page; the counts say how many there were in all.
    static let shownErrors = 20

    func register(on router: Router<AppRequestContext>) {
        router.get(":type/import", use: form)
        router.post(":type/import", use: upload)
        router.post(":type/import/run", use: run)
    }

    /// The link on a list page, for roles that may import and create the type.
    static let listAction = ListPageAction(type: "*", href: "/{type}/import", labelKey: "import_action", grants: [.import, .create])

    /// `GET /{type}/import`: step 1, or step 2 for `?file=` a file the user uploaded.
    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await RecordPages(deps: deps).page(request) { user in
            let type = try await store.type(named: context.parameters.get("type") ?? "")
            let actor = user.actor(context)
            try Self.requireImport(store, type, actor)
            if let token = request.uri.queryParameters.get("file") {
                guard let bytes = uploads.read(token: token, userID: user.user.id), let rows = try? CSVRowList(parsing: bytes).rows, let header = rows.first else {
                    return renderUpload(user, type: type, error: user.t("import_file_gone"), status: .notFound)
                }
                let mapping = guessMapping(header.fields, type: type, actor: actor)
                return renderMapping(user, type: type, actor: actor, token: token, rows: rows, mapping: mapping, onDuplicate: .skip, report: nil, formError: nil)
            }
            return renderUpload(user, type: type, error: nil, status: .ok)
        }
    }

    /// `POST /{type}/import`: the multipart upload; a readable CSV file is kept and the
    /// mapping step shown, anything else answered on step 1 with what is wrong.
    @Sendable func upload(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await RecordPages(deps: deps).page(request) { user in
            let type = try await store.type(named: context.parameters.get("type") ?? "")
            let actor = user.actor(context)
            try Self.requireImport(store, type, actor)
            func refuse(_ key: String, _ status: HTTPResponse.Status = .unprocessableContent) -> Response {
                renderUpload(user, type: type, error: user.t(key), status: status)
            }
            guard let boundary = MultipartForm.boundary(contentType: request.headers[.contentType] ?? "") else { return refuse("import_error_form", .badRequest) }
            if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > Self.maxForm { return refuse("import_error_too_large", .contentTooLarge) }
            let buffer: ByteBuffer
            do {
                buffer = try await request.body.collect(upTo: Self.maxForm)
            } catch is NIOTooManyBytesError {
                return refuse("import_error_too_large", .contentTooLarge)
            }
            let bytes = Array(buffer.readableBytesView)
            guard let parsed = try? MultipartForm(bytes, boundary: boundary) else { return refuse("import_error_form", .badRequest) }
            let csrf = parsed.parts.first { $0.name == "_csrf" && $0.fileName == nil && $0.range.count <= 256 }.map { MultipartForm.text($0, in: bytes) }
            guard let csrf, SessionCookie.same(csrf, user.session.csrfToken) else { return deps.refused(request, language: user.language) }
            guard let file = parsed.parts.first(where: { $0.name == "file" && !($0.fileName ?? "").isEmpty }), !file.range.isEmpty else { return refuse("import_error_no_file") }
            guard file.range.count <= ImportUploads.maxBytes else { return refuse("import_error_too_large", .contentTooLarge) }
            let content = bytes[file.range]
            guard Self.looksLikeCSV(content), let rows = try? CSVRowList(parsing: content).rows else { return refuse("import_error_not_csv") }
            guard let header = rows.first, header.fields.contains(where: { !$0.trimmedWhitespace.isEmpty }) else { return refuse("import_error_empty") }
            guard rows.count > 1 else { return refuse("import_error_no_rows") }
            let token = try uploads.save(content, userID: user.user.id, now: deps.now())
            return PageRenderer.redirect("/\(type.name)/import?file=\(token)")
        }
    }

    /// `POST /{type}/import/run`: step 3 (`step=dry_run`: the row report, nothing written)
    /// or step 4 (`step=import`: the rows written, the file removed, the final report).
    @Sendable func run(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await RecordPages(deps: deps).postPage(request, context) { user, type, posted in
            let actor = user.actor(context)
            try Self.requireImport(store, type, actor)
            let token = posted.fields["file"] ?? ""
            guard let bytes = uploads.read(token: token, userID: user.user.id), let rows = try? CSVRowList(parsing: bytes).rows, let header = rows.first else {
                return renderUpload(user, type: type, error: user.t("import_file_gone"), status: .notFound)
            }
            let choices = fieldChoices(type: type, actor: actor)
            let allowed = Set(choices.map(\.name))
            var mapping: [String?] = []
            var options = ImportOptions()
            for (i, column) in header.fields.enumerated() {
                let picked = posted.fields["map.\(i)"] ?? ""
                let field = allowed.contains(picked) ? picked : nil
                mapping.append(field)
                options.mapping[column.trimmedWhitespace] = field ?? "-"
            }
            let onDuplicate = ImportOptions.OnDuplicate(rawValue: posted.fields["on_duplicate"] ?? "") ?? .skip
            options.onDuplicate = onDuplicate
            let dryRun = posted.fields["step"] != "import"
            options.dryRun = dryRun
            func again(_ error: String?, report: [String: Any]? = nil, status: HTTPResponse.Status) -> Response {
                renderMapping(user, type: type, actor: actor, token: token, rows: rows, mapping: mapping, onDuplicate: onDuplicate, report: report, formError: error, status: status)
            }
            guard mapping.contains(where: { $0 != nil }) else { return again(user.t("import_error_nothing_mapped"), status: .unprocessableContent) }
            let started = Timestamp.format(deps.now().addingTimeInterval(-1))
            let summary: ImportSummary
            do {
                summary = try await store.importCSV(type, rows: CSVRowList(rows: rows), options: options, actor: actor)
            } catch let error as ImportError {
                switch error {
                case .duplicateColumns(let headers, _):
                    return again(user.t("import_error_same_field").replacingOccurrences(of: "%@", with: headers.joined(separator: ", ")), status: .unprocessableContent)
                default:
                    return again(user.t("import_error_not_csv"), status: .unprocessableContent)
                }
            }
            let report = reportValues(summary, user: user, type: type, createdSince: dryRun ? nil : started)
            if dryRun { return again(nil, report: report, status: .ok) }
            uploads.remove(token: token, userID: user.user.id)
            return deps.renderApp("import_done", user: user, title: user.t("import_title"), values: [
                "heading": user.t("import_heading").replacingOccurrences(of: "%@", with: user.typeName(type)), "typeName": type.name,
                "report": report, "steps": steps(user, current: 4),
            ], current: type.name)
        }
    }

    static var maxForm: Int { ImportUploads.maxBytes + formOverhead }

    static func requireImport(_ store: RecordStore, _ type: RecordType, _ actor: Actor) throws {
        try store.require(.import, type, actor)
        try store.require(.create, type, actor)
    }

    /// A file a spreadsheet saved as CSV: UTF-8 text (a byte-order mark allowed), not a
    /// workbook, an image or UTF-16 that happens to parse.
    static func looksLikeCSV(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard !bytes.contains(0) else { return false }
        return String(validating: bytes, as: UTF8.self) != nil
    }

    /// The fields a column may fill: those the importer may see and write, and the owner.
    func fieldChoices(type: RecordType, actor: Actor) -> [FieldSpec] {
        RecordStore.mergeChoosable(store.view(type, for: actor)) + (type.hasOwner ? [FieldSpec("owner_id", .user)] : [])
    }

    /// The first guess of each column's field, from the field labels of every language.
    func guessMapping(_ headers: [String], type: RecordType, actor: Actor) -> [String?] {
        let candidates = fieldChoices(type: type, actor: actor).map { field in
            ImportColumnGuess.Candidate(field: field.name, words: [field.name, field.label] + PageStrings.languages.compactMap {
                field.isCustom ? nil : PageStrings.catalogs[$0]?["field.\(field.name)"]
            })
        }
        return ImportColumnGuess.guess(headers: headers, candidates: candidates)
    }

    func steps(_ user: PageUser, current: Int) -> [[String: Any]] {
        ["import_step_upload", "import_step_map", "import_step_check", "import_step_import"].enumerated().map { i, key in
            ["label": user.t(key), "number": i + 1, "current": i + 1 == current, "done": i + 1 < current] as [String: Any]
        }
    }

    func renderUpload(_ user: PageUser, type: RecordType, error: String?, status: HTTPResponse.Status) -> Response {
        var values: [String: Any] = [
            "heading": user.t("import_heading").replacingOccurrences(of: "%@", with: user.typeName(type)), "typeName": type.name,
            "steps": steps(user, current: 1),
            "limitText": user.t("import_file_hint").replacingOccurrences(of: "%@", with: ByteCountDisplay.format(Int64(ImportUploads.maxBytes), language: user.language)),
        ]
        if let error { values["fileError"] = error }
        return deps.renderApp("import_upload", user: user, title: user.t("import_title"), values: values, current: type.name, status: status)
    }

    func renderMapping(_ user: PageUser, type: RecordType, actor: Actor, token: String, rows: [CSVRow], mapping: [String?],
                       onDuplicate: ImportOptions.OnDuplicate, report: [String: Any]?, formError: String?, status: HTTPResponse.Status = .ok) -> Response {
        let header = rows.first?.fields ?? []
        let choices = fieldChoices(type: type, actor: actor)
        let columns: [[String: Any]] = header.enumerated().map { i, name -> [String: Any] in
            let sample = rows.dropFirst().prefix(5).lazy.compactMap { $0.fields.indices.contains(i) ? $0.fields[i].trimmedWhitespace : nil }.first { !$0.isEmpty } ?? ""
            let chosen = mapping.indices.contains(i) ? mapping[i] : nil
            let skip: [String: Any] = ["value": "", "label": user.t("import_skip"), "selected": chosen == nil]
            let options: [[String: Any]] = [skip] + choices.map { field -> [String: Any] in
                ["value": field.name, "label": field.name == "owner_id" ? user.t("field.owner_id") : user.fieldLabel(field), "selected": chosen == field.name]
            }
            return ["index": i, "header": name.trimmedWhitespace.isEmpty ? "—" : name.trimmedWhitespace, "sample": sample, "options": options, "skipped": chosen == nil]
        }
        let mayUpdate = user.viewer.role.allows(.update, on: type.name)
        var values: [String: Any] = [
            "heading": user.t("import_heading").replacingOccurrences(of: "%@", with: user.typeName(type)), "typeName": type.name,
            "file": token, "columns": columns, "rowCount": String(rows.count - 1),
            "rowsText": user.t("import_rows_in_file").replacingOccurrences(of: "%d", with: String(rows.count - 1)),
            "steps": steps(user, current: report == nil ? 2 : 3),
            "duplicateChoices": ([ImportOptions.OnDuplicate.skip] + (mayUpdate ? [.update] : [])).map { choice in
                ["value": choice.rawValue, "label": user.t("import_duplicate_\(choice.rawValue)"), "checked": choice == onDuplicate] as [String: Any]
            },
        ]
        if let report { values["report"] = report }
        if let formError { values["formError"] = formError }
        return deps.renderApp("import_map", user: user, title: user.t("import_title"), values: values, current: type.name, status: status)
    }

    /// Counts and the first row errors, each reason in the reader's language when the
    /// engine named its code.
    func reportValues(_ summary: ImportSummary, user: PageUser, type: RecordType, createdSince: String?) -> [String: Any] {
        let counts: [(String, Int)] = [
            ("import_count_create", summary.created), ("import_count_update", summary.updated),
            ("import_count_skip", summary.skipped), ("import_count_fail", summary.failed),
        ]
        var out: [String: Any] = [
            "dryRun": summary.dryRun, "hasErrors": !summary.errors.isEmpty,
            "counts": counts.map { ["label": user.t($0.0), "value": $0.1, "bad": $0.0 == "import_count_fail" && $0.1 > 0] as [String: Any] },
            "errors": summary.errors.prefix(Self.shownErrors).map { e in
                ["row": e.row, "column": e.column == "-" ? "—" : e.column, "reason": e.code.flatMap { user.strings["error.\($0)"] } ?? e.reason] as [String: Any]
            },
            "moreErrors": summary.errors.count > Self.shownErrors
                ? user.t("import_more_errors").replacingOccurrences(of: "%d", with: String(summary.errors.count - Self.shownErrors)) : "",
            "relatedText": summary.relatedCreated > 0 ? user.t("import_related_created").replacingOccurrences(of: "%d", with: String(summary.relatedCreated)) : "",
        ]
        if let createdSince, summary.created > 0 {
            out["createdHref"] = "/\(type.name)?" + RecordPages.encode([("filter[created_at][gte]", createdSince), ("sort", "-created_at")])
        }
        return out
    }
}
