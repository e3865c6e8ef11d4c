import Foundation
import HTTPTypes
import Hummingbird
import RapportKit
import RapportStore

/// The administrator's side of "Forgot password?": the notification leads to the user's
/// row in Settings → Users, where "Issue reset link" makes the one-time link to pass on.
enum ResetRequestLink {
    /// The link and name a reset-request notification shows; nil for other kinds.
    static func target(_ n: UserNotification, names: [String: String]) -> [String: Any]? {
        guard n.kind == NotificationKind.resetRequested.rawValue, n.recordType == "users", let name = names[n.recordID] else { return nil }
        return ["href": "/settings/users#user-\(n.recordID)", "title": name]
    }
}

extension AdminPages {
    func registerResetLinks(on router: Router<AppRequestContext>) {
        router.post("settings/users/reset", use: issueResetLink)
    }

    /// `POST /settings/users/reset`: a one-time reset link for an active user, shown once to
    /// the administrator who asked (audited as `user.reset_link`).
    @Sendable func issueResetLink(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await adminPage(request) { user in
            let (p, stop) = try await posted(request)
            guard let p else { return stop! }
            guard let target = try await admin.user(id: p.fields["id"] ?? ""), target.active else {
                return try await renderUsers(user, formError: user.t("not_found"))
            }
            let secret = try await deps.resets.create(email: target.email, actor: user.actor(context))
            let scheme = deps.secureCookies ? "https" : "http"
            let host = request.head.authority ?? "localhost"
            let name = target.name.isEmpty ? target.email : target.name
            return try await renderUsers(user, formError: nil, extra: [
                "resetLink": "\(scheme)://\(host)/reset/\(secret)",
                "resetLinkText": user.t("reset_link_issued").replacingOccurrences(of: "%@", with: name),
            ])
        }
    }
}
