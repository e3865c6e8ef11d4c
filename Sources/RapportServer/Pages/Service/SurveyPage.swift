import Foundation
import HTTPTypes
import Hummingbird
import RapportKit
import RapportStore

/// `/survey/{token}`: the requester's satisfaction survey, without an account, in the
/// language the survey was sent in (or the one picked on the page). Opening a mail's one-click link shows the page with
/// that score chosen, and the page's script submits it at once: mail scanners that open
/// every link (and run no script) therefore record nothing, while a person's one click
/// does. The answer can be changed and a comment added on the same page.
struct SurveyPage {
    let deps: PageDependencies
    var surveys: SatisfactionSurveys { SatisfactionSurveys(store: deps.store) }

    func register(on router: Router<AppRequestContext>) {
        router.get("survey/:token", use: show)
        router.post("survey/:token", use: answer)
        router.get("survey/:token/unsubscribe", use: showUnsubscribe)
        router.post("survey/:token/unsubscribe", use: unsubscribe)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        guard let survey = try await surveys.survey(token: token) else { return notFound(request) }
        let params = try? QueryString.parse(request.uri.query)
        let asked = params?.last { $0.0 == "score" }.flatMap { Int($0.1) }.flatMap { survey.scale.scores.contains($0) ? $0 : nil }
        // A link opened again after answering shows the answer instead of sending it again.
        let auto = asked != nil && asked != survey.score
        return page(request, survey, token: token, chosen: asked ?? survey.score, comment: survey.comment ?? "", auto: auto,
                    saved: params?.contains { $0 == ("saved", "1") } == true, error: nil)
    }

