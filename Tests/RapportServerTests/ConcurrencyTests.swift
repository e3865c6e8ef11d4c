import Foundation
import HTTPTypes
import RapportKit
import RapportStore
import Synchronization
import Testing

/// Runs `body` and fails the test if it has not finished within `seconds`, so a regression
/// to a frozen pool shows as a failure instead of a test run that never ends.
func withinDeadline<T: Sendable>(_ seconds: Double, _ what: String, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    let box = ContinuationBox<T>()
    return try await withCheckedThrowingContinuation { continuation in
        box.slot.withLock { $0 = continuation }
        Task {
            do {
                let value = try await body()
                box.slot.withLock { $0.take() }?.resume(returning: value)
            } catch {
                box.slot.withLock { $0.take() }?.resume(throwing: error)
            }
        }
        Task {
            try? await Task.sleep(for: .seconds(seconds))
            box.slot.withLock { $0.take() }?.resume(throwing: TestFailure("\(what) did not finish within \(seconds) s"))
        }
    }
}

/// A continuation resumed by whichever of two tasks finishes first.
final class ContinuationBox<T: Sendable>: Sendable {
    let slot = Mutex<CheckedContinuation<T, any Error>?>(nil)
}

/// Sends the same request `count` times at once and returns the replies.
func race(_ api: API, _ count: Int, _ request: @escaping @Sendable (API, Int) async throws -> Reply) async throws -> [Reply] {
    try await withThrowingTaskGroup(of: Reply.self) { group in
        for i in 0..<count { group.addTask { try await request(api, i) } }
        var out: [Reply] = []
        for try await reply in group { out.append(reply) }
        return out
    }
}

