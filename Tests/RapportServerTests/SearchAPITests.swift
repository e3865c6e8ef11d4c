import RapportKit
import Testing

@Suite("Search across scripts")
struct SearchAPITests {
    @Test("Korean, Japanese and Latin queries each find exactly the expected person", arguments: Backend.available)
    func findsEachPerson(backend: Backend) async throws {
        try await withAPI(backend) { api in
            let org = try await api.create("organizations", #"{"name":"한빛소프트","domain":"hanbit.kr"}"#)
            let orgID = try #require(org.string("id"))
            _ = try await api.create("people", #"{"family_name":"김","given_name":"보경","emails":["bokyung@hanbit.kr"],"organization_id":"\#(orgID)"}"#)
            _ = try await api.create("people", #"{"family_name":"山田","given_name":"太郎","name_reading":"やまだ たろう"}"#)
            _ = try await api.create("people", #"{"given_name":"Ada","family_name":"Lovelace","emails":["ada@example.com"],"phones":["+44 20 7946 0018"]}"#)
            _ = try await api.create("people", #"{"given_name":"José","family_name":"Núñez"}"#)
            _ = try await api.create("people", #"{"display_name":"ﾔﾏﾓﾄ ｹﾝ","name_reading":"やまもと けん"}"#)

            #expect(try await api.names("/api/v1/people?q=%EB%B3%B4%EA%B2%BD") == ["김보경"])  // 보경
            #expect(try await api.names("/api/v1/people?q=%E5%A4%AA%E9%83%8E") == ["山田太郎"])  // 太郎
            #expect(try await api.names("/api/v1/people?q=%E3%82%84%E3%81%BE%E3%81%A0") == ["山田太郎"])  // やまだ
            #expect(try await api.names("/api/v1/people?q=LOVELACE") == ["Ada Lovelace"])
            // Full-width Latin, accents, prefixes, emails, phones and the organization's name.
            #expect(try await api.names("/api/v1/people?q=%EF%BD%8C%EF%BD%8F%EF%BD%96%EF%BD%85") == ["Ada Lovelace"])  // ｌｏｖｅ
            #expect(try await api.names("/api/v1/people?q=jose+nunez") == ["José Núñez"])
            #expect(try await api.names("/api/v1/people?q=ada%40example.com") == ["Ada Lovelace"])
            #expect(try await api.names("/api/v1/people?q=%2B44+20+7946") == ["Ada Lovelace"])
            #expect(try await api.names("/api/v1/people?q=%ED%95%9C%EB%B9%9B") == ["김보경"])  // 한빛 (organization)
            #expect(try await api.names("/api/v1/people?q=hanbit.kr") == ["김보경"])
            // Half-width katakana is found by full-width katakana (NFKC).
            #expect(try await api.names("/api/v1/people?q=%E3%83%A4%E3%83%9E%E3%83%A2%E3%83%88") == ["ﾔﾏﾓﾄ ｹﾝ"])  // ヤマモト
            #expect(try await api.names("/api/v1/people?q=zzzz").isEmpty)
        }
    }

    @Test("Exact and prefix matches rank before other hits", arguments: Backend.available)
    func ranking(backend: Backend) async throws {
        try await withAPI(backend) { api in
            _ = try await api.create("people", #"{"display_name":"Kimberly Stone","job_title":"Kim liaison"}"#)
            _ = try await api.create("people", #"{"display_name":"Kim"}"#)
            _ = try await api.create("people", #"{"display_name":"Anna Kim"}"#)
            let names = try await api.names("/api/v1/people?q=kim")
            #expect(names.first == "Kim")
            #expect(Set(names) == ["Kim", "Anna Kim", "Kimberly Stone"])
        }
    }

    @Test("Renaming an organization updates how its people are found", arguments: Backend.available)
    func reindexOnRename(backend: Backend) async throws {
        try await withAPI(backend) { api in
            let org = try await api.create("organizations", #"{"name":"Old Name Ltd"}"#)
            let orgID = try #require(org.string("id"))
            let other = try await api.create("organizations", #"{"name":"Old Timers Club"}"#)
            for name in ["Pat Doe", "김보경", "山田太郎"] {
                _ = try await api.create("people", #"{"display_name":"\#(name)","organization_id":"\#(orgID)"}"#)
            }
            _ = try await api.create("people", #"{"display_name":"Sam Roe","organization_id":"\#(other.string("id")!)"}"#)
            #expect(Set(try await api.names("/api/v1/people?q=old")) == ["Pat Doe", "김보경", "山田太郎", "Sam Roe"])
            let reply = try await api.call(.patch, "/api/v1/organizations/\(orgID)", json: #"{"name":"Brand New Co"}"#)
            #expect(reply.status == .ok)
            #expect(Set(try await api.names("/api/v1/people?q=brand")) == ["Pat Doe", "김보경", "山田太郎"])
            #expect(try await api.names("/api/v1/people?q=old") == ["Sam Roe"])
            // Their own names are still found after the re-index.
            #expect(try await api.names("/api/v1/people?q=%EB%B3%B4%EA%B2%BD") == ["김보경"])
        }
    }

    @Test("Deleted records leave search", arguments: Backend.available)
    func deletedLeaveSearch(backend: Backend) async throws {
        try await withAPI(backend) { api in
            let p = try await api.create("people", #"{"display_name":"Gone Person"}"#)
            #expect(try await api.names("/api/v1/people?q=gone") == ["Gone Person"])
            #expect(try await api.call(.delete, "/api/v1/people/\(p.string("id")!)").status == .noContent)
            #expect(try await api.names("/api/v1/people?q=gone").isEmpty)
        }
    }
}
