import Foundation
import HTTPTypes
import RapportKit
import RapportStore
import Testing

/// "Forgot password?": the same answer for every email, administrators told once per
/// window for a known one, and the reset link issued from their Settings → Users.
@Suite struct InlineForgotPasswordTests {
    static func notifications(_ api: API, kind: String = "reset_requested") async throws -> [(recipient: String, record: String)] {
        try await api.db.read { s in
            try await s.query("SELECT recipient_id, record_id FROM notifications WHERE kind = \(kind) ORDER BY recipient_id").map { ($0.text("recipient_id") ?? "", $0.text("record_id") ?? "") }
        }
    }

    /// The page's body with its CSRF token taken out: the only part that may differ.
    static func answer(_ reply: Reply) -> String {
        guard let csrf = PageClient.csrf(reply.body) else { return reply.body }
        return reply.body.replacingOccurrences(of: csrf, with: "")
    }

    @Test(arguments: Backend.available)
    func forgotPasswordAnswersAlikeAndNotifiesAdminsOncePerWindow(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let firstAdmin = try await api.user("boss@example.com", role: "admin")
            let secondAdmin = try await api.user("deputy@example.com", role: "admin")
            _ = try await api.user("manager@example.com", role: "manager")
            let rep = try await api.user("rep@example.com", role: "sales")

            var visitor = PageClient(api)
            let signin = try await visitor.request(.get, "/signin")
            #expect(signin.body.contains(#"<a href="/signin/forgot" id="forgot-link">Forgot password?</a>"#))
            let form = try await visitor.request(.get, "/signin/forgot")
            #expect(form.status == .ok && form.body.contains(#"action="/signin/forgot""#))
            let csrf = PageClient.csrf(form.body) ?? ""

            let known = try await visitor.request(.post, "/signin/forgot", form: [("_csrf", csrf), ("email", "Rep@Example.com")])
            let unknown = try await visitor.request(.post, "/signin/forgot", form: [("_csrf", csrf), ("email", "nobody@example.com")])
            let again = try await visitor.request(.post, "/signin/forgot", form: [("_csrf", csrf), ("email", "rep@example.com")])
            #expect(known.status == .ok && unknown.status == .ok && again.status == .ok)
            #expect(Self.answer(known) == Self.answer(unknown), "a known and an unknown email get the same page")
            #expect(Self.answer(known) == Self.answer(again))
            #expect(known.body.contains(#"id="forgot-sent""#))

            // Every active administrator once (the two here and the one the test set-up
            // made), however often it was asked within the window; nobody else.
            let told = try await Self.notifications(api)
            let admins = try await api.db.read { s in try await s.query("SELECT id FROM users WHERE role = 'admin' AND active = 1").compactMap { $0.text("id") } }
            #expect(admins.count == 3 && admins.contains(firstAdmin.id) && admins.contains(secondAdmin.id))
            #expect(told.map(\.recipient).sorted() == admins.sorted(), "\(told)")
            #expect(told.allSatisfy { $0.record == rep.id })
            let audited = try await api.db.read { s in
                try await s.query("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'user.reset_requested' AND record_id = \(rep.id)").first?.int("n")
            }
            #expect(audited == 1)

            // The next window tells them again.
            let later = PasswordResetRequests(admin: AccessAdmin(db: api.db, directory: AccessDirectory(db: api.db), passwordCost: 4))
            let outcome = try await later.request(email: "rep@example.com", address: "192.0.2.9", now: Date().timeIntervalSince1970 + 16 * 60, requestID: nil)
            #expect(outcome == .delivered)
            #expect(try await Self.notifications(api).count == 6)
            #expect(try await later.request(email: "nobody@example.com", address: "192.0.2.9", now: Date().timeIntervalSince1970 + 16 * 60, requestID: nil) == .unknown)

            // Without the form token nothing happens.
            var stranger = PageClient(api)
            let forged = try await stranger.request(.post, "/signin/forgot", form: [("email", "rep@example.com")])
            #expect(forged.status == .forbidden)
            #expect(try await Self.notifications(api).count == 6)
        }
    }

    @Test(arguments: Backend.available)
    func adminFollowsTheNotificationAndIssuesTheLink(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            var admin = try await WorkspacePageTests.signedIn(api, email: "boss@example.com")
            let rep = try await api.user("rep@example.com", role: "sales", password: WorkspacePageTests.password)
            var visitor = PageClient(api)
            let csrf = PageClient.csrf(try await visitor.request(.get, "/signin/forgot?lang=ja").body) ?? ""
            let asked = try await visitor.request(.post, "/signin/forgot", form: [("_csrf", csrf), ("email", "rep@example.com")])
            #expect(asked.body.contains("受け付けました"))

            let inbox = try await admin.request(.get, "/notifications")
            #expect(inbox.body.contains("Asked for a password reset"))
            #expect(inbox.body.contains(#"href="/settings/users#user-\#(rep.id)""#))
            let users = try await admin.request(.get, "/settings/users")
            #expect(users.body.contains(#"<tr id="user-\#(rep.id)">"#))
            let issued = try await admin.request(.post, "/settings/users/reset", form: [("_csrf", PageClient.csrf(users.body) ?? ""), ("id", rep.id)])
            #expect(issued.status == .ok)
            guard let start = issued.body.range(of: "/reset/") else { Issue.record("no link: \(issued.body.prefix(300))"); return }
            let secret = String(issued.body[start.upperBound...].prefix { $0.isHexDigit })
            #expect(secret.count == 64)
            let resetForm = try await visitor.request(.get, "/reset/\(secret)")
            #expect(resetForm.status == .ok)
            // Not for someone else: a sales rep cannot issue links.
            var repPages = PageClient(api)
            _ = try await repPages.signIn("rep@example.com", WorkspacePageTests.password)
            let home = try await repPages.request(.get, "/")
            let refused = try await repPages.request(.post, "/settings/users/reset", form: [("_csrf", PageClient.csrf(home.body) ?? ""), ("id", rep.id)])
            #expect(refused.status != .ok || !refused.body.contains("/reset/"))
        }
    }
}
