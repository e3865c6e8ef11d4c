import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import RapportKit
import RapportServer
import RapportStore
import Synchronization
import Testing

/// Keeps every log line a test's application writes, rendered the way `serve` does.
final class CapturedLines: Sendable {
    let lines = Mutex<[String]>([])
    var all: [String] { lines.withLock { $0 } }

    var logger: Logger {
        var logger = Logger(label: "rapport") { label in
            LineLogHandler(label: label, format: .logfmt) { line in self.lines.withLock { $0.append(line) } }
        }
        logger.logLevel = .info
        return logger
    }
}

/// The access log, `/metrics`, and the jobs API's permissions.
@Suite struct ObservabilityTests {
    static let password = "correct horse battery"

    @Test(arguments: Backend.available)
    func everyRequestLogsOneLineWithoutSecrets(_ backend: Backend) async throws {
        let captured = CapturedLines()
        try await TestDatabase.with(backend) { db in
            let token = try await TokenStore(db: db).create(name: "test").token
            let app = buildApplication(database: db, configuration: testConfiguration, logger: captured.logger)
            try await app.test(.router) { client in
                let api = API(client: client, token: token, db: db)
                let me = try await api.call(.get, "/api/v1/me").object()
                let person = try await api.create("people", #"{"given_name":"보경","family_name":"김"}"#)
                let id = person.string("id") ?? ""
                #expect(try await api.call(.get, "/api/v1/people/\(id)?access_token=hunter2").status != .internalServerError)
                try await api.user("kim@example.com", role: "sales", password: Self.password)
                var browser = PageClient(api)
                _ = try await browser.request(.get, "/signin")
                #expect(try await browser.signIn("kim@example.com", Self.password).status == .seeOther)
                _ = try await browser.request(.get, "/people")
                let lines = captured.all.filter { $0.contains("msg=request ") }
                #expect(lines.count >= 6, "\(captured.all)")
                let read = try #require(lines.first { $0.contains("route=/api/v1/{type}/{id}") && $0.contains("method=GET") })
                for field in ["request_id=", "status=", "duration_ms=", "user_id=\(me.string("id") ?? "?")", "level=info", "ts="] {
                    #expect(read.contains(field), "\(read)")
                }
                // The raw path (with its id) and the query string stay out.
                #expect(!read.contains(id) && !read.contains("hunter2"))
                let page = try #require(lines.last { $0.contains("route=/{type}") })
                #expect(page.contains("status=200") && !page.contains("user_id=-"), "\(page)")
                let all = captured.all.joined(separator: "\n")
                #expect(!all.contains(token) && !all.contains(Self.password) && !all.contains("hunter2"))
                // The request id of the response is the one logged.
                let reply = try await api.call(.get, "/api/v1/me", headers: [.init("X-Request-Id")!: "trace-abc-123"])
                #expect(reply.headers[.init("X-Request-Id")!] == "trace-abc-123")
                #expect(captured.all.contains { $0.contains("request_id=trace-abc-123") && $0.contains("route=/api/v1/me") })
            }
        }
    }

    @Test func logLinesQuoteWhatNeedsQuotingInBothFormats() {
        #expect(LineLogHandler.render([("msg", "a b"), ("k", "v=1"), ("x", "plain")], .logfmt) == #"msg="a b" k="v=1" x=plain"#)
        #expect(LineLogHandler.render([("msg", "say \"hi\"\n")], .json) == #"{"msg":"say \"hi\"\n"}"#)
    }

    @Test(arguments: Backend.available)
    func metricsNeedTheirTokenAndNeverRedirect(_ backend: Backend) async throws {
        var configuration = testConfiguration
        configuration.metricsToken = "metrics-secret-9"
        try await withAPI(backend, configuration: configuration) { api in
            _ = try await api.call(.get, "/api/v1/people")
            let none = try await api.raw(.get, "/metrics", body: .init(), headers: [:])
            #expect(none.status == .unauthorized && none.headers[.location] == nil)
            #expect(try await api.call(.get, "/metrics").status == .unauthorized)
            #expect(try await api.call(.get, "/metrics", token: "metrics-secret-").status == .unauthorized)
            let ok = try await api.call(.get, "/metrics", token: "metrics-secret-9")
            #expect(ok.status == .ok)
            #expect(ok.headers[.contentType]?.hasPrefix("text/plain") == true)
            for name in ["rapport_http_requests_total", "route=\"/api/v1/{type}\"", "rapport_http_request_duration_seconds_bucket",
                         "rapport_db_connections", "rapport_jobs{state=\"queued\"}"] {
                #expect(ok.body.contains(name), "\(name)")
            }
        }
        try await withAPI(backend) { api in
            let hidden = try await api.raw(.get, "/metrics", body: .init(), headers: [:])
            #expect(hidden.status == .notFound && hidden.headers[.location] == nil)
            #expect(hidden.headers[.contentType] == "application/problem+json")
        }
    }

    @Test(arguments: Backend.available)
    func onlyAdminsSeeAndSteerJobs(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let jobs = JobStore(db: api.db)
            let queued = try await jobs.enqueue(.init(kind: "test.count")).job.id
            let rep = try await api.user("rep@example.com", role: "sales")
            for (method, uri) in [(HTTPRequest.Method.get, "/api/v1/jobs"), (.get, "/api/v1/jobs/\(queued)"), (.post, "/api/v1/jobs/\(queued)/retry"), (.post, "/api/v1/jobs/\(queued)/cancel")] {
                #expect(try await api.call(method, uri, token: rep.token).status == .forbidden, "\(uri)")
            }
            #expect(try #require(try await jobs.job(id: queued)).state == .queued)
            let list = try await api.call(.get, "/api/v1/jobs?state=queued")
            #expect(list.status == .ok)
            #expect(try list.object()["data"]?.arrayValue?.compactMap { $0.objectValue?.string("id") } == [queued])
            #expect(try await api.call(.get, "/api/v1/jobs?state=sleeping").status == .badRequest)
            #expect(try await api.call(.get, "/api/v1/jobs?limit=0").status == .badRequest)
            #expect(try await api.call(.get, "/api/v1/jobs?sort=x").status == .badRequest)
            let early = try await api.call(.post, "/api/v1/jobs/\(queued)/retry")
            #expect(early.status == .conflict && early.headers[.contentType] == "application/problem+json")
            let cancelled = try await api.call(.post, "/api/v1/jobs/\(queued)/cancel")
            #expect(try cancelled.status == .ok && cancelled.object().string("state") == "cancelled")
            #expect(try await api.call(.post, "/api/v1/jobs/\(queued)/cancel").status == .conflict)
            let retried = try await api.call(.post, "/api/v1/jobs/\(queued)/retry")
            #expect(try retried.status == .ok && retried.object().string("state") == "queued")
            #expect(try await api.call(.post, "/api/v1/jobs/nope/cancel").status == .notFound)
            #expect(try await api.call(.get, "/api/v1/jobs/nope").status == .notFound)
            // The OpenAPI document describes them.
            let doc = try await api.call(.get, "/api/openapi.json").object()
            let paths = doc["paths"]?.objectValue
            for path in ["/api/v1/jobs", "/api/v1/jobs/{id}", "/api/v1/jobs/{id}/retry", "/api/v1/jobs/{id}/cancel"] { #expect(paths?[path] != nil, "\(path)") }
            #expect(doc["components"]?.objectValue?["schemas"]?.objectValue?["Job"] != nil)
        }
    }
}

/// Settings → Jobs: admins see jobs by state and steer them; others are refused.
@Suite struct JobPageTests {
    @Test(arguments: Backend.available)
    func adminsListRetryAndCancelJobsInTheirLanguage(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let jobs = JobStore(db: api.db)
            let queued = try await jobs.enqueue(.init(kind: "mail.send")).job.id
            var admin = try await WorkspacePageTests.signedIn(api, email: "boss@example.com", role: "admin")
            let page = try await admin.request(.get, "/settings/jobs", headers: [.acceptLanguage: "ko"])
            #expect(page.status == .ok)
            #expect(page.body.contains("mail.send") && page.body.contains("백그라운드 작업") && page.body.contains("작업 취소"), "\(page.body.prefix(400))")
            let settings = try await admin.request(.get, "/settings")
            #expect(settings.body.contains("/settings/jobs"))
            let csrf = PageClient.csrf(page.body) ?? ""
            let cancelled = try await admin.request(.post, "/settings/jobs/cancel", form: [("_csrf", csrf), ("id", queued)])
            #expect(cancelled.status == .seeOther)
            #expect(try #require(try await jobs.job(id: queued)).state == .cancelled)
            let again = try await admin.request(.post, "/settings/jobs/cancel", form: [("_csrf", csrf), ("id", queued)])
            #expect(again.status == .unprocessableContent)
            #expect(try await admin.request(.post, "/settings/jobs/retry", form: [("id", queued)]).status != .seeOther)
            #expect(try #require(try await jobs.job(id: queued)).state == .cancelled)
            _ = try await admin.request(.post, "/settings/jobs/retry", form: [("_csrf", csrf), ("id", queued)])
            #expect(try #require(try await jobs.job(id: queued)).state == .queued)
            let filtered = try await admin.request(.get, "/settings/jobs?state=dead")
            #expect(filtered.status == .ok && !filtered.body.contains("mail.send"))

            var rep = try await WorkspacePageTests.signedIn(api, email: "rep@example.com", role: "sales")
            let refused = try await rep.request(.get, "/settings/jobs")
            #expect(!refused.body.contains("mail.send"))
            let repCsrf = PageClient.csrf(try await rep.request(.get, "/settings").body) ?? ""
            _ = try await rep.request(.post, "/settings/jobs/cancel", form: [("_csrf", repCsrf), ("id", queued)])
            #expect(try #require(try await jobs.job(id: queued)).state == .queued)
        }
    }
}
