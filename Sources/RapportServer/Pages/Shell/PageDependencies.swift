import Foundation
import HTTPTypes
import Hummingbird
import RapportKit
import RapportStore
import Synchronization

/// What the page handlers share.
struct PageDependencies: Sendable {
    let store: RecordStore
    let admin: AccessAdmin
    let sessions: SessionStore
    let resets: PasswordResets
    let audit: AuditTrail
    let renderer: PageRenderer
    let throttle: SignInLimiter
    let secureCookies: Bool
    let notifications: NotificationStore
    /// The injectable time of ``ServerConfiguration/clock``.
    let clock: @Sendable () -> Date
    let attachments: AttachmentStore
    /// The time pages count from (days in stage, overdue close dates): the same clock.
    var now: @Sendable () -> Date { clock }

    /// The user's own language; before sign-in the one chosen on the page (`?lang=`, then
    /// kept in a cookie), else the browser's.
    func language(_ request: Request, user: User? = nil) -> String {
        let chosen = user?.language ?? Self.chosenLanguage(request)
        return PageStrings.language(acceptLanguage: request.headers[.acceptLanguage], preferred: chosen)
    }

    static let languageCookie = "rapport_lang"

    static func chosenLanguage(_ request: Request) -> String? {
        let asked = request.uri.queryParameters.get("lang")
        guard let value = asked ?? request.cookies[languageCookie]?.value, PageStrings.languages.contains(value) else { return nil }
        return value
    }

    /// Keeps a language chosen before sign-in for the next pages (the sign-in post).
    func languageCookie(_ request: Request) -> String? {
        guard let asked = request.uri.queryParameters.get("lang"), PageStrings.languages.contains(asked) else { return nil }
        return "\(Self.languageCookie)=\(asked); Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly" + (secureCookies ? "; Secure" : "")
    }

    /// The form fields of an `application/x-www-form-urlencoded` body (at most 1 MiB).
    func form(_ request: Request) async throws -> [String: String] {
        try await formValues(request).compactMapValues(\.last)
    }

    /// Every value of every field, for checkboxes that share a name.
    func formValues(_ request: Request) async throws -> [String: [String]] {
        let buffer = try await request.body.collect(upTo: 1 << 20)
        var out: [String: [String]] = [:]
        for (k, v) in try QueryString.parse(String(buffer: buffer)) { out[k, default: []].append(v) }
        return out
    }

    /// The signed-in session behind the request's cookie, if any.
    func session(_ request: Request) async throws -> PageSession? {
        guard let cookie = SessionCookie.value(in: request) else { return nil }
        return try await sessions.lookup(cookie)
    }

    /// A form posted from a signed-in page, its token checked against the session's.
    struct SignedInForm {
        var session: PageSession
        var fields: [String: String]
        var values: [String: [String]]
        var language: String
        var strings: [String: String]
    }

    enum FormCheck {
        case proceed(SignedInForm)
        /// Not signed in (to the sign-in page) or a missing or wrong token (403).
        case stop(Response)
    }

    func signedInForm(_ request: Request) async throws -> FormCheck {
        guard let session = try await session(request), !session.pendingTwoFactor else {
            return .stop(PageRenderer.redirect("/signin", cookies: [SessionCookie.clear(secure: secureCookies)]))
        }
        let values = try await formValues(request)
        let fields = values.compactMapValues(\.last)
        let language = language(request)
        guard let sent = fields["_csrf"], SessionCookie.same(sent, session.csrfToken) else { return .stop(refused(request, language: language)) }
        return .proceed(SignedInForm(session: session, fields: fields, values: values, language: language, strings: PageStrings.catalogs[language]!))
    }

    func refused(_ request: Request, language: String) -> Response {
        renderer.render("message", language: language, title: "forbidden_title", values: [
            "message": PageStrings.catalogs[language]?["csrf_refused"] ?? "",
        ], status: .forbidden)
    }
}

/// Failed sign-ins per account and per address, counted in the database so every
/// instance sees the same counts. Five wrong passwords for one account or twenty from one
/// address within fifteen minutes lock that key until the oldest failure is fifteen
/// minutes old. An attempt is counted before its password is checked, atomically with
/// the decision to let it through (``SignInFailures/admit(account:address:now:)``), and a
/// success gives the count back.
struct SignInLimiter: Sendable {
    let failures: SignInFailures
    /// Seconds since 1970; tests move it.
    let clock: @Sendable () -> Double

    init(db: Database, clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) {
        self.failures = SignInFailures(db: db)
        self.clock = clock
    }

    func admit(account: String, address: String?) async throws -> SignInFailures.Admission {
        try await failures.admit(account: account, address: address, now: clock())
    }

    func succeeded(_ attempt: SignInFailures.Attempt) async throws {
        try await failures.succeeded(attempt)
    }
}

/// Forms that exist before a session (sign-in, reset) carry a token that must match a
/// cookie set with the form: a page on another site can neither read nor set it.
enum FormToken {
    static let cookie = "rapport_form"

    static func issue(_ request: Request) -> (token: String, setCookie: String?) {
        if let existing = request.cookies[cookie]?.value, existing.utf8.count == 64 { return (existing, nil) }
        var generator = SystemRandomNumberGenerator()
        let token = Hex.encode((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
        return (token, "\(cookie)=\(token); Path=/; HttpOnly; SameSite=Strict")
    }

    static func valid(_ request: Request, form: [String: String]) -> Bool {
        guard let sent = form["_csrf"], let held = request.cookies[cookie]?.value, held.utf8.count == 64 else { return false }
        return SessionCookie.same(sent, held)
    }
}

extension PageDependencies {
    /// The records of `typeName` a list `query` finds for the reader, as a page section
    /// shows them beside a record; nil when the reader's role does not read the type.
    func readable(_ typeName: String, _ query: [(String, String)], user: PageUser, actor: Actor) async throws -> [StoredRecord]? {
        guard user.viewer.role.allows(.read, on: typeName) else { return nil }
        let type = try await store.type(named: typeName)
        guard case .success(let parsed) = ListQuery.parse(query, type: store.view(type, for: actor)) else { return [] }
        return try await store.list(type, query: parsed, actor: actor).records
    }
}
