import Foundation
import HTTPTypes
import NIOCore
import Testing

/// A browser in miniature for page tests: keeps cookies, reads CSRF fields, posts forms.
struct PageClient {
    let api: API
    var cookies: [String: String] = [:]

    init(_ api: API) {
        self.api = api
    }

    mutating func request(_ method: HTTPRequest.Method, _ uri: String, form: [(String, String)]? = nil, headers extra: HTTPFields = [:]) async throws -> Reply {
        var headers = extra
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
        var body = ByteBuffer()
        if let form {
            headers[.contentType] = "application/x-www-form-urlencoded"
            body = ByteBuffer(string: form.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&"))
        }
        let reply = try await api.raw(method, uri, body: body, headers: headers)
        for field in reply.headers where field.name == .setCookie {
            let pair = field.value.split(separator: ";")[0]
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2, !parts[1].isEmpty, !field.value.contains("Max-Age=0") { cookies[parts[0]] = parts[1] } else { cookies[parts[0]] = nil }
        }
        return reply
    }

    static func encode(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s
    }

    /// The value of the hidden `_csrf` field of a page.
    static func csrf(_ html: String) -> String? {
        guard let r = html.range(of: #"name="_csrf" value=""#) else { return nil }
        return String(html[r.upperBound...].prefix { $0 != "\"" })
    }

    /// Signs in through the form; returns the final reply of the POST.
    mutating func signIn(_ email: String, _ password: String) async throws -> Reply {
        let page = try await request(.get, "/signin")
        let token = Self.csrf(page.body) ?? ""
        return try await request(.post, "/signin", form: [("_csrf", token), ("email", email), ("password", password)])
    }
}
