import Foundation
import RapportKit
import RapportStore
import Testing

@Suite struct AuditTests {
    @Test(arguments: Backend.available)
    func chainVerifiesAndCatchesEdits(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let person = try await api.create("people", #"{"display_name":"Audit Subject","emails":["audit@example.com"]}"#)
            let id = person.string("id") ?? ""
            _ = try await api.call(.patch, "/api/v1/people/\(id)", json: #"{"job_title":"CFO"}"#)
            _ = try await api.call(.delete, "/api/v1/people/\(id)")
            let intact = try await AuditChain.verify(api.db)
            #expect(intact.isIntact)
            #expect(intact.checked >= 4)
            // Editing one recorded change by hand breaks the chain at that entry.
            try await api.db.transaction { s in
                try await s.execute("UPDATE audit_log SET changes = \(#"{"job_title":[null,"CEO"]}"#) WHERE action = 'update'")
            }
            let edited = try await AuditChain.verify(api.db)
            #expect(!edited.isIntact)
            #expect(edited.firstBroken?.reason == "its changes were altered")
        }
    }

    @Test(arguments: Backend.available)
    func removingOrReorderingEntriesIsCaught(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            for i in 0..<3 { _ = try await api.create("tags", #"{"name":"t\#(i)"}"#) }
            try await api.db.transaction { s in
                let middle = try await s.query("SELECT seq FROM audit_log ORDER BY seq LIMIT 1 OFFSET 2").first?.int("seq") ?? 0
                try await s.execute("DELETE FROM audit_log WHERE seq = \(middle)")
            }
            #expect(try await AuditChain.verify(api.db).firstBroken?.reason == "it does not follow the entry before it")
        }
    }

    @Test(arguments: Backend.available)
    func changingWhoOrWhenIsCaught(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            _ = try await api.create("tags", #"{"name":"who"}"#)
            try await api.db.transaction { s in
                try await s.execute("UPDATE audit_log SET at = '2020-01-01T00:00:00.000Z' WHERE action = 'create'")
            }
            #expect(try await AuditChain.verify(api.db).firstBroken?.reason == "its facts were altered")
        }
    }

    @Test(arguments: Backend.available)
    func adminsFilterTheLog(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let rep = try await api.user("rep@example.com", role: "sales")
            let created = try await api.call(.post, "/api/v1/people", json: #"{"display_name":"Filtered"}"#, token: rep.token)
            let id = try created.object().string("id") ?? ""
            let byActor = try await api.call(.get, "/api/v1/audit?actor_id=\(rep.id)").object()["data"]?.arrayValue ?? []
            let actions = byActor.compactMap { $0.objectValue?.string("action") }
            #expect(actions.contains("create"))
            let byRecord = try await api.call(.get, "/api/v1/audit?record_id=\(id)&action=create").object()["data"]?.arrayValue ?? []
            #expect(byRecord.count == 1)
            let entry = byRecord.first?.objectValue
            #expect(entry?.string("request_id")?.isEmpty == false)
            #expect(entry?.string("hash")?.count == 64)
            let future = try await api.call(.get, "/api/v1/audit?from=2999-01-01T00:00:00Z").object()["data"]?.arrayValue ?? []
            #expect(future.isEmpty)
            #expect(try await api.call(.get, "/api/v1/audit?from=yesterday").status == .badRequest)
            #expect(try await api.call(.get, "/api/v1/audit", token: rep.token).status == .forbidden)
            // Paging walks back through everything.
            var seen = 0, pages = 0
            var cursor: String?
            repeat {
                let page = try await api.call(.get, "/api/v1/audit?limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")).object()
                let rows = page["data"]?.arrayValue?.count ?? 0
                #expect(rows <= 2)
                seen += rows
                pages += 1
                cursor = page.string("next_cursor")
            } while cursor != nil
            let total = try await api.db.read { s in try await s.query("SELECT COUNT(*) AS n FROM audit_log").first?.int("n") ?? 0 }
            #expect(seen == Int(total) && pages >= (Int(total) + 1) / 2 && pages > 1)
        }
    }
}
