import Foundation
import HTTPTypes
import Hummingbird
import RapportKit
import RapportStore

/// `/signin/forgot`: asks for a password reset by email. Every request gets the same page
/// with the same status, whether the email has an account, was asked for a moment ago or
/// comes from an address asking too often, so the page tells nobody who has an account.
/// What happens behind it is ``PasswordResetRequests``'.
struct ForgotPasswordPage {
    let deps: PageDependencies

    func register(on router: Router<AppRequestContext>) {
        router.get("signin/forgot", use: form)
        router.post("signin/forgot", use: ask)
    }

    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        page(request, language: deps.language(request), values: [:])
    }

    @Sendable func ask(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = deps.language(request)
        let form = try await deps.form(request)
        guard FormToken.valid(request, form: form) else { return deps.refused(request, language: language) }
        let email = (form["email"] ?? "").trimmedWhitespace
        guard email.contains("@"), email.count <= 320 else {
            return page(request, language: language, values: ["email": email, "error": PageStrings.catalogs[language]?["forgot_email_invalid"] ?? ""], status: .unprocessableContent)
        }
        try await PasswordResetRequests(admin: deps.admin).request(email: email, address: context.address, now: deps.clock().timeIntervalSince1970, requestID: context.requestID)
        return page(request, language: language, values: ["sent": true])
    }

    func page(_ request: Request, language: String, values: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        let (token, cookie) = FormToken.issue(request)
        var headers: HTTPFields = [:]
        if let cookie { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        if let chosen = deps.languageCookie(request) { headers.append(HTTPField(name: .setCookie, value: chosen)) }
        var values = values
        values["csrf"] = token
        return deps.renderer.render("forgot", language: language, title: "forgot_title", values: values, status: status, headers: headers)
    }
}

/// The forgot-password form and its answer.
enum ForgotPasswordTemplates: PageTemplateSet {
    static let all: [String: String] = ["forgot": forgot]

    static let forgot = """
        {{> head}}
        <section aria-labelledby="forgot-heading">
        <h1 id="forgot-heading">{{t.forgot_title}}</h1>
        {{#sent}}<p class="ok" role="status" id="forgot-sent">{{t.forgot_sent}}</p>{{/sent}}
        {{^sent}}<p class="hint" id="forgot-hint">{{t.forgot_hint}}</p>
        {{#error}}<p class="error" role="alert" id="form-error">{{error}}</p>{{/error}}
        <form method="post" action="/signin/forgot">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <label for="email">{{t.email}}</label>
        <input id="email" name="email" type="email" autocomplete="username" required maxlength="320" value="{{email}}" aria-describedby="{{#error}}form-error {{/error}}forgot-hint"{{#error}} aria-invalid="true"{{/error}}>
        <button type="submit">{{t.forgot_submit}}</button>
        </form>{{/sent}}
        <p><a href="/signin">{{t.forgot_back}}</a></p>
        </section>
        {{> foot}}
        """
}
