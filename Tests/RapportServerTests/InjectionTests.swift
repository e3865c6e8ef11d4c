import Foundation
import RapportKit
import Testing

/// Hostile text is data: stored and returned exactly, never run as SQL or as script.
@Suite struct InjectionTests {
    static let payloads = [
        "Robert'); DROP TABLE people;--", "' OR '1'='1", "\" OR 1=1 --", "<script>alert('x')</script>",
        "<img src=x onerror=alert(1)>", "{{#t}}x{{/t}}", "%' UNION SELECT token_hash FROM api_tokens --",
    ]

    @Test(arguments: Backend.available)
    func payloadsRoundTripAsText(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            for (i, payload) in Self.payloads.enumerated() {
                let json = JSONValue.object(JSONObject([
                    ("display_name", .string(payload)), ("job_title", .string(payload)), ("source", .string(payload)),
                    ("emails", .array([.string("p\(i)@example.com")])),
                ])).serialized()
                let created = try await api.call(.post, "/api/v1/people", json: json)
                #expect(created.status == .created)
                let back = try await api.call(.get, "/api/v1/people/\(try created.object().string("id") ?? "")").object()
                #expect(back.string("display_name") == payload && back.string("job_title") == payload)
                let q = payload.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                #expect(try await api.call(.get, "/api/v1/people?q=\(q)").status == .ok)
                #expect(try await api.call(.get, "/api/v1/people?filter[display_name]=\(q)").object()["data"]?.arrayValue?.count == 1)
                _ = try await api.call(.post, "/api/v1/organizations", json: JSONValue.object(JSONObject([("name", .string(payload))])).serialized())
            }
            #expect(try await api.names("/api/v1/people?limit=100").count == Self.payloads.count)
        }
    }

    @Test(arguments: Backend.available)
    func pagesEscapeWhatUsersTyped(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let reply = try await api.call(.post, "/api/v1/users", json: #"{"email":"x@example.com","role":"viewer","name":"<script>alert('x')</script>","password":"a long enough password"}"#)
            #expect(reply.status == .created)
            var browser = PageClient(api)
            _ = try await browser.signIn("x@example.com", "a long enough password")
            let page = try await browser.request(.get, "/account")
            #expect(!page.body.contains("<script>alert"))
            #expect(page.body.contains("&lt;script&gt;"))
            // What was typed into the sign-in form comes back escaped too.
            var stranger = PageClient(api)
            let failed = try await stranger.signIn("\"><script>alert(1)</script>@example.com", "nope")
            #expect(failed.status == .unauthorized)
            #expect(!failed.body.contains("<script>alert(1)") && failed.body.contains("&lt;script&gt;alert(1)"))
        }
    }
}
