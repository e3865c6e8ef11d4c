import Foundation
import HTTPTypes
import Hummingbird
import RapportKit
import RapportStore

/// The attachments API, for every record type at once:
/// `GET|POST /api/v1/{type}/{id}/attachments`, `GET|DELETE /api/v1/attachments/{id}` and
/// `GET /api/v1/attachments/{id}/content`.
struct AttachmentRoutes {
    let attachments: AttachmentStore

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get("attachments/:id", use: read)
        group.delete("attachments/:id", use: delete)
        group.get("attachments/:id/content", use: content)
        group.get(":type/:id/attachments", use: list)
        group.post(":type/:id/attachments", use: upload)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let type = try await attachments.records.type(named: context.parameters.get("type") ?? "")
        try QueryString.expectNone(request)
        let files = try await attachments.list(type, id: context.parameters.get("id") ?? "", actor: context.actor)
        return .json(.object(JSONObject([("data", .array(files.map { .object($0.json) }))])))
    }

    /// The file is the body (`?name=` or `Content-Disposition` names it) or the `file`
    /// part of a `multipart/form-data` form. Permission and the record are checked before
    /// a byte is read.
    @Sendable func upload(_ request: Request, context: AppRequestContext) async throws -> Response {
        let type = try await attachments.records.type(named: context.parameters.get("type") ?? "")
        let id = context.parameters.get("id") ?? ""
        var name: String?
        for (key, value) in try QueryString.parse(request.uri.query) {
            guard key == "name" else {
                throw Problem.badRequest("Unknown query parameter '\(key)'.", errors: [FieldError(field: key, code: "unknown_parameter", message: "Uploads take name.")])
            }
            name = value
        }
        try await attachments.checkCanAdd(type, id: id, actor: context.actor)
        let received = try await AttachmentUpload.read(request, store: attachments, queryName: name)
        let stored = try await attachments.add(type, id: id, fileName: received.fileName, upload: received.upload, actor: context.actor)
        return .json(.object(stored.json), status: .created, headers: [.location: "/api/v1/attachments/\(stored.id)", .eTag: "\"\(stored.sha256)\""])
    }

    @Sendable func read(_ request: Request, context: AppRequestContext) async throws -> Response {
        try QueryString.expectNone(request)
        let (attachment, _) = try await attachments.find(context.parameters.get("id") ?? "", actor: context.actor)
        return .json(.object(attachment.json), headers: [.eTag: "\"\(attachment.sha256)\""])
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        try QueryString.expectNone(request)
        _ = try await attachments.delete(context.parameters.get("id") ?? "", actor: context.actor)
        return Response(status: .noContent)
    }

    /// The bytes, always as a download: the sniffed type, `nosniff`, a policy that runs
    /// nothing and a sandbox, so even a file a browser would render cannot act on
    /// Rapport's origin. The checksum is the ETag: the content behind an id never changes.
    @Sendable func content(_ request: Request, context: AppRequestContext) async throws -> Response {
        try QueryString.expectNone(request)
        let (attachment, _) = try await attachments.find(context.parameters.get("id") ?? "", actor: context.actor)
        return try await Self.download(attachment, attachments.contentPath(attachment), request, context: context)
    }

    /// A file as a download that the browser never runs or renders in the page's origin
    /// (a sandboxing policy and `attachment`), revalidated by its checksum. Staff and the
    /// requester portal serve files the same way.
    static func download(_ attachment: Attachment, _ path: String?, _ request: Request, context: AppRequestContext) async throws -> Response {
        let etag = "\"\(attachment.sha256)\""
        var headers: HTTPFields = [
            .eTag: etag, .cacheControl: "private, no-cache",
            .init("Content-Security-Policy")!: "default-src 'none'; sandbox",
        ]
        if request.headers[.ifNoneMatch] == etag { return Response(status: .notModified, headers: headers) }
        guard let path else {
            throw Problem(.gone, "File missing", detail: "The file's content is no longer stored.")
        }
        headers[.contentType] = attachment.contentType
        headers[.contentDisposition] = ContentDisposition.attachment(fileName: attachment.fileName)
        let body = try await FileIO().loadFile(path: path, context: context)
        return Response(status: .ok, headers: headers, body: body)
    }
}
