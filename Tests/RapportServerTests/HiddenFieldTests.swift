import Foundation
import HTTPTypes
import RapportKit
import RapportStore
import Testing

/// A field a role hides is as unknown to that role as one that does not exist: not in the
/// record, not in the history of its changes, not in a figure summed over it.
@Suite struct HiddenFieldTests {
    /// Every key anywhere inside `value`, to find a field name however deep it is nested.
    static func keys(_ value: JSONValue) -> Set<String> {
        switch value {
        case .object(let o): return o.keys.reduce(into: Set(o.keys)) { $0.formUnion(keys(o[$1] ?? .null)) }
        case .array(let a): return a.reduce(into: []) { $0.formUnion(keys($1)) }
        default: return []
        }
    }

    @Test(arguments: Backend.available)
    func personExportLeavesHiddenFieldsOutOfTheAuditTrail(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let person = try await api.create("people", #"{"given_name":"Ada","emails":["ada@example.com"],"phones":["+82 10 1234 5678"],"job_title":"Engineer"}"#)
            let id = person.string("id") ?? ""
            #expect(try await api.call(.patch, "/api/v1/people/\(id)", json: #"{"phones":["+82 10 9999 0000"],"job_title":"Director","emails":["ada@hanbit.kr"]}"#).status == .ok)
            let marketer = try await api.user("hidden.m@example.com", role: "marketing")
            let export = try await api.call(.get, "/api/v1/people/\(id)/export", token: marketer.token)
            #expect(export.status == .ok, "\(export.body)")
            let document = try export.object()
            #expect(document["person"]?.objectValue?["phones"] == nil)
            #expect(!Self.keys(document["audit"] ?? .null).contains("phones"), "\(export.body)")
            #expect(!export.body.contains("9999") && !export.body.contains("1234 5678"))
            #expect(Self.keys(document["audit"] ?? .null).contains("job_title"))

            let saved = try await api.call(.put, "/api/v1/roles/auditor", json: #"{"label":"Auditor","grants":{"people":{"actions":["read","export"],"visibility":"all","hidden_fields":["emails","job_title"]}}}"#)
            #expect(saved.status == .ok || saved.status == .created, "\(saved.body)")
            let auditor = try await api.user("hidden.a@example.com", role: "auditor")
            let second = try await api.call(.get, "/api/v1/people/\(id)/export", token: auditor.token)
            #expect(second.status == .ok, "\(second.body)")
            let keys = Self.keys(try second.object()["audit"] ?? .null)
            #expect(!keys.contains("emails") && !keys.contains("job_title") && keys.contains("phones"))
            #expect(!second.body.contains("hanbit.kr") && !second.body.contains("Director"))
        }
    }

    @Test(arguments: Backend.available)
    func everyResponseCarriesTheSecurityHeaders(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            for (uri, token) in [("/api/v1/people", api.token), ("/api/v1/people", "wrong"), ("/signin", api.token), ("/healthz", api.token), ("/api/v1/nothing", api.token)] {
                let reply = try await api.call(.get, uri, token: token)
                #expect(reply.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff", "\(uri) \(reply.status)")
                #expect(reply.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin", "\(uri) \(reply.status)")
            }
        }
    }

