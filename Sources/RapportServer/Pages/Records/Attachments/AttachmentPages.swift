import Foundation
import Hummingbird
import RapportKit
import RapportStore

/// The page posts behind the Attachments panel: `POST /{type}/{id}/attachments` (a
/// `multipart/form-data` upload carrying the CSRF token as a field) and
/// `POST /attachments/{id}/delete`. Both answer with the record page again, saying what
/// happened, so they work without JavaScript.
struct AttachmentPages {
    let deps: PageDependencies

    func register(on router: Router<AppRequestContext>) {
        router.post("attachments/:id/delete", use: delete)
        router.post(":type/:id/attachments", use: upload)
    }

    @Sendable func upload(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let user = try await deps.pageUser(request) else { return PageRenderer.redirect("/signin") }
        let actor = user.actor(context)
        do {
            let type = try await deps.store.type(named: context.parameters.get("type") ?? "")
            let id = context.parameters.get("id") ?? ""
            let back = "/\(type.name)/\(id)"
            func outcome(_ key: String, _ value: String) -> Response {
                PageRenderer.redirect("\(back)?\(key)=\(value)#attachments")
            }
            try await deps.attachments.checkCanAdd(type, id: id, actor: actor)
            guard MultipartForm.boundary(contentType: request.headers[.contentType] ?? "") != nil else { return outcome("attachment_error", "unreadable") }
            let received: AttachmentUpload
            do {
                received = try await AttachmentUpload.read(request, store: deps.attachments, queryName: nil)
            } catch let problem as Problem {
                return outcome("attachment_error", problem.status == .contentTooLarge ? "too_large" : problem.status == .unprocessableContent ? "required" : "unreadable")
            }
            guard let sent = received.fields["_csrf"], SessionCookie.same(sent, user.session.csrfToken) else {
                unlink(received.upload.path)
                return deps.refused(request, language: user.language)
            }
            do {
                _ = try await deps.attachments.add(type, id: id, fileName: received.fileName, upload: received.upload, actor: actor)
            } catch RecordError.invalid(let errors) {
                let code = errors.first?.code ?? ""
                return outcome("attachment_error", ["empty", "too_many", "required"].contains(code) ? code : "name")
            }
            return outcome("attachment_notice", "added")
        } catch let error as RecordError {
            if let page = deps.errorPage(error, user: user) { return page }
            throw error
        }
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await deps.post(request) { user, _ in
            do {
                let removed = try await deps.attachments.delete(context.parameters.get("id") ?? "", actor: user.actor(context))
                return PageRenderer.redirect("/\(removed.recordType)/\(removed.recordID)?attachment_notice=deleted#attachments")
            } catch let error as RecordError {
                if let page = deps.errorPage(error, user: user) { return page }
                throw error
            }
        }
    }
}