    @Sendable func answer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        guard let survey = try await surveys.survey(token: token) else { return notFound(request) }
        let form = try await deps.form(request)
        guard FormToken.valid(request, form: form) else { return deps.refused(request, language: survey.language) }
        let comment = form["comment"] ?? ""
        let score = form["score"].flatMap { Int($0.trimmedWhitespace) }
        do {
            guard let score else { throw RecordError.invalid([FieldError(field: "score", code: "required", message: "Choose a score.")]) }
            try await surveys.respond(token: token, score: score, comment: comment, now: deps.now())
            return PageRenderer.redirect("/survey/\(token)?saved=1")
        } catch RecordError.invalid(let errors) {
            let strings = PageStrings.catalogs[PageDependencies.chosenLanguage(request) ?? survey.language] ?? [:]
            let message = errors.map { strings["survey_error.\($0.field)"] ?? $0.message }.joined(separator: " ")
            return page(request, survey, token: token, chosen: score.flatMap { survey.scale.scores.contains($0) ? $0 : nil }, comment: comment, auto: false,
                        saved: false, error: message, status: .unprocessableContent)
        }
    }

    func page(_ request: Request, _ survey: Survey, token: String, chosen: Int?, comment: String, auto: Bool, saved: Bool, error: String?,
              status: HTTPResponse.Status = .ok) -> Response {
        let (csrf, cookie) = FormToken.issue(request)
        var headers: HTTPFields = [.cacheControl: "no-store"]
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        if let cookie { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        if let chosen = deps.languageCookie(request) { headers.append(HTTPField(name: .setCookie, value: chosen)) }
        // The language it was sent in, unless the reader picks another on the page.
        let language = PageDependencies.chosenLanguage(request) ?? survey.language
        let nps = survey.kind == NPSSurveys.kind
        // NPS reads 0 to 10 left to right, as the mail shows it; CSAT lists the best first.
        let scores = nps ? Array(survey.scale.scores) : survey.scale.choices
        var values: [String: Any] = [
            "token": token, "csrf": csrf, "auto": auto, "saved": saved, "comment": comment,
            "question": nps ? NPSWords.question(language, survey.subjectName) : SurveyWords.text("question", language),
            "commentLabel": nps ? NPSWords.text("why", language) : (PageStrings.catalogs[language]?["survey_comment"] ?? ""),
            "choices": scores.map { ["value": String($0), "label": SurveyWords.label($0, survey.scale, language), "checked": $0 == chosen] as [String: Any] },
        ]
        if nps {
            values["nps"] = ["low": NPSWords.text("low", language), "high": NPSWords.text("high", language),
                             "unsubscribe": NPSWords.text("unsubscribe_link", language), "href": "/survey/\(token)/unsubscribe"]
        }
        if let number = survey.ticketNumber { values["ticket"] = [number, survey.ticketSubject].compactMap { $0 }.joined(separator: " · ") }
        if let error { values["error"] = error }
        return deps.renderer.render("survey", language: language, title: nps ? "nps_survey_title" : "survey_title", values: values, status: status, headers: headers)
    }

    /// The link every NPS mail carries. Opening it asks to confirm (a scanner opening links
    /// unsubscribes nobody); the confirming POST needs the page's form token, or the
    /// `List-Unsubscribe=One-Click` body a mail client sends by RFC 8058 (the survey's
    /// secret token in the address is what authorises either).
    @Sendable func showUnsubscribe(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        guard let survey = try await surveys.survey(token: token), survey.kind == NPSSurveys.kind else { return notFound(request) }
        let done = try await NPSSurveys(store: deps.store).isUnsubscribed(token: token)
        return unsubscribePage(request, survey, token: token, done: done)
    }

    @Sendable func unsubscribe(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        guard let survey = try await surveys.survey(token: token), survey.kind == NPSSurveys.kind else { return notFound(request) }
        let form = try await deps.form(request)
        let oneClick = form["List-Unsubscribe"] == "One-Click"
        guard oneClick || FormToken.valid(request, form: form) else { return deps.refused(request, language: survey.language) }
        try await NPSSurveys(store: deps.store).unsubscribe(token: token, now: deps.now())
        if oneClick { return Response(status: .ok, headers: [.cacheControl: "no-store"]) }
        return PageRenderer.redirect("/survey/\(token)/unsubscribe")
    }

    func unsubscribePage(_ request: Request, _ survey: Survey, token: String, done: Bool) -> Response {
        let (csrf, cookie) = FormToken.issue(request)
        var headers: HTTPFields = [.cacheControl: "no-store"]
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        if let cookie { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        let language = PageDependencies.chosenLanguage(request) ?? survey.language
        return deps.renderer.render("survey_unsubscribe", language: language, title: "survey_unsubscribe_title",
                                    values: ["token": token, "csrf": csrf, "done": done], headers: headers)
    }

    func notFound(_ request: Request) -> Response {
        deps.renderer.render("survey", language: deps.language(request), title: "survey_title", values: ["missing": true], status: .notFound,
                             headers: [.cacheControl: "no-store"])
    }
}

/// The survey page.
enum SurveyTemplates: PageTemplateSet {
    static let all: [String: String] = ["survey": survey, "survey_unsubscribe": unsubscribe]

    static let survey = """
        {{> head}}
        <section class="survey" aria-labelledby="survey-heading">
        <h1 id="survey-heading">{{#nps}}{{t.nps_survey_title}}{{/nps}}{{^nps}}{{t.survey_title}}{{/nps}}</h1>
        {{#missing}}<p class="error" role="alert" id="survey-missing">{{t.survey_missing}}</p>{{/missing}}
        {{^missing}}
        {{#ticket}}<p class="meta" id="survey-ticket">{{ticket}}</p>{{/ticket}}
        {{#saved}}<p class="ok" role="status" id="survey-saved">{{t.survey_thanks}}</p>{{/saved}}
        {{#error}}<p class="error" role="alert" id="form-error">{{error}}</p>{{/error}}
        <form method="post" action="/survey/{{token}}" id="survey-form"{{#auto}} data-autosubmit{{/auto}}>
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <fieldset class="survey-choices{{#nps}} nps{{/nps}}"><legend>{{question}}</legend>
        {{#choices}}<label class="survey-choice"><input type="radio" name="score" value="{{value}}"{{#checked}} checked{{/checked}} required> <span>{{label}}</span></label>{{/choices}}
        {{#nps}}<p class="meta nps-ends"><span>{{low}}</span> <span>{{high}}</span></p>{{/nps}}
        </fieldset>
        <label for="survey-comment">{{commentLabel}}</label>
        <textarea id="survey-comment" name="comment" rows="4" maxlength="2000">{{comment}}</textarea>
        <button type="submit">{{#saved}}{{t.survey_update}}{{/saved}}{{^saved}}{{t.survey_send}}{{/saved}}</button>
        </form>
        {{#nps}}<p class="meta"><a href="{{href}}" id="survey-unsubscribe">{{unsubscribe}}</a></p>{{/nps}}
        {{/missing}}
        </section>
        {{> foot}}
        """

    static let unsubscribe = """
        {{> head}}
        <section class="survey" aria-labelledby="unsubscribe-heading">
        <h1 id="unsubscribe-heading">{{t.survey_unsubscribe_title}}</h1>
        {{#done}}<p class="ok" role="status" id="unsubscribe-done">{{t.survey_unsubscribed}}</p>{{/done}}
        {{^done}}<p>{{t.survey_unsubscribe_confirm}}</p>
        <form method="post" action="/survey/{{token}}/unsubscribe" id="unsubscribe-form">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <button type="submit">{{t.survey_unsubscribe_button}}</button>
        </form>{{/done}}
        </section>
        {{> foot}}
        """
}