    /// Custom field definitions are described only to signed-in callers, and only those
    /// their role may see.
    @Test(arguments: Backend.available)
    func openAPIDocumentShowsCustomFieldsOnlyToSignedInCallers(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            #expect(try await api.call(.post, "/api/v1/fields", json: #"{"record_type":"people","name":"acquisition_cost","kind":"number"}"#).status == .created)
            func personProperties(_ headers: HTTPFields) async throws -> JSONObject? {
                let reply = try await api.client.execute(uri: "/api/openapi.json", method: .get, headers: headers, body: nil)
                #expect(reply.status == .ok)
                let doc = try JSONValue.parse(String(buffer: reply.body)).objectValue
                return doc?["components"]?.objectValue?["schemas"]?.objectValue?["Person"]?.objectValue?["properties"]?.objectValue
            }
            let anonymous = try await personProperties([:])
            #expect(anonymous?["given_name"] != nil && anonymous?["acquisition_cost"] == nil)
            let admin = try await personProperties([.authorization: "Bearer \(api.token)"])
            #expect(admin?["acquisition_cost"] != nil)
            let marketer = try await api.user("openapi.m@example.com", role: "marketing")
            let limited = try await personProperties([.authorization: "Bearer \(marketer.token)"])
            #expect(limited?["acquisition_cost"] != nil && limited?["phones"] == nil && limited?["emails"] != nil)
        }
    }
    /// A role that may not see deal amounts or lost reasons gets no figure made from them:
    /// not in the forecast, the summary, the quota report, the board's column totals or a
    /// company's purchase history, and each response says what it left out.
    @Test(arguments: Backend.available)
    func reportsLeaveOutFiguresOfHiddenFields(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (pipeline, stage) = try await DealTests.stages(api)
            let org = try await api.create("organizations", #"{"name":"Mirae"}"#).string("id") ?? ""
            for (name, amount) in [("Proposal", "7777777"), ("Lost", "1234567")] {
                _ = try await api.create("deals", #"{"title":"\#(name)","pipeline_id":"\#(pipeline)","stage_id":"\#(stage[name]!)","amount":{"amount":"\#(amount)","currency":"KRW"},"close_date":"2026-11-10","lost_reason":"Budget frozen"}"#)
            }
            // An order's total comes from its lines.
            let order = try await api.create("orders", #"{"organization_id":"\#(org)","ordered_on":"2026-11-02","status":"open","currency":"KRW"}"#).string("id") ?? ""
            _ = try await api.create("order_lines", #"{"order_id":"\#(order)","quantity":1,"unit_price":{"amount":"5555555","currency":"KRW"}}"#)
            let saved = try await api.call(.put, "/api/v1/roles/analyst", json: #"{"label":"Analyst","grants":{"*":{"actions":["read"],"visibility":"all"},"deals":{"actions":["read"],"visibility":"all","hidden_fields":["amount","lost_reason"]},"orders":{"actions":["read"],"visibility":"all","hidden_fields":["total"]}}}"#)
            #expect(saved.status == .ok || saved.status == .created, "\(saved.body)")
            let analyst = try await api.user("analyst@example.com", role: "analyst")
            for path in ["/api/v1/reports/forecast", "/api/v1/reports/summary", "/api/v1/reports/quota?from=2026-11&to=2026-11", "/api/v1/organizations/\(org)/purchases"] {
                let reply = try await api.call(.get, path, token: analyst.token)
                #expect(reply.status == .ok, "\(path) \(reply.body)")
                #expect(!reply.body.contains("7777777") && !reply.body.contains("1234567") && !reply.body.contains("5555555") && !reply.body.contains("Budget frozen"), "\(path) \(reply.body)")
                let omitted = try reply.object()["omitted"]?.arrayValue?.compactMap { $0.objectValue?.string("field") } ?? []
                #expect(omitted.contains("deals.amount") || omitted.contains("orders.total"), "\(path) \(reply.body)")
            }
            // The admin still sees every figure.
            let full = try await api.call(.get, "/api/v1/reports/forecast")
            let fullOmitted = try full.object()["omitted"]
            #expect(full.body.contains("7777777") && fullOmitted == nil)
            #expect(try await api.call(.get, "/api/v1/reports/summary").body.contains("Budget frozen"))
            var browser = try await WorkspacePageTests.signedIn(api, email: "analyst.page@example.com", role: "analyst")
            for page in ["/deals/board", "/reports", "/organizations/\(org)"] {
                let reply = try await browser.request(.get, page)
                #expect(reply.status == .ok, "\(page)")
                #expect(!reply.body.contains("7,777,777") && !reply.body.contains("5,555,555") && !reply.body.contains("Budget frozen"), "\(page)")
            }
        }
    }
    /// Saving a grant on Settings -> Roles keeps the fields it hides unless the form names
    /// others.
    @Test(arguments: Backend.available)
    func theRoleFormKeepsAGrantsHiddenFields(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let saved = try await api.call(.put, "/api/v1/roles/caller", json: #"{"label":"Caller","grants":{"people":{"actions":["read"],"visibility":"all","hidden_fields":["emails","job_title"]}}}"#)
            #expect(saved.status == .ok || saved.status == .created, "\(saved.body)")
            var browser = try await WorkspacePageTests.signedIn(api, email: "roles.admin@example.com")
            let page = try await browser.request(.get, "/settings/roles")
            let csrf = PageClient.csrf(page.body) ?? ""
            let posted = try await browser.request(.post, "/settings/roles", form: [("_csrf", csrf), ("role", "caller"), ("type", "people"), ("actions", "read"), ("actions", "update"), ("visibility", "own")])
            #expect(posted.status == .ok || posted.status == .seeOther || posted.status == .found, "\(posted.status)")
            func grant() async throws -> JSONObject? {
                let roles = try await api.call(.get, "/api/v1/roles").object()["data"]?.arrayValue?.compactMap(\.objectValue) ?? []
                return roles.first { $0.string("name") == "caller" }?["grants"]?.objectValue?["people"]?.objectValue
            }
            var people = try await grant()
            #expect(people?["hidden_fields"]?.arrayValue?.compactMap(\.stringValue) == ["emails", "job_title"], "\(String(describing: people))")
            #expect(people?["actions"]?.arrayValue?.count == 2 && people?.string("visibility") == "own")
            // Naming fields replaces them.
            _ = try await browser.request(.post, "/settings/roles", form: [("_csrf", csrf), ("role", "caller"), ("type", "people"), ("actions", "read"), ("visibility", "all"), ("hidden_fields", "phones")])
            people = try await grant()
            #expect(people?["hidden_fields"]?.arrayValue?.compactMap(\.stringValue) == ["phones"])
        }
    }
    /// Records found only by a hidden field leave no trace in a search: no rows, and no
    /// cursor pointing past them (which would say they exist, or carry their sort value).
    @Test(arguments: Backend.available)
    func searchCursorsSayNothingAboutHiddenMatches(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            for name in ["Zed One", "Zed Two", "Zed Three"] {
                _ = try await api.create("people", #"{"display_name":"\#(name)","phones":["+82 10 7777 0000"]}"#)
            }
            let marketer = try await api.user("cursor.m@example.com", role: "marketing")
            for query in ["q=821077770000&limit=1", "q=821077770000&limit=1&sort=display_name"] {
                let all = try await api.call(.get, "/api/v1/people?\(query)").object()
                #expect(all["data"]?.arrayValue?.count == 1 && all["next_cursor"]?.stringValue != nil, "\(query)")
                let reply = try await api.call(.get, "/api/v1/people?\(query)", token: marketer.token)
                #expect(reply.status == .ok)
                let page = try reply.object()
                #expect(page["data"]?.arrayValue?.isEmpty == true, "\(query) \(reply.body)")
                #expect(page["next_cursor"] == .null, "\(query) \(reply.body)")
            }
            // What the role may see is still found and paged.
            let first = try await api.call(.get, "/api/v1/people?q=zed&limit=2", token: marketer.token).object()
            #expect(first["data"]?.arrayValue?.count == 2)
            let cursor = first["next_cursor"]?.stringValue ?? ""
            let second = try await api.call(.get, "/api/v1/people?q=zed&limit=2&cursor=\(cursor)", token: marketer.token).object()
            #expect(second["data"]?.arrayValue?.count == 1 && second["next_cursor"] == .null)
        }
    }
}
