import Foundation
import Hummingbird
import RapportKit
import RapportStore

/// The Attachments panel of every record page: the files with size, who and when, a
/// download link each, an upload form and delete buttons for those who may update the
/// record. Works without JavaScript: the form posts `multipart/form-data` and the page
/// comes back with the outcome.
struct AttachmentSection: RecordPagePanel {
    /// Outcomes the upload and delete posts report back through the page's query.
    static let errors = ["too_large", "empty", "required", "too_many", "name", "unreadable"]
    static let notices = ["added", "deleted"]

    func render(_ request: Request, type: RecordType, record: StoredRecord, user: PageUser, actor: Actor, deps: PageDependencies) async throws -> String? {
        let files = try await deps.attachments.list(type, id: record.id, actor: actor)
        let canChange = user.viewer.role.allows(.update, on: type.name)
        var formatter = ValueFormatter(user: user)
        try await formatter.prepare([], type: type, store: deps.store, admin: deps.admin, actor: actor)
        let limit = ByteCountDisplay.format(Int64(deps.attachments.maxBytes), language: user.language)
        var values: [String: Any] = [
            "files": files.map { file -> [String: Any] in
                let who = file.createdBy.flatMap { formatter.userNames[$0] }
                return [
                    "name": file.fileName, "href": "/api/v1/attachments/\(file.id)/content", "at": file.createdAt, "when": formatter.relative(file.createdAt),
                    "meta": ([ByteCountDisplay.format(file.size, language: user.language)] + (who.map { [$0] } ?? [])).joined(separator: " · "),
                    "deleteAction": "/attachments/\(file.id)/delete", "canDelete": canChange,
                ]
            },
            "count": files.isEmpty ? "" : String(files.count), "canAdd": canChange, "action": "/\(type.name)/\(record.id)/attachments",
            "csrf": user.session.csrfToken, "limitHint": user.t("attachment_limit").replacingOccurrences(of: "%@", with: limit),
        ]
        let params = try QueryString.parse(request.uri.query)
        if let code = params.first(where: { $0.0 == "attachment_error" })?.1, Self.errors.contains(code) {
            values["error"] = user.t("attachment_error_\(code)").replacingOccurrences(of: "%@", with: limit)
        }
        if let what = params.first(where: { $0.0 == "attachment_notice" })?.1, Self.notices.contains(what) {
            values["notice"] = user.t("attachment_\(what)")
        }
        return deps.renderer.fragment("attachments", language: user.language, values: values)
    }
}

extension RecordPages {
    /// The files of the activities a timeline shows, ready for the template, by activity
    /// id: a call's recording or a meeting's slides appear under the entry.
    func timelineFiles(_ timeline: TimelinePage, user: PageUser) async throws -> [String: [[String: Any]]] {
        let ids = timeline.entries.compactMap { $0.json["activity"]?.objectValue?["id"]?.stringValue }
        let found = try await deps.attachments.files(of: Activities.type.name, ids: ids)
        return found.mapValues { files in
            files.map { ["name": $0.fileName, "href": "/api/v1/attachments/\($0.id)/content", "size": ByteCountDisplay.format($0.size, language: user.language)] }
        }
    }
}
