import Foundation
import RapportKit
import Testing

@Suite("Lists: filters, sorting and cursor paging")
struct ListTests {
    @Test("Cursor paging visits every record once in sort order", arguments: Backend.available)
    func paging(backend: Backend) async throws {
        try await withAPI(backend) { api in
            let names = ["Delta", "alpha", "Charlie", "Bravo", "Echo", "Golf", "Foxtrot"]
            for n in names { _ = try await api.create("organizations", #"{"name":"\#(n)","country":"\#(n.count > 5 ? "KR" : "JP")"}"#) }
            var seen: [String] = []
            var uri = "/api/v1/organizations?sort=name&limit=3"
            var pages = 0
            while true {
                let page = try await api.call(.get, uri).object()
                seen += page["data"]?.arrayValue?.compactMap { $0.objectValue?.string("name") } ?? []
                pages += 1
                guard let next = page["next_cursor"]?.stringValue else { break }
                uri = "/api/v1/organizations?sort=name&limit=3&cursor=\(next)"
            }
            #expect(pages == 3)
            #expect(seen == names.sorted())
            let desc = try await api.names("/api/v1/organizations?sort=-name&limit=2", field: "name")
            #expect(desc == ["alpha", "Golf"])
            // A cursor from one order is refused under another.
            let first = try await api.call(.get, "/api/v1/organizations?sort=name&limit=1").object()
            let cursor = try #require(first["next_cursor"]?.stringValue)
            #expect(try await api.call(.get, "/api/v1/organizations?sort=-name&cursor=\(cursor)").status == .badRequest)
        }
    }

    @Test("Filters on values, lists, money and dates", arguments: Backend.available)
    func filters(backend: Backend) async throws {
        try await withAPI(backend) { api in
            _ = try await api.create("organizations", #"{"name":"A","country":"KR","tags":["vip"],"relationship_roles":["customer"],"annual_revenue":{"amount":"5000000","currency":"KRW"}}"#)
            _ = try await api.create("organizations", #"{"name":"B","country":"JP","tags":["VIP","new"],"relationship_roles":["partner","supplier"],"annual_revenue":{"amount":"100","currency":"JPY"}}"#)
            _ = try await api.create("organizations", #"{"name":"C","relationship_roles":["supplier"]}"#)
            #expect(try await api.names("/api/v1/organizations?filter[country]=KR", field: "name") == ["A"])
            #expect(Set(try await api.names("/api/v1/organizations?filter[country][in]=KR,JP", field: "name")) == ["A", "B"])
            #expect(try await api.names("/api/v1/organizations?filter[country]=", field: "name") == ["C"])
            #expect(Set(try await api.names("/api/v1/organizations?filter[tags]=vip", field: "name")) == ["A", "B"])
            #expect(Set(try await api.names("/api/v1/organizations?filter[relationship_roles]=supplier", field: "name")) == ["B", "C"])
            #expect(try await api.names("/api/v1/organizations?filter[annual_revenue][gte]=1000000+KRW", field: "name") == ["A"])
            #expect(try await api.call(.get, "/api/v1/organizations?filter[annual_revenue][gte]=1000000").status == .badRequest)
            let today = String(Timestamp.format(Date()).prefix(10))
            #expect(try await api.names("/api/v1/organizations?filter[created_at]=\(today)", field: "name").count == 3)
            #expect(try await api.names("/api/v1/organizations?filter[created_at][lte]=2000-01-01", field: "name").isEmpty)
        }
    }
}
