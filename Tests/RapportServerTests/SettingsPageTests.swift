import Foundation
import HTTPTypes
import Testing

/// The admin's pages as an admin meets them: ids on a page are unique (labels and screen
/// readers find the right field), a refused form keeps what was typed, and removing a
/// custom field asks first.
@Suite struct SettingsPageTests {
    static func duplicateIDs(_ html: String) throws -> [String] {
        let pattern = try Regex(#" id="([^"]+)""#)
        var seen: [String: Int] = [:]
        for match in html.matches(of: pattern) { seen[String(html[match.range]), default: 0] += 1 }
        return seen.filter { $0.value > 1 }.map(\.key).sorted()
    }

    @Test(arguments: Backend.available)
    func adminPagesHaveUniqueIDsAndKeepWhatWasTyped(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            var browser = try await WorkspacePageTests.signedIn(api)
            _ = try await api.call(.post, "/api/v1/fields", json: #"{"record_type":"people","name":"vip_level","kind":"text","label":"VIP level"}"#)
            for path in ["/settings/users", "/settings/teams", "/settings/roles", "/settings/fields", "/settings/tokens", "/people/new", "/people", "/"] {
                let page = try await browser.request(.get, path)
                let duplicates = try Self.duplicateIDs(page.body)
                #expect(duplicates.isEmpty, "\(path): \(duplicates)")
            }
            let users = try await browser.request(.get, "/settings/users")
            let refused = try await browser.request(.post, "/settings/users", form: [
                ("_csrf", PageClient.csrf(users.body) ?? ""), ("email", "not-an-email"), ("name", "김보경"), ("role", "sales"), ("password", "short"),
            ])
            #expect(refused.body.contains(#"value="not-an-email""#) && refused.body.contains(#"value="김보경""#))
            #expect(refused.body.contains(#"<option value="sales" selected>"#))
            #expect(!refused.body.contains(#"value="short""#), "a password is never sent back")
            let fields = try await browser.request(.get, "/settings/fields")
            #expect(fields.body.contains(#"action="/settings/fields/delete" data-confirm=""#))
        }
    }
}
