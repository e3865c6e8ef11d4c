import Foundation
import HTTPTypes
import Hummingbird
import RapportKit
import RapportStore

/// The signed-in person a page is for: their role, language and time zone.
struct PageUser: Sendable {
    let session: PageSession
    let user: User
    let viewer: Viewer
    let language: String
    let timeZone: TimeZone

    /// Default stage and pipeline names in the reader's language ("Proposal" → "제안");
    /// names an admin chose are shown as written.
    func setUpName(_ name: String, prefix: String = "stage_") -> String {
        strings[prefix + name.lowercased()] ?? name
    }

    /// The same for a record of the named type: stages and pipelines have default names.
    func setUpName(_ name: String, of typeName: String) -> String {
        switch typeName {
        case PipelineStages.type.name: return setUpName(name, prefix: "stage_")
        case Pipelines.type.name: return setUpName(name, prefix: "pipeline_")
        default: return name
        }
    }

    /// A share as a whole percent ("50%").
    func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

    var strings: [String: String] { PageStrings.catalogs[language] ?? PageStrings.catalogs["en"]! }

    func t(_ key: String) -> String {
        strings[key] ?? PageStrings.catalogs["en"]?[key] ?? key
    }

    func actor(_ context: AppRequestContext) -> Actor {
        Actor(userID: user.id, requestID: context.requestID, address: context.address, viewer: viewer)
    }

    func typeName(_ type: RecordType, one: Bool = false) -> String {
        t("type.\(type.name)" + (one ? ".one" : ""))
    }

    /// Built-in fields by their catalog name; custom fields by the label their admin gave.
    func fieldLabel(_ field: FieldSpec) -> String {
        if field.isCustom { return field.label }
        return strings["field.\(field.name)"] ?? field.label
    }

    func choiceLabel(_ field: String, _ value: String) -> String {
        strings["choice.\(field).\(value)"] ?? value
    }

    /// A field error in the page's language: by its code, with the engine's English
    /// message only for codes no catalog knows.
    func errorMessage(_ error: FieldError) -> String {
        strings["error.\(error.code)"] ?? error.message
    }
}

extension PageDependencies {
    /// The page user behind the request's session; nil when signed out (or half-way
    /// through two-step sign-in).
    func pageUser(_ request: Request) async throws -> PageUser? {
        guard let session = try await session(request), !session.pendingTwoFactor,
              let user = try await admin.user(id: session.identity.userID), user.active else { return nil }
        RequestTrace.signedIn(user.id)
        let viewer = try await admin.directory.viewer(userID: user.id, roleName: user.role)
        let language = PageStrings.language(acceptLanguage: request.headers[.acceptLanguage], preferred: user.language)
        let zone = user.timeZone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC")!
        return PageUser(session: session, user: user, viewer: viewer, language: language, timeZone: zone)
    }

    /// A signed-in form post with its token checked, handed to `body`; otherwise the
    /// sign-in page or the refusal.
    func post(_ request: Request, _ body: (PageUser, SignedInForm) async throws -> Response) async throws -> Response {
        guard let user = try await pageUser(request) else { return PageRenderer.redirect("/signin") }
        switch try await signedInForm(request) {
        case .proceed(let posted): return try await body(user, posted)
        case .stop(let response): return response
        }
    }

    /// Renders a workspace page inside the navigation, search box and language switch.
    func renderApp(_ template: String, user: PageUser, title: String, values: [String: Any], current: String? = nil, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var values = values
        values["signedIn"] = true
        values["csrf"] = user.session.csrfToken
        var nav: [[String: Any]] = [["href": "/", "label": user.t("nav_home"), "current": current == "home"]]
        for type in store.catalog.types where type.inNavigation && user.viewer.role.allows(.read, on: type.name) {
            nav.append(["href": "/\(type.name)", "label": user.typeName(type), "current": current == type.name])
        }
        if user.viewer.role.allows(.read, on: Deals.type.name) {
            nav.append(["href": "/reports", "label": user.t("reports"), "current": current == "reports"])
        }
        nav.append(["href": "/trash", "label": user.t("trash"), "current": current == "trash"])
        nav.append(["href": "/settings", "label": user.t("settings"), "current": current == "settings"])
        values["nav"] = nav
        values["languages"] = [("en", "English"), ("ko", "한국어"), ("ja", "日本語")].map { code, name in
            ["code": code, "name": name, "current": code == user.language] as [String: Any]
        }
        return renderer.render(template, language: user.language, title: title, values: values, status: status, headers: headers)
    }

    /// The page for a record error: 404 and 403 as pages, field errors back to the form.
    func errorPage(_ error: RecordError, user: PageUser) -> Response? {
        switch error {
        case .notFound:
            return renderApp("message_app", user: user, title: user.t("not_found_title"), values: ["message": user.t("not_found")], status: .notFound)
        case .forbidden:
            return renderApp("message_app", user: user, title: user.t("not_allowed"), values: ["message": user.t("not_allowed")], status: .forbidden)
        default:
            return nil
        }
    }
}
