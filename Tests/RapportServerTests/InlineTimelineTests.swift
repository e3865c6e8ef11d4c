import Foundation
import HTTPTypes
import RapportKit
import RapportStore
import Testing

/// A record's timeline filtered by kind and paged with "older entries": every page holds
/// only that kind, pages continue where the last ended, and no filter or cursor shows an
/// entry the viewer may not see.
@Suite struct InlineTimelineTests {
    @Test(arguments: Backend.available)
    func timelineFilterAndCursorNeverLeak(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let rep = try await api.user("rep@example.com", role: "sales", password: WorkspacePageTests.password)
            let repToken = try await TokenStore(db: api.db).create(name: "rep", userEmail: "rep@example.com", scope: "write").token
            // An organization everyone sees, with the rep's calls and notes and the admin's
            // calls, which a rep (who sees their own activities only) must never see.
            let org = try await api.create("organizations", #"{"name":"Hanbit"}"#).string("id") ?? ""
            let link = #""links":[{"type":"organizations","id":"\#(org)"}]"#
            for i in 0..<35 {
                let reply = try await api.call(.post, "/api/v1/activities", json: #"{"kind":"call","subject":"Rep call \#(i)",\#(link)}"#, token: repToken)
                #expect(reply.status == .created)
            }
            for i in 0..<5 {
                _ = try await api.call(.post, "/api/v1/activities", json: #"{"kind":"note","subject":"Rep note \#(i)",\#(link)}"#, token: repToken)
                _ = try await api.create("activities", #"{"kind":"call","subject":"Secret call \#(i)",\#(link)}"#)
            }
            _ = try await api.call(.patch, "/api/v1/organizations/\(org)", json: #"{"name":"Hanbit Soft"}"#)

            var browser = PageClient(api)
            _ = try await browser.signIn("rep@example.com", WorkspacePageTests.password)
            let all = try await browser.request(.get, "/organizations/\(org)")
            #expect(all.body.contains(#"href="/organizations/\#(org)?timeline=call#timeline""#))
            #expect(all.body.contains(#"aria-current="true">Everything</a>"#))

            var seen: [String] = []
            var next: String? = "/organizations/\(org)?timeline=call"
            var pages = 0
            while let path = next, pages < 5 {
                let page = try await browser.request(.get, path)
                #expect(page.status == .ok)
                #expect(!page.body.contains("Secret call"), "page \(pages) shows another's call")
                #expect(!page.body.contains("Rep note"), "a call filter shows calls only")
                seen += Self.subjects(page.body)
                next = Self.more(page.body)
                pages += 1
            }
            #expect(pages == 2, "30 then 5")
            #expect(seen.count == 35 && Set(seen).count == 35, "every call once: \(seen.count)")
            #expect(rep.id.isEmpty == false)

            let changes = try await browser.request(.get, "/organizations/\(org)?timeline=changes")
            #expect(Self.subjects(changes.body).isEmpty)
            #expect(changes.body.contains(#"class="change""#))
            // A cursor made up by hand, or one from another list, shows nothing it should not.
            let forged = Cursor(sort: "timeline", value: .string("9999-12-31T00:00:00.000Z"), id: "zzzzzzzz").encoded
            let odd = try await browser.request(.get, "/organizations/\(org)?timeline=call&before=\(forged)")
            #expect(odd.status == .ok && !odd.body.contains("Secret call"))
            let unknown = try await browser.request(.get, "/organizations/\(org)?timeline=%3Cscript%3E&before=garbage")
            #expect(unknown.status == .ok && !unknown.body.contains("<script>") && !unknown.body.contains("Secret call"))
        }
    }

    static func subjects(_ html: String) -> [String] {
        html.components(separatedBy: "<strong>").dropFirst().compactMap { part in
            let text = String(part.prefix { $0 != "<" })
            return text.hasPrefix("Rep ") || text.hasPrefix("Secret") ? text : nil
        }
    }

    static func more(_ html: String) -> String? {
        guard let marker = html.range(of: #"" rel="next" data-timeline-more"#) else { return nil }
        let before = html[..<marker.lowerBound]
        guard let start = before.range(of: #"<a href=""#, options: .backwards) else { return nil }
        return String(before[start.upperBound...]).replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "#timeline", with: "")
    }
}
