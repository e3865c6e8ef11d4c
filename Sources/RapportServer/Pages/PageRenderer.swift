import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// Renders pages: templates parsed once at start, strings from the chosen language.
struct PageRenderer: Sendable {
    let library: MustacheLibrary

    init() {
        var templates: [String: MustacheTemplate] = [:]
        for (name, text) in PageTemplates.all {
            // The templates are part of the program; a broken one is a programming error.
            templates[name] = try! MustacheTemplate(string: text)
        }
        self.library = MustacheLibrary(templates: templates)
    }

    func render(_ template: String, language: String, title: String, values: [String: Any], status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var context = values
        let strings = PageStrings.catalogs[language] ?? PageStrings.catalogs["en"]!
        context["t"] = strings
        context["lang"] = language
        context["title"] = strings[title] ?? title
        let html = library.render(context, withTemplate: template) ?? ""
        var headers = headers
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[.init("X-Frame-Options")!] = "DENY"
        headers[.init("Content-Security-Policy")!] = "default-src 'self'; style-src 'self' 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func redirect(_ location: String, cookies: [String] = []) -> Response {
        var headers: HTTPFields = [.location: location]
        for c in cookies { headers.append(HTTPField(name: .setCookie, value: c)) }
        return Response(status: .seeOther, headers: headers)
    }
}
