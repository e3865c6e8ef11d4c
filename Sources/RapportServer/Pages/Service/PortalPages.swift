import Foundation
import HTTPTypes
import Hummingbird
import RapportKit
import RapportStore

/// `/portal`: where requesters read and answer their tickets without an account. Signing
/// in is a link sent by mail (``RequesterPortal``); asking for one is limited per address
/// and per network address like the public form, and the link's page asks for a click
/// before it spends the link, so a mail scanner opening it signs nobody in. The portal's
/// cookie is its own (`rapport_portal`, only sent to `/portal`), never a staff session.
struct PortalPages {
    let deps: PageDependencies
    var portal: RequesterPortal { RequesterPortal(store: deps.store, now: deps.clock) }
    /// Five links per address and twenty per network address an hour.
    var limits: SignInFailures { SignInFailures(db: deps.store.db, accountLimit: 5, addressLimit: 20, window: 3600) }

    static let cookie = "rapport_portal"

    func register(on router: Router<AppRequestContext>) {
        router.get("portal", use: signInPage)
        router.post("portal", use: askForLink)
        router.get("portal/link/:secret", use: linkPage)
        router.post("portal/link/:secret", use: useLink)
        router.get("portal/tickets", use: list)
        router.get("portal/tickets/new", use: newTicket)
        router.post("portal/tickets", use: open)
        router.get("portal/tickets/:id", use: show)
        router.post("portal/tickets/:id/reply", use: reply)
        router.post("portal/signout", use: signOut)
        router.get("portal/files/:id", use: file)
    }

    // MARK: Signing in

