import Foundation
import HTTPTypes
import Hummingbird
import RapportKit
import RapportStore

/// `/account`: who you are, two-step verification and your password. `/reset/<token>`:
/// the one-time link `rapport user reset` prints.
struct AccountPages {
    let deps: PageDependencies

    func register(on router: Router<AppRequestContext>) {
        router.get("account", use: account)
        router.post("account/two-factor", use: enableTwoFactor)
        router.post("account/password", use: changePassword)
        router.get("reset/:token", use: resetForm)
        router.post("reset/:token", use: reset)
    }

    func render(_ request: Request, session: PageSession, notice: String? = nil, error: String? = nil, secret: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        guard let page = try await deps.pageUser(request) else { return PageRenderer.redirect("/signin") }
        let user = page.user
        let language = page.language
        // Built-in roles have names in every language; custom roles show their own label.
        let builtInName = PageStrings.catalogs[language]?["role_\(user.role)"]
        var role = builtInName ?? user.role
        if builtInName == nil { role = try await deps.admin.directory.role(named: user.role)?.label ?? user.role }
        var values: [String: Any] = [
            "role": role,
            "user": ["name": user.name, "email": user.email, "two_factor": user.twoFactor] as [String: Any],
        ]
        if let notice { values["notice"] = notice }
        if let error { values["error"] = error }
        if !user.twoFactor && deps.admin.cipher == nil {
            // Offering a secret that could only be stored in plain text would be worse than
            // offering none: the page says what the administrator has to do instead.
            values["twoFactorNeedsKey"] = true
        } else if !user.twoFactor {
            let secret = secret ?? TwoFactor.newSecret()
            values["setupSecret"] = secret
            values["setupKey"] = TwoFactor.manualKey(secret: secret).grouped(by: 4)
            values["setupURL"] = TwoFactor.setupURL(secret: secret, account: user.email)
        }
        return deps.renderApp("account", user: page, title: page.t("account"), values: values, current: "settings", status: status)
    }

    func signedIn(_ request: Request) async throws -> PageSession? {
        guard let session = try await deps.session(request), !session.pendingTwoFactor else { return nil }
        return session
    }

    @Sendable func account(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let session = try await signedIn(request) else { return PageRenderer.redirect("/signin") }
        return try await render(request, session: session)
    }

    /// Turns two-step verification on once the user shows a code made from the offered key.
    @Sendable func enableTwoFactor(_ request: Request, context: AppRequestContext) async throws -> Response {
        let posted: PageDependencies.SignedInForm
        switch try await deps.signedInForm(request) {
        case .proceed(let p): posted = p
        case .stop(let response): return response
        }
        let (session, form, strings) = (posted.session, posted.fields, posted.strings)
        guard deps.admin.cipher != nil else {
            return try await render(request, session: session, error: strings["two_factor_needs_key"], status: .conflict)
        }
        guard let secret = form["secret"], secret.count == 32, secret.allSatisfy({ $0.isUppercase || ("2"..."7").contains($0) }) else {
            return try await render(request, session: session, error: strings["wrong_code"], status: .unprocessableContent)
        }
        guard let step = TwoFactor.matchingStep(secret: secret, code: form["code"] ?? "") else {
            return try await render(request, session: session, error: strings["wrong_code"], secret: secret, status: .unprocessableContent)
        }
        // Replacing a secret in use takes a code from it or the password, so a session
        // left open does not let someone move two-step sign-in to their own phone.
        if let current = try await deps.admin.credentials(userID: session.identity.userID), current.user.twoFactor {
            let byCode = current.totpSecret.flatMap { TwoFactor.matchingStep(secret: $0, code: form["current_code"] ?? "") } != nil
            var byPassword = false
            // The password is checked under the same throttle as signing in, so an open
            // session is no way round it.
            if !byCode, let password = form["password"], !password.isEmpty, let hash = current.passwordHash {
                switch try await deps.throttle.admit(account: session.identity.email, address: context.address) {
                case .wait(let wait):
                    return try await render(request, session: session, error: PageStrings.tooManyAttempts(posted.language, wait: wait), status: .tooManyRequests)
                case .admitted(let attempt):
                    byPassword = try await Passwords.verify(password, hash: hash)
                    if byPassword { try await deps.throttle.succeeded(attempt) }
                }
            }
            guard byCode || byPassword else {
                return try await render(request, session: session, error: strings["wrong_code"], status: .forbidden)
            }
        }
        try await deps.admin.enableTwoFactor(userID: session.identity.userID, secret: secret, step: step, actor: Actor(userID: session.identity.userID, requestID: context.requestID, address: context.address))
        return try await render(request, session: session, notice: strings["two_factor_enabled"])
    }

