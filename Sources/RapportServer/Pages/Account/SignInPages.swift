import Foundation
import HTTPTypes
import Hummingbird
import RapportKit
import RapportStore

/// `/signin`, `/signin/two-factor` and `/signout`.
struct SignInPages {
    let deps: PageDependencies

    func register(on router: Router<AppRequestContext>) {
        router.get("signin", use: form)
        router.post("signin", use: signIn)
        router.get("signin/two-factor", use: twoFactorForm)
        router.post("signin/two-factor", use: twoFactor)
        router.post("signout", use: signOut)
    }

    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let session = try await deps.session(request), !session.pendingTwoFactor { return PageRenderer.redirect("/") }
        let language = deps.language(request)
        var values: [String: Any] = [:]
        if let done = try QueryString.parse(request.uri.query).first(where: { $0.0 == "done" }) {
            values["notice"] = PageStrings.catalogs[language]?[done.1 == "reset" ? "reset_done" : "password_changed"] ?? ""
        }
        return page(request, language: language, values: values)
    }

    func page(_ request: Request, language: String, values: [String: Any], status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        let (token, cookie) = FormToken.issue(request)
        var headers = headers
        if let cookie { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        if let chosen = deps.languageCookie(request) { headers.append(HTTPField(name: .setCookie, value: chosen)) }
        var values = values
        values["csrf"] = token
        return deps.renderer.render("signin", language: language, title: "sign_in", values: values, status: status, headers: headers)
    }

    @Sendable func signIn(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = deps.language(request)
        let form = try await deps.form(request)
        guard FormToken.valid(request, form: form) else { return deps.refused(request, language: language) }
        let email = (form["email"] ?? "").trimmedWhitespace.lowercased()
        let password = form["password"] ?? ""
        let strings = PageStrings.catalogs[language]!
        let attempt: SignInFailures.Attempt
        switch try await deps.throttle.admit(account: email, address: context.address) {
        case .wait(let wait):
            return page(request, language: language, values: [
                "email": email, "error": PageStrings.tooManyAttempts(language, wait: wait),
            ], status: .tooManyRequests, headers: [.retryAfter: String(wait)])
        case .admitted(let admitted): attempt = admitted
        }
        let credentials = try await deps.admin.credentials(email: email)
        var hash = credentials?.passwordHash ?? ""
        if hash.isEmpty { hash = try await Passwords.decoy(cost: deps.admin.passwordCost) }
        let matches = try await Passwords.verify(password, hash: hash)
        // A wrong password keeps the count its attempt took.
        guard let credentials, matches, credentials.passwordHash != nil, credentials.user.active else {
            try await deps.audit.record("signin.failed", type: "users", id: credentials?.user.id, changes: JSONObject([("email", .string(email))]), actor: actor(context, userID: nil))
            return page(request, language: language, values: ["email": email, "error": strings["wrong_credentials"]!], status: .unauthorized)
        }
        try await deps.throttle.succeeded(attempt)
        let pending = credentials.totpSecret != nil
        let (cookie, _) = try await deps.sessions.create(userID: credentials.user.id, pendingTwoFactor: pending, address: context.address, userAgent: request.headers[.userAgent])
        if !pending {
            try await deps.audit.record("signin", type: "users", id: credentials.user.id, actor: actor(context, userID: credentials.user.id))
        }
        return PageRenderer.redirect(pending ? "/signin/two-factor" : "/", cookies: [SessionCookie.set(cookie, secure: deps.secureCookies)])
    }

    @Sendable func twoFactorForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let session = try await deps.session(request), session.pendingTwoFactor else { return PageRenderer.redirect("/signin") }
        return deps.renderer.render("two_factor", language: deps.language(request), title: "two_factor_title", values: ["csrf": session.csrfToken])
    }

    /// The second step: the pending session is replaced by a full one, so a session id
    /// seen before the code was entered is worth nothing afterwards.
    @Sendable func twoFactor(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = deps.language(request)
        guard let cookie = SessionCookie.value(in: request), let session = try await deps.sessions.lookup(cookie), session.pendingTwoFactor else {
            return PageRenderer.redirect("/signin")
        }
        let form = try await deps.form(request)
        guard let sent = form["_csrf"], SessionCookie.same(sent, session.csrfToken) else { return deps.refused(request, language: language) }
        let strings = PageStrings.catalogs[language]!
        let account = session.identity.email
        let attempt: SignInFailures.Attempt
        switch try await deps.throttle.admit(account: account, address: context.address) {
        case .wait(let wait):
            return deps.renderer.render("two_factor", language: language, title: "two_factor_title", values: [
                "csrf": session.csrfToken, "error": PageStrings.tooManyAttempts(language, wait: wait),
            ], status: .tooManyRequests, headers: [.retryAfter: String(wait)])
        case .admitted(let admitted): attempt = admitted
        }
        let credentials = try await deps.admin.credentials(userID: session.identity.userID)
        if let secret = credentials?.totpSecret, let step = TwoFactor.matchingStep(secret: secret, code: form["code"] ?? ""),
           try await deps.admin.spendTwoFactorStep(userID: session.identity.userID, step: step) {
            try await deps.throttle.succeeded(attempt)
            try await deps.sessions.end(cookie)
            let (fresh, _) = try await deps.sessions.create(userID: session.identity.userID, pendingTwoFactor: false, address: context.address, userAgent: request.headers[.userAgent])
            try await deps.audit.record("signin", type: "users", id: session.identity.userID, changes: JSONObject([("two_factor", .bool(true))]), actor: actor(context, userID: session.identity.userID))
            return PageRenderer.redirect("/", cookies: [SessionCookie.set(fresh, secure: deps.secureCookies)])
        }
        try await deps.audit.record("signin.failed", type: "users", id: session.identity.userID, changes: JSONObject([("two_factor", .bool(true))]), actor: actor(context, userID: nil))
        return deps.renderer.render("two_factor", language: language, title: "two_factor_title", values: ["csrf": session.csrfToken, "error": strings["wrong_code"]!], status: .unauthorized)
    }

    @Sendable func signOut(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session: PageSession
        switch try await deps.signedInForm(request) {
        case .proceed(let posted): session = posted.session
        case .stop(let response): return response
        }
        if let cookie = SessionCookie.value(in: request) { try await deps.sessions.end(cookie) }
        try await deps.audit.record("signout", type: "users", id: session.identity.userID, actor: actor(context, userID: session.identity.userID))
        return PageRenderer.redirect("/signin", cookies: [SessionCookie.clear(secure: deps.secureCookies)])
    }

    func actor(_ context: AppRequestContext, userID: String?) -> Actor {
        Actor(userID: userID, requestID: context.requestID, address: context.address)
    }
}