    @Sendable func signInPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        if try await session(request) != nil { return PageRenderer.redirect("/portal/tickets") }
        return anonymous(request, values: ["signIn": true], status: .ok)
    }

    @Sendable func askForLink(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await deps.form(request)
        let language = anonymousLanguage(request)
        guard FormToken.valid(request, form: form) else { return deps.refused(request, language: language) }
        let email = (form["email"] ?? "").trimmedWhitespace
        guard let address = Email.normalize(email) else {
            return anonymous(request, values: ["signIn": true, "email": email, "emailError": words(language)["webform_error.invalid_email"] ?? ""],
                             status: .unprocessableContent)
        }
        if case .wait(let seconds) = try await limits.admit(account: "portal:" + address, address: "portal:" + (context.address ?? "unknown"),
                                                            now: deps.now().timeIntervalSince1970) {
            var response = anonymous(request, values: [
                "signIn": true, "email": email,
                "error": (words(language)["webform_wait"] ?? "%d").replacingOccurrences(of: "%d", with: String(max(1, (seconds + 59) / 60))),
            ], status: .tooManyRequests)
            response.headers[.retryAfter] = String(seconds)
            return response
        }
        switch try await portal.requestLink(email: address) {
        case .accepted:
            let text = (words(language)["portal_check_mail"] ?? "%@").replacingOccurrences(of: "%@", with: address)
                .replacingOccurrences(of: "%d", with: String(Int(RequesterPortal.linkLifetime / 60)))
            return anonymous(request, values: ["checkMail": text], status: .ok)
        case .notSetUp:
            return anonymous(request, values: ["signIn": true, "email": email, "error": words(language)["portal_not_set_up"] ?? ""], status: .serviceUnavailable)
        }
    }

    @Sendable func linkPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let secret = context.parameters.get("secret") ?? ""
        guard try await portal.linkIsLive(secret) else { return anonymous(request, values: ["deadLink": true], status: .gone) }
        return anonymous(request, values: ["confirm": true, "action": "/portal/link/\(secret)"], status: .ok)
    }

    @Sendable func useLink(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await deps.form(request)
        guard FormToken.valid(request, form: form) else { return deps.refused(request, language: anonymousLanguage(request)) }
        guard let (cookie, _) = try await portal.signIn(link: context.parameters.get("secret") ?? "", address: context.address) else {
            return anonymous(request, values: ["deadLink": true], status: .gone)
        }
        let lifetime = Int(RequesterPortal.sessionLifetime)
        return PageRenderer.redirect("/portal/tickets", cookies: [
            "\(Self.cookie)=\(cookie); Path=/portal; HttpOnly; SameSite=Lax; Max-Age=\(lifetime)" + (deps.secureCookies ? "; Secure" : ""),
        ])
    }

    @Sendable func signOut(_ request: Request, context: AppRequestContext) async throws -> Response {
        switch try await signedInForm(request) {
        case .stop(let response): return response
        case .proceed(let session, _, _, _):
            try await portal.signOut(session)
            return PageRenderer.redirect("/portal", cookies: ["\(Self.cookie)=; Path=/portal; HttpOnly; SameSite=Lax; Max-Age=0" + (deps.secureCookies ? "; Secure" : "")])
        }
    }

    // MARK: Tickets

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let session = try await session(request) else { return PageRenderer.redirect("/portal") }
        let language = language(request, session)
        let dates = Self.formatter(language, session)
        let tickets = try await portal.tickets(session)
        let rows: [[String: Any]] = tickets.map { t in
            var row: [String: Any] = ["href": "/portal/tickets/\(t.id)", "number": t.number, "subject": t.subject,
                                      "status": PortalAccess.shown(t.status).rawValue, "statusLabel": words(language)["portal_status.\(PortalAccess.shown(t.status).rawValue)"] ?? "",
                                      "updated": Self.format(t.updatedAt, dates), "updatedAt": t.updatedAt]
            if !t.mine { row["colleague"] = t.requesterName ?? "" }
            return row
        }
        return signedIn(request, session, language: language, values: ["list": true, "tickets": rows, "shares": session.organizationShares], status: .ok)
    }

    @Sendable func newTicket(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let session = try await session(request) else { return PageRenderer.redirect("/portal") }
        return try await newTicketPage(request, session, typed: [:], errors: [], status: .ok)
    }

    @Sendable func open(_ request: Request, context: AppRequestContext) async throws -> Response {
        switch try await signedInForm(request) {
        case .stop(let response): return response
        case .proceed(let session, let form, _, let files):
            defer { for file in files { unlink(file.upload.path) } }
            let group = (form["group_id"] ?? "").isEmpty ? nil : form["group_id"]
            do {
                let id = try await portal.open(subject: form["subject"] ?? "", body: form["body"] ?? "", groupID: group, session, address: context.address,
                                               files: files, blobs: deps.attachments.blobs)
                return PageRenderer.redirect("/portal/tickets/\(id)")
            } catch RecordError.invalid(let errors) {
                return try await newTicketPage(request, session, typed: form, errors: errors, status: .unprocessableContent)
            }
        }
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let session = try await session(request) else { return PageRenderer.redirect("/portal") }
        return try await ticketPage(request, session, id: context.parameters.get("id") ?? "", typed: "", error: nil, status: .ok)
    }

    @Sendable func reply(_ request: Request, context: AppRequestContext) async throws -> Response {
        switch try await signedInForm(request) {
        case .stop(let response): return response
        case .proceed(let session, let form, let language, let files):
            defer { for file in files { unlink(file.upload.path) } }
            let id = context.parameters.get("id") ?? ""
            do {
                guard let landed = try await portal.reply(to: id, body: form["body"] ?? "", session, address: context.address,
                                                          files: files, blobs: deps.attachments.blobs) else {
                    return missing(request, session, language: language)
                }
                return PageRenderer.redirect("/portal/tickets/\(landed)#latest")
            } catch RecordError.invalid(let errors) {
                let message = errors.first.map { words(language)["webform_error.\($0.code)"] ?? $0.message }
                return try await ticketPage(request, session, id: id, typed: form["body"] ?? "", error: message, status: .unprocessableContent)
            }
        }
    }

    // MARK: Pages

    func newTicketPage(_ request: Request, _ session: PortalSession, typed: [String: String], errors: [FieldError], status: HTTPResponse.Status) async throws -> Response {
        let language = language(request, session)
        let groups = try await portal.groups()
        var values: [String: Any] = ["compose": true, "subject": typed["subject"] ?? "", "body": typed["body"] ?? ""]
        if groups.count > 1 {
            values["groups"] = groups.map { ["id": $0.id, "name": $0.name, "selected": $0.id == typed["group_id"]] as [String: Any] }
        }
        for error in errors where values["\(error.field)Error"] == nil {
            values["\(error.field)Error"] = words(language)["webform_error.\(error.code)"] ?? error.message
        }
        if !errors.isEmpty { values["error"] = words(language)["webform_fix"] }
        return signedIn(request, session, language: language, values: values, status: status)
    }

    func ticketPage(_ request: Request, _ session: PortalSession, id: String, typed: String, error: String?, status: HTTPResponse.Status) async throws -> Response {
        let language = language(request, session)
        guard let (ticket, messages) = try await portal.conversation(id, session) else { return missing(request, session, language: language) }
        let dates = Self.formatter(language, session)
        let shown = PortalAccess.shown(ticket.status)
        var values: [String: Any] = [
            "ticket": true, "number": ticket.number, "subject": ticket.subject, "status": shown.rawValue,
            "statusLabel": words(language)["portal_status.\(shown.rawValue)"] ?? "", "opened": Self.format(ticket.createdAt, dates),
            "replyAction": "/portal/tickets/\(ticket.id)/reply", "body": typed,
        ]
        if ticket.status == .closed { values["closedNote"] = true }
        if let error { values["error"] = error }
        values["messages"] = messages.enumerated().map { i, m -> [String: Any] in
            [
                "side": m.fromRequester ? "requester" : "agent", "author": m.author ?? (words(language)[m.fromRequester ? "portal_you" : "portal_agent"] ?? ""),
                "body": m.body, "when": Self.format(m.createdAt, dates), "at": m.createdAt, "latest": i == messages.count - 1,
                "hasFiles": !m.files.isEmpty,
                "files": m.files.map { ["name": $0.fileName, "href": "/portal/files/\($0.id)", "size": ByteCountDisplay.format($0.size, language: language)] },
            ]
        }
        return signedIn(request, session, language: language, values: values, status: status)
    }

    /// `GET /portal/files/{id}`: a file of a public message the requester may see, as a
    /// download; anything else is the same 404.
    @Sendable func file(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let session = try await session(request) else { return PageRenderer.redirect("/portal") }
        guard let attachment = try await portal.file(context.parameters.get("id") ?? "", session) else {
            return missing(request, session, language: language(request, session))
        }
        return try await AttachmentRoutes.download(attachment, deps.attachments.contentPath(attachment), request, context: context)
    }

    func missing(_ request: Request, _ session: PortalSession, language: String) -> Response {
        signedIn(request, session, language: language, values: ["missing": true], status: .notFound)
    }

    /// A page for a signed-in requester: their name, the way back to their list, sign out.
    func signedIn(_ request: Request, _ session: PortalSession, language: String, values: [String: Any], status: HTTPResponse.Status) -> Response {
        var values = values
        values["portalSession"] = true
        values["me"] = session.name
        values["portalCsrf"] = session.csrfToken
        values["wide"] = true
        return render(values, language: language, status: status, headers: [:])
    }

    /// A page before sign-in, with the form token its form needs.
    func anonymous(_ request: Request, values: [String: Any], status: HTTPResponse.Status) -> Response {
        var values = values
        var headers: HTTPFields = [:]
        let (csrf, cookie) = FormToken.issue(request)
        values["csrf"] = csrf
        if let cookie { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        if let chosen = deps.languageCookie(request) { headers.append(HTTPField(name: .setCookie, value: chosen)) }
        return render(values, language: anonymousLanguage(request), status: status, headers: headers)
    }

    private func render(_ values: [String: Any], language: String, status: HTTPResponse.Status, headers: HTTPFields) -> Response {
        var values = values
        // A requester's way home is the portal, not the staff sign-in.
        values["brandHref"] = "/portal"
        var headers = headers
        headers[.cacheControl] = "no-store"
        // The link's secret is in the path: no other site may learn it from a Referer.
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        return deps.renderer.render("portal", language: language, title: "portal_title", values: values, status: status, headers: headers)
    }

    // MARK: Pieces

    func session(_ request: Request) async throws -> PortalSession? {
        guard let cookie = request.cookies[Self.cookie]?.value else { return nil }
        return try await portal.session(cookie)
    }

    enum FormCheck {
        /// The caller hands `files` to the message, or they are removed when it returns.
        case proceed(PortalSession, [String: String], language: String, files: [PendingFile])
        case stop(Response)
    }

    /// A form posted from a signed-in portal page (with files, as multipart), its token
    /// checked against the session's.
    func signedInForm(_ request: Request) async throws -> FormCheck {
        guard let session = try await session(request) else { return .stop(PageRenderer.redirect("/portal")) }
        let language = language(request, session)
        var form: [String: String]
        var files: [PendingFile] = []
        switch try await FilesForm.read(request, blobs: deps.attachments.blobs, maxFileBytes: deps.attachments.maxBytes) {
        case nil: form = try await deps.form(request)
        case .failure(.tooLarge): return .stop(Response(status: .contentTooLarge))
        case .failure(.unreadable): return .stop(Response(status: .badRequest))
        case .success(let posted):
            form = posted.fields
            files = posted.files
        }
        guard let sent = form["_csrf"], SessionCookie.same(sent, session.csrfToken) else {
            for file in files { unlink(file.upload.path) }
            return .stop(deps.refused(request, language: language))
        }
        return .proceed(session, form, language: language, files: files)
    }

    /// The language chosen on the page, else the requester's own, else the browser's.
    func language(_ request: Request, _ session: PortalSession) -> String {
        PageStrings.language(acceptLanguage: request.headers[.acceptLanguage], preferred: PageDependencies.chosenLanguage(request) ?? session.language)
    }

    func anonymousLanguage(_ request: Request) -> String {
        PageStrings.language(acceptLanguage: request.headers[.acceptLanguage], preferred: PageDependencies.chosenLanguage(request))
    }

    func words(_ language: String) -> [String: String] { PageStrings.catalogs[language] ?? PageStrings.catalogs["en"] ?? [:] }

    static func formatter(_ language: String, _ session: PortalSession) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: ["ko": "ko_KR", "ja": "ja_JP"][language] ?? "en_US")
        formatter.timeZone = session.timeZone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC")
        formatter.dateStyle = .medium
        formatter.timeStyle = .short
        return formatter
    }

    static func format(_ stamp: String, _ formatter: DateFormatter) -> String {
        guard let ms = Timestamp.parse(stamp) else { return stamp }
        return formatter.string(from: Date(timeIntervalSince1970: Double(ms) / 1000))
    }
}