    /// A new password ends every session of the user, this one included.
    @Sendable func changePassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        let posted: PageDependencies.SignedInForm
        switch try await deps.signedInForm(request) {
        case .proceed(let p): posted = p
        case .stop(let response): return response
        }
        let (session, form, strings) = (posted.session, posted.fields, posted.strings)
        let account = session.identity.email
        let attempt: SignInFailures.Attempt
        switch try await deps.throttle.admit(account: account, address: context.address) {
        case .wait(let wait):
            return try await render(request, session: session, error: PageStrings.tooManyAttempts(posted.language, wait: wait), status: .tooManyRequests)
        case .admitted(let admitted): attempt = admitted
        }
        guard let credentials = try await deps.admin.credentials(userID: session.identity.userID), let hash = credentials.passwordHash,
              try await Passwords.verify(form["current"] ?? "", hash: hash) else {
            return try await render(request, session: session, error: strings["wrong_credentials"], status: .unprocessableContent)
        }
        try await deps.throttle.succeeded(attempt)
        let new = form["new"] ?? ""
        if let problem = Passwords.problem(new) {
            return try await render(request, session: session, error: problem, status: .unprocessableContent)
        }
        try await deps.admin.setPassword(userID: session.identity.userID, new, actor: Actor(userID: session.identity.userID, requestID: context.requestID, address: context.address))
        return PageRenderer.redirect("/signin?done=password", cookies: [SessionCookie.clear(secure: deps.secureCookies)])
    }

    @Sendable func resetForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        let language = deps.language(request)
        guard try await deps.resets.user(for: token) != nil else { return invalidLink(language) }
        return resetPage(request, token: token, language: language, error: nil)
    }

    func resetPage(_ request: Request, token: String, language: String, error: String?, status: HTTPResponse.Status = .ok) -> Response {
        let (csrf, cookie) = FormToken.issue(request)
        var headers: HTTPFields = [HTTPField.Name("Referrer-Policy")!: "no-referrer"]
        if let cookie { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        var values: [String: Any] = ["csrf": csrf, "token": token]
        if let error { values["error"] = error }
        return deps.renderer.render("reset", language: language, title: "reset_title", values: values, status: status, headers: headers)
    }

    func invalidLink(_ language: String) -> Response {
        deps.renderer.render("message", language: language, title: "reset_title", values: ["message": PageStrings.catalogs[language]?["reset_invalid"] ?? ""], status: .notFound)
    }

    @Sendable func reset(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        let language = deps.language(request)
        let form = try await deps.form(request)
        guard FormToken.valid(request, form: form) else { return deps.refused(request, language: language) }
        let new = form["new"] ?? ""
        if let problem = Passwords.problem(new) {
            return resetPage(request, token: token, language: language, error: problem, status: .unprocessableContent)
        }
        guard try await deps.resets.consume(token, password: new, actor: Actor(userID: nil, requestID: context.requestID, address: context.address)) else {
            return invalidLink(language)
        }
        return PageRenderer.redirect("/signin?done=reset")
    }
}

extension String {
    /// `ABCDEFGH` → `ABCD EFGH`: keys people type by hand are read in groups.
    func grouped(by size: Int) -> String {
        var out = ""
        for (i, c) in enumerated() {
            if i > 0, i % size == 0 { out.append(" ") }
            out.append(c)
        }
        return out
    }
}
