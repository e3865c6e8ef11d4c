import RapportKit
import Testing

@Suite("Timelines and merging duplicates")
struct TimelineMergeTests {
    @Test("A timeline shows linked activities and audited changes, newest first, paged", arguments: Backend.available)
    func timeline(backend: Backend) async throws {
        try await withAPI(backend) { api in
            let p = try await api.create("people", #"{"display_name":"Kim Bo-kyung"}"#)
            let pid = p.string("id")!
            _ = try await api.create("activities", #"{"kind":"call","subject":"First call","occurred_at":"2026-01-02T09:00:00Z","participants":["\#(pid)"]}"#)
            _ = try await api.create("activities", #"{"kind":"note","body":"Prefers email","occurred_at":"2026-01-03T09:00:00Z","links":[{"type":"people","id":"\#(pid)"}]}"#)
            _ = try await api.create("activities", #"{"kind":"note","body":"Unrelated","occurred_at":"2026-01-04T09:00:00Z"}"#)
            #expect(try await api.call(.patch, "/api/v1/people/\(pid)", json: #"{"job_title":"CTO"}"#).status == .ok)

            let page = try await api.call(.get, "/api/v1/people/\(pid)/timeline?limit=2").object()
            let entries = page["data"]?.arrayValue?.compactMap(\.objectValue) ?? []
            #expect(entries.count == 2)
            #expect(entries[0].string("entry") == "change")
            #expect(entries[0].string("action") == "update")
            #expect(entries[0]["changes"]?.objectValue?["job_title"] == .array([.null, .string("CTO")]))
            #expect(entries[1].string("entry") == "change")
            #expect(entries[1].string("action") == "create")
            let cursor = try #require(page["next_cursor"]?.stringValue)
            let rest = try await api.call(.get, "/api/v1/people/\(pid)/timeline?limit=10&cursor=\(cursor)").object()["data"]?.arrayValue?.compactMap(\.objectValue) ?? []
            #expect(rest.map { $0["activity"]?.objectValue?.string("kind") } == ["note", "call"])
            #expect(try await api.call(.get, "/api/v1/people/01a211e7-e91a-7ff5-bd97-befbd42d9a91/timeline").status == .notFound)
        }
    }

    @Test("Merging people keeps every email, phone, tag, link and the history", arguments: Backend.available)
    func merge(backend: Backend) async throws {
        try await withAPI(backend) { api in
            let a = try await api.create("people", #"{"display_name":"Ada Lovelace","emails":["ada@example.com"],"tags":["vip"]}"#)
            let b = try await api.create("people", #"{"display_name":"A. Lovelace","emails":["ada@work.example"],"phones":["+44 20 7946 0018"],"job_title":"Analyst","tags":["VIP","speaker"]}"#)
            let aid = a.string("id")!, bid = b.string("id")!
            let act = try await api.create("activities", #"{"kind":"meeting","subject":"Engine review","participants":["\#(bid)"]}"#)
            let merged = try await api.call(.post, "/api/v1/people/merge", json: #"{"survivor_id":"\#(aid)","duplicate_id":"\#(bid)"}"#)
            #expect(merged.status == .ok, "\(merged.body)")
            let m = try merged.object()
            #expect(m.string("display_name") == "Ada Lovelace")
            #expect(m.string("job_title") == "Analyst")
            #expect(m["emails"] == .array([
                .object(JSONObject([("address", .string("ada@example.com")), ("primary", .bool(true))])),
                .object(JSONObject([("address", .string("ada@work.example")), ("primary", .bool(false))])),
            ]))
            #expect(m["tags"] == .array([.string("vip"), .string("speaker")]))
            #expect(m["phones"]?.arrayValue?.count == 1)
            #expect(try await api.call(.get, "/api/v1/people/\(bid)").status == .notFound)
            // The activity now names the survivor, and the survivor's timeline shows it and the merge.
            let activity = try await api.call(.get, "/api/v1/activities/\(act.string("id")!)").object()
            #expect(activity["participants"] == .array([.string(aid)]))
            let timeline = try await api.call(.get, "/api/v1/people/\(aid)/timeline").object()["data"]?.arrayValue?.compactMap(\.objectValue) ?? []
            #expect(timeline.contains { $0.string("action") == "merge" })
            #expect(timeline.contains { $0["activity"]?.objectValue?.string("subject") == "Engine review" })
            #expect(timeline.contains { $0.string("action") == "create" && $0.string("record_id") == bid })
            // The duplicate's email now belongs to the survivor.
            let dup = try await api.call(.post, "/api/v1/people", json: #"{"emails":["ada@work.example"]}"#)
            #expect(try dup.object().string("existing_id") == aid)
            #expect(try await api.names("/api/v1/people?q=work.example") == ["Ada Lovelace"])
            #expect(try await api.call(.post, "/api/v1/people/merge", json: #"{"survivor_id":"\#(aid)","duplicate_id":"\#(aid)"}"#).status == .unprocessableContent)
        }
    }
}
