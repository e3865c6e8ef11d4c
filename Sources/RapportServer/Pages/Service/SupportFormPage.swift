import Foundation
import HTTPTypes
import Hummingbird
import RapportKit
import RapportStore

/// `/support/{group}`: a group's public request form, for people without an account, in
/// the reader's language. Strangers write here, so it holds to more than the API: a form
/// token against cross-site posts, a field bots fill and people never see (a filled one is
/// thanked and dropped), and a limit per address and per network address kept in the
/// database, so every instance counts the same submissions.
struct SupportFormPage {
    let deps: PageDependencies
    var intake: WebFormIntake { WebFormIntake(store: deps.store) }
    /// Five requests per email address and twenty per network address an hour.
    var limits: SignInFailures { SignInFailures(db: deps.store.db, accountLimit: 5, addressLimit: 20, window: 3600) }

    static let fields = ["name", "email", "subject", "body"]

    func register(on router: Router<AppRequestContext>) {
        router.get("support/:group", use: show)
        router.post("support/:group", use: submit)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let group = try await intake.group(context.parameters.get("group") ?? "") else { return missing(request) }
        return page(request, group, typed: [:], errors: [], status: .ok)
    }

    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let group = try await intake.group(context.parameters.get("group") ?? "") else { return missing(request) }
        let form = try await deps.form(request)
        let language = PageDependencies.chosenLanguage(request) ?? deps.language(request)
        guard FormToken.valid(request, form: form) else { return deps.refused(request, language: language) }
        var typed: [String: String] = [:]
        for name in Self.fields { typed[name] = form[name] ?? "" }
        for field in group.fields { typed[field.name] = form[field.name] ?? "" }
        // Only bots fill the hidden field: they are thanked as a person would be.
        if let trap = form["website"], !trap.isEmpty {
            context.logger.info("web form submission dropped", metadata: ["reason": "honeypot", "group": "\(group.id)"])
            return thanks(request, group, language: language, receipt: nil)
        }
        let submission = WebFormIntake.Submission(name: typed["name"]!, email: typed["email"]!, subject: typed["subject"]!, body: typed["body"]!,
                                                  language: language, extra: typed.filter { name, _ in group.fields.contains { $0.name == name } })
        let errors = submission.errors
        guard errors.isEmpty else { return page(request, group, typed: typed, errors: errors, status: .unprocessableContent) }
        let email = Email.normalize(submission.email.trimmedWhitespace) ?? submission.email
        if case .wait(let seconds) = try await limits.admit(account: "webform:" + email, address: "webform:" + (context.address ?? "unknown"),
                                                            now: deps.now().timeIntervalSince1970) {
            var response = page(request, group, typed: typed, errors: [], status: .tooManyRequests,
                                notice: Self.words(language)["webform_wait"]?.replacingOccurrences(of: "%d", with: String(max(1, (seconds + 59) / 60))))
            response.headers[.retryAfter] = String(seconds)
            return response
        }
        do {
            let receipt = try await intake.submit(submission, to: group)
            return thanks(request, group, language: language, receipt: receipt)
        } catch RecordError.invalid(let errors) {
            return page(request, group, typed: typed, errors: errors, status: .unprocessableContent)
        }
    }

    static func words(_ language: String) -> [String: String] { PageStrings.catalogs[language] ?? PageStrings.catalogs["en"] ?? [:] }

    func page(_ request: Request, _ group: WebFormIntake.Group, typed: [String: String], errors: [FieldError], status: HTTPResponse.Status,
              notice: String? = nil) -> Response {
        let language = PageDependencies.chosenLanguage(request) ?? deps.language(request)
        let words = Self.words(language)
        var values: [String: Any] = ["showForm": true, "action": "/support/\(group.id)",
                                     "heading": (words["webform_heading"] ?? "%@").replacingOccurrences(of: "%@", with: group.name)]
        for name in Self.fields { values[name] = typed[name] ?? "" }
        for error in errors where values["\(error.field)Error"] == nil {
            values["\(error.field)Error"] = words["webform_error.\(error.code)"] ?? words["webform_error.invalid"] ?? error.message
        }
        values["extraFields"] = group.fields.map { Self.input($0, typed: typed[$0.name] ?? "", error: values["\($0.name)Error"] as? String, words: words) }
        if !errors.isEmpty { values["error"] = words["webform_fix"] }
        if let notice { values["error"] = notice }
        return render(request, values: values, language: language, status: status)
    }

    /// One chosen ticket field as the form shows it. Every key is set on every item, so a
    /// section inside the list never reads the page's value of the same name.
    static func input(_ field: FieldSpec, typed: String, error: String?, words: [String: String]) -> [String: Any] {
        let label = field.isCustom ? field.label : (words["webform_field.\(field.name)"] ?? field.label)
        var item: [String: Any] = ["name": field.name, "id": "s-field-\(field.name)", "label": label, "value": typed, "error": error ?? "",
                                   "isChoice": false, "isBoolean": false, "isInput": false, "checked": false, "inputType": "text", "options": [[String: Any]]()]
        switch field.kind {
        case .choice(let options):
            item["isChoice"] = true
            item["options"] = options.map { option -> [String: Any] in
                let shown = field.isCustom ? option : (words["choice.\(field.name).\(option)"] ?? option)
                return ["value": option, "label": shown, "selected": option.caseInsensitiveCompare(typed.trimmedWhitespace) == .orderedSame]
            }
        case .boolean:
            item["isBoolean"] = true
            item["checked"] = ["true", "yes", "1", "on"].contains(typed.lowercased())
        case .date:
            item["isInput"] = true
            item["inputType"] = "date"
        case .number:
            item["isInput"] = true
            item["inputType"] = "text"
        default:
            item["isInput"] = true
        }
        return item
    }

    func thanks(_ request: Request, _ group: WebFormIntake.Group, language: String, receipt: WebFormIntake.Receipt?) -> Response {
        let words = Self.words(language)
        var values: [String: Any] = ["sent": true, "again": "/support/\(group.id)",
                                     "heading": (words["webform_heading"] ?? "%@").replacingOccurrences(of: "%@", with: group.name)]
        values["sentText"] = receipt.map { (words["webform_sent"] ?? "%@").replacingOccurrences(of: "%@", with: $0.number) } ?? words["webform_sent_plain"]
        if let to = receipt?.confirmedTo { values["confirmedText"] = (words["webform_confirmed"] ?? "%@").replacingOccurrences(of: "%@", with: to) }
        return render(request, values: values, language: language, status: .ok)
    }

    func missing(_ request: Request) -> Response {
        render(request, values: ["missing": true], language: PageDependencies.chosenLanguage(request) ?? deps.language(request), status: .notFound)
    }

    private func render(_ request: Request, values: [String: Any], language: String, status: HTTPResponse.Status) -> Response {
        var values = values
        var headers: HTTPFields = [.cacheControl: "no-store"]
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        let (csrf, cookie) = FormToken.issue(request)
        values["csrf"] = csrf
        if let cookie { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        if let chosen = deps.languageCookie(request) { headers.append(HTTPField(name: .setCookie, value: chosen)) }
        return deps.renderer.render("support_form", language: language, title: "webform_title", values: values, status: status, headers: headers)
    }
}