@Suite("Concurrent writers get 200, 409 or 503, never a 500 or a hang")
struct ConcurrencyTests {
    @Test("Renaming a company while its people are edited answers every request, and /healthz during it", arguments: Backend.available)
    func burst(backend: Backend) async throws {
        try await withAPI(backend) { api in
            let org = try await api.create("organizations", #"{"name":"Burst Corp"}"#).string("id") ?? ""
            var people: [String] = []
            for i in 0..<10 {
                people.append(try await api.create("people", #"{"display_name":"Person \#(i)","organization_id":"\#(org)"}"#).string("id") ?? "")
            }
            let ids = people
            let statuses = try await withinDeadline(60, "the burst") {
                try await withThrowingTaskGroup(of: (String, HTTPResponse.Status).self) { group in
                    for i in 0..<10 {
                        group.addTask { ("org", try await api.call(.patch, "/api/v1/organizations/\(org)", json: #"{"name":"Burst Corp \#(i)"}"#).status) }
                        group.addTask { ("person", try await api.call(.patch, "/api/v1/people/\(ids[i])", json: #"{"display_name":"Renamed \#(i)"}"#).status) }
                    }
                    group.addTask { ("healthz", try await api.call(.get, "/healthz").status) }
                    var out: [(String, HTTPResponse.Status)] = []
                    for try await r in group { out.append(r) }
                    return out
                }
            }
            #expect(statuses.filter { $0.0 != "healthz" }.allSatisfy { $0.1 == .ok }, "\(statuses)")
            // It answers rather than hangs; on a machine so loaded that its own connection
            // takes over two seconds, the answer is a 503, never a wait.
            #expect(statuses.contains { $0.0 == "healthz" && [.ok, .serviceUnavailable].contains($0.1) }, "\(statuses)")
            // The people are found by the company's final name.
            let final = try await api.call(.get, "/api/v1/organizations/\(org)").object().string("name") ?? ""
            #expect(try await api.names("/api/v1/people?q=\(final.replacingOccurrences(of: " ", with: "+"))&limit=50").count == 10)
        }
    }

    @Test("Twenty creates with one email: one 201, nineteen 409 naming the winner", arguments: Backend.available)
    func racingEmails(backend: Backend) async throws {
        try await withAPI(backend) { api in
            let replies = try await race(api, 20) { api, i in
                try await api.call(.post, "/api/v1/people", json: #"{"display_name":"Racer \#(i)","emails":["same@example.com"]}"#)
            }
            try Self.expectOneWinner(replies, created: .created)
        }
    }

    @Test("Twenty companies with one domain: one 201, nineteen 409 naming the winner", arguments: Backend.available)
    func racingDomains(backend: Backend) async throws {
        try await withAPI(backend) { api in
            let replies = try await race(api, 20) { api, i in
                try await api.call(.post, "/api/v1/organizations", json: #"{"name":"Racer \#(i)","domain":"race.example"}"#)
            }
            try Self.expectOneWinner(replies, created: .created)
        }
    }

    @Test("Ten admins adding one custom field name: one 201, nine 409 naming it", arguments: Backend.available)
    func racingCustomFields(backend: Backend) async throws {
        try await withAPI(backend) { api in
            let replies = try await race(api, 10) { api, _ in
                try await api.call(.post, "/api/v1/fields", json: #"{"record_type":"people","name":"shoe_size","kind":"number"}"#)
            }
            try Self.expectOneWinner(replies, created: .created)
            let fields = try await api.call(.get, "/api/v1/fields").body
            #expect(fields.components(separatedBy: "shoe_size").count == 2, "\(fields)")
        }
    }

    @Test("Ten people given one email at once: one 200, nine 409 naming the holder", arguments: Backend.available)
    func racingPatches(backend: Backend) async throws {
        try await withAPI(backend) { api in
            var people: [String] = []
            for i in 0..<10 { people.append(try await api.create("people", #"{"display_name":"Patcher \#(i)"}"#).string("id") ?? "") }
            let ids = people
            let replies = try await race(api, 10) { api, i in
                try await api.call(.patch, "/api/v1/people/\(ids[i])", json: #"{"emails":["taken@example.com"]}"#)
            }
            try Self.expectOneWinner(replies, created: .ok)
        }
    }

    /// Exactly one reply has status `created`; every other is a 409 whose `existing_id` is
    /// the winner's id.
    static func expectOneWinner(_ replies: [Reply], created: HTTPResponse.Status) throws {
        let winners = replies.filter { $0.status == created }
        #expect(winners.count == 1, "\(replies.map { "\($0.status.code) \($0.body)" })")
        let winner = try winners.first?.object().string("id") ?? ""
        let losers = replies.filter { $0.status != created }
        #expect(losers.count == replies.count - 1)
        for reply in losers {
            #expect(reply.status == .conflict, "\(reply.body)")
            #expect(try reply.object().string("existing_id") == winner, "\(reply.body)")
        }
    }

    @Test("Forged cursors are a 400 on both databases", arguments: Backend.available)
    func forgedCursors(backend: Backend) async throws {
        try await withAPI(backend) { api in
            _ = try await api.create("organizations", #"{"name":"Cursor Corp"}"#)
            let forged: [(String, Cursor)] = [
                ("/api/v1/deals?sort=amount", Cursor(sort: "amount", value: .string("abc"), id: "x")),
                ("/api/v1/deals?sort=amount", Cursor(sort: "amount", value: .number("1.5"), id: "x")),
                ("/api/v1/organizations?sort=name", Cursor(sort: "name", value: .number("12"), id: "x")),
                ("/api/v1/organizations", Cursor(sort: "-updated_at", value: .object(JSONObject([("a", .number("1"))])), id: "x")),
                ("/api/v1/organizations", Cursor(sort: "-updated_at", value: .string("a\u{0}b"), id: "x")),
                ("/api/v1/organizations", Cursor(sort: "-updated_at", value: .string("2026"), id: "a\u{0}")),
            ]
            for (path, cursor) in forged {
                let reply = try await api.call(.get, path + (path.contains("?") ? "&" : "?") + "cursor=" + cursor.encoded)
                #expect(reply.status == .badRequest, "\(path) \(cursor): \(reply.body)")
                #expect(try reply.errorFields() == ["cursor"], "\(reply.body)")
            }
            #expect(try await api.call(.get, "/api/v1/organizations?cursor=%21%21%21").status == .badRequest)
        }
    }

    @Test("A custom value written through another instance survives an update that does not name it", arguments: Backend.available)
    func customValuesMerge(backend: Backend) async throws {
        try await withAPI(backend) { api in
            #expect(try await api.call(.post, "/api/v1/fields", json: #"{"record_type":"organizations","name":"tier","kind":"choice","options":["gold","silver"]}"#).status == .created)
            let org = try await api.create("organizations", #"{"name":"Merge Corp","tier":"silver"}"#).string("id") ?? ""
            // The application now holds the definitions with `tier` only.
            #expect(try await api.call(.get, "/api/v1/organizations/\(org)").status == .ok)

            let other = RecordStore(db: api.db, cipher: testConfiguration.cipher)
            _ = try await other.addCustomField(JSONObject([("record_type", .string("organizations")), ("name", .string("seats")), ("kind", .string("number"))]), actor: .system)
            let orgs = try await other.type(named: "organizations")
            _ = try await other.update(orgs, id: org, body: JSONObject([("seats", .number("40"))]), ifMatch: nil, actor: .system)

            let patched = try await api.call(.patch, "/api/v1/organizations/\(org)", json: #"{"tier":"gold"}"#)
            #expect(patched.status == .ok, "\(patched.body)")
            let stored = try await other.get(try await other.type(named: "organizations"), id: org, actor: .system)
            #expect(stored.fields["seats"] == .number("40"))
            #expect(stored.fields["tier"] == .string("gold"))
            // No audit entry recorded `seats` going away.
            let audit = try await api.call(.get, "/api/v1/audit?record_id=\(org)").body
            #expect(!audit.contains(#""seats":["40",null]"#) && !audit.contains(#""seats":[40,null]"#), "\(audit)")
        }
    }

    @Test("Three instances starting at once make one default pipeline", arguments: Backend.available)
    func startupIsIdempotent(backend: Backend) async throws {
        try await TestDatabase.with(backend) { db in
            // Separate pools on PostgreSQL, as separate processes would have. SQLite is one
            // process's file: its instances share the pool and its single writer.
            var instances: [(Database, RecordStore)] = []
            for _ in 0..<3 {
                let other = backend == .postgres ? try await Database.open(db.url) : db
                instances.append((other, RecordStore(db: other)))
            }
            let stores = instances.map(\.1)
            let ids = try await withThrowingTaskGroup(of: String.self) { group in
                for store in stores { group.addTask { try await store.ensureDefaultPipeline() } }
                var out: [String] = []
                for try await id in group { out.append(id) }
                return out
            }
            for (other, _) in instances where other !== db { await other.close() }
            #expect(Set(ids).count == 1)
            let count = try await db.read { s in try await s.query("SELECT COUNT(*) AS n FROM pipelines").first?.int("n") }
            #expect(count == 1)
            let stages = try await db.read { s in try await s.query("SELECT COUNT(*) AS n FROM pipeline_stages").first?.int("n") }
            #expect(stages == Int64(Pipelines.defaultStages.count))
        }
    }
}
