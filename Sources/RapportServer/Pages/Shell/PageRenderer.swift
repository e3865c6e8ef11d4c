import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// Renders pages: templates parsed once at start, strings from the chosen language.
struct PageRenderer: Sendable {
    let library: MustacheLibrary

    /// Each domain's templates; a new domain adds its set here.
    static let templateSets: [any PageTemplateSet.Type] = [
        ShellTemplates.self, AccountTemplates.self, RecordTemplates.self, SettingsTemplates.self, WorkspaceTemplates.self,
        AttachmentTemplates.self,
        BoardTemplates.self,
        SalesSectionTemplates.self,
        QuoteTemplates.self,
        DataTemplates.self,
        ReportTemplates.self,
        ForgotPasswordTemplates.self, InlineEditTemplates.self,
        ComposeTemplates.self,
        ServiceTemplates.self, SurveyTemplates.self, SupportFormTemplates.self, PortalTemplates.self, NPSTemplates.self, HeldMailTemplates.self,
        PartnerTemplates.self,
    ]

    init() {
        var templates: [String: MustacheTemplate] = [:]
        for set in Self.templateSets {
            for (name, text) in set.all {
            // The templates are part of the program; a broken one is a programming error.
                templates[name] = try! MustacheTemplate(string: text)
            }
        }
        self.library = MustacheLibrary(templates: templates)
    }

    func render(_ template: String, language: String, title: String, values: [String: Any], status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var context = values
        // `has_<name>` for every list, so a template can wrap a non-empty list once
        // (a table around rows) and say "nothing here" for an empty one.
        for (key, value) in values {
            if let list = value as? [Any] { context["has_\(key)"] = !list.isEmpty }
        }
        let strings = PageStrings.catalogs[language] ?? PageStrings.catalogs["en"]!
        context["t"] = strings
        context["lang"] = language
        context["title"] = strings[title] ?? title
        context["cssPath"] = Assets.cssPath
        context["jsPath"] = Assets.jsPath
        context["iconsPath"] = Assets.iconsPath
        context["faviconPath"] = Assets.faviconPath
        if context["signedIn"] == nil {
            context["signedOutLanguages"] = PageStrings.languageNames.map { code, name in
                ["code": code, "name": name, "current": code == language] as [String: Any]
            }
        }
        let html = library.render(context, withTemplate: template) ?? ""
        var headers = headers
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[.init("X-Frame-Options")!] = "DENY"
        headers[.init("Content-Security-Policy")!] = "default-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// Percent-encoding for one query component.
    static func percent(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// Where a form came from, when that is a path on this site; else home. Forms that
    /// change a preference send the user back to the page they were on.
    static func sameSiteReferer(_ request: Request) -> String {
        let back = request.headers[.referer].flatMap { URL(string: $0) }.map { $0.path + ($0.query.map { "?" + $0 } ?? "") } ?? "/"
        return back.hasPrefix("/") && !back.hasPrefix("//") ? back : "/"
    }

    static func redirect(_ location: String, cookies: [String] = []) -> Response {
        var headers: HTTPFields = [.location: location]
        for c in cookies { headers.append(HTTPField(name: .setCookie, value: c)) }
        return Response(status: .seeOther, headers: headers)
    }
}

/// An empty string is false in a template section, as a missing value is: `{{#more}}`
/// around a link shows nothing when there is no link. Mustache's default (any present
/// value is true) had pages offer "Next page" and "Print" links that led nowhere.
extension String: @retroactive MustacheCustomRenderable {
    public var renderText: String { self }
    public var isNull: Bool { isEmpty }
}