/// The public request form.
enum SupportFormTemplates: PageTemplateSet {
    static let all: [String: String] = ["support_form": form]

    static let form = """
        {{> head}}
        <section class="support-form" aria-labelledby="support-heading">
        {{#missing}}<h1 id="support-heading">{{t.webform_title}}</h1><p class="error" role="alert" id="support-missing">{{t.webform_missing}}</p>{{/missing}}
        {{^missing}}<h1 id="support-heading">{{heading}}</h1>{{/missing}}
        {{#sent}}<div class="notice" role="status" id="support-sent"><span>{{sentText}}{{#confirmedText}} {{confirmedText}}{{/confirmedText}}</span></div>
        <p><a href="{{again}}">{{t.webform_again}}</a> · <a href="/portal" id="support-portal">{{t.webform_portal}}</a></p>{{/sent}}
        {{#showForm}}<p class="meta">{{t.webform_intro}} <a href="/portal">{{t.webform_portal}}</a></p>
        {{#error}}<p class="error" role="alert" id="form-error">{{error}}</p>{{/error}}
        <form method="post" action="{{action}}" id="support-form" novalidate>
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <label for="s-name">{{t.webform_name}}</label>
        <input id="s-name" name="name" type="text" maxlength="200" autocomplete="name" value="{{name}}"{{#nameError}} aria-invalid="true" aria-describedby="s-name-error"{{/nameError}}>
        {{#nameError}}<p class="error" id="s-name-error">{{nameError}}</p>{{/nameError}}
        <label for="s-email">{{t.webform_email}}</label>
        <input id="s-email" name="email" type="email" required autocomplete="email" value="{{email}}"{{#emailError}} aria-invalid="true" aria-describedby="s-email-error"{{/emailError}}>
        {{#emailError}}<p class="error" id="s-email-error">{{emailError}}</p>{{/emailError}}
        <label for="s-subject">{{t.webform_subject}}</label>
        <input id="s-subject" name="subject" type="text" required maxlength="300" value="{{subject}}"{{#subjectError}} aria-invalid="true" aria-describedby="s-subject-error"{{/subjectError}}>
        {{#subjectError}}<p class="error" id="s-subject-error">{{subjectError}}</p>{{/subjectError}}
        {{#extraFields}}{{#isChoice}}<label for="{{id}}">{{label}}</label>
        <select id="{{id}}" name="{{name}}"{{#error}} aria-invalid="true" aria-describedby="{{id}}-error"{{/error}}><option value=""></option>{{#options}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/options}}</select>{{/isChoice}}
        {{#isBoolean}}<label class="check" for="{{id}}"><input id="{{id}}" name="{{name}}" type="checkbox" value="true"{{#checked}} checked{{/checked}}> {{label}}</label>{{/isBoolean}}
        {{#isInput}}<label for="{{id}}">{{label}}</label>
        <input id="{{id}}" name="{{name}}" type="{{inputType}}" value="{{value}}"{{#error}} aria-invalid="true" aria-describedby="{{id}}-error"{{/error}}>{{/isInput}}
        {{#error}}<p class="error" id="{{id}}-error">{{error}}</p>{{/error}}{{/extraFields}}
        <label for="s-body">{{t.webform_body}}</label>
        <textarea id="s-body" name="body" rows="8" required{{#bodyError}} aria-invalid="true" aria-describedby="s-body-error"{{/bodyError}}>{{body}}</textarea>
        {{#bodyError}}<p class="error" id="s-body-error">{{bodyError}}</p>{{/bodyError}}
        <div class="trap" aria-hidden="true"><label for="s-website">{{t.webform_trap}}</label><input id="s-website" name="website" type="text" tabindex="-1" autocomplete="off"></div>
        <button type="submit">{{t.webform_send}}</button>
        </form>{{/showForm}}
        </section>
        {{> foot}}
        """
}
