import Foundation
import HTTPTypes
import Hummingbird
import RapportKit
import RapportStore

/// Authenticates the API: `Authorization: Bearer <token>`, or the page session cookie
/// with an `X-CSRF-Token` header on anything that changes data. Read-scope tokens are
/// refused writes here; what the user's role allows is the record engine's business.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let tokens: TokenStore
    let sessions: SessionStore
    let directory: AccessDirectory
    /// Lets requests without credentials through unauthenticated (the public OpenAPI
    /// document); credentials that are sent must still be valid.
    var optional = false

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let challenge: HTTPFields = [.wwwAuthenticate: "Bearer realm=\"rapport\""]
        let unsafe = request.method != .get && request.method != .head
        if let header = request.headers[.authorization] {
            guard header.count > 7, header.prefix(7).lowercased() == "bearer " else {
                throw Problem(.unauthorized, "Unauthorized", detail: "Send Authorization: Bearer <token>; create one with `rapport token create`.", headers: challenge)
            }
            let token = String(header.dropFirst(7)).trimmedWhitespace
            guard let identity = try await tokens.authenticate(token, address: context.address) else {
                throw Problem(.unauthorized, "Unauthorized", detail: "The token is unknown, revoked or expired.", headers: challenge)
            }
            if !identity.canWrite, unsafe {
                throw Problem(.forbidden, "Forbidden", detail: "This token may only read.")
            }
            context.identity = identity
        } else if let cookie = SessionCookie.value(in: request), let session = try await sessions.lookup(cookie), !session.pendingTwoFactor {
            if unsafe {
                guard let sent = request.headers[.init("X-CSRF-Token")!], SessionCookie.same(sent, session.csrfToken) else {
                    throw Problem(.forbidden, "Forbidden", detail: "Changes made with a session cookie need the X-CSRF-Token header of that session.")
                }
            }
            context.identity = session.identity
            context.session = session
        } else if optional {
            return try await next(request, context)
        } else {
            throw Problem(.unauthorized, "Unauthorized", detail: "Send Authorization: Bearer <token>; create one with `rapport token create`.", headers: challenge)
        }
        if let identity = context.identity {
            context.viewer = try await directory.viewer(userID: identity.userID, roleName: identity.role)
        }
        return try await next(request, context)
    }
}

/// The page session cookie.
enum SessionCookie {
    static let name = "rapport_session"

    static func value(in request: Request) -> String? {
        request.cookies[name]?.value
    }

    static func set(_ value: String, secure: Bool) -> String {
        "\(name)=\(value); Path=/; HttpOnly; SameSite=Lax; Max-Age=\(Int(SessionStore.absoluteLifetime))" + (secure ? "; Secure" : "")
    }

    static func clear(secure: Bool) -> String {
        "\(name)=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0" + (secure ? "; Secure" : "")
    }

    /// Constant-time comparison, so a CSRF token cannot be guessed byte by byte.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}
