import RapportKit
import Testing

/// What an empty filter value means, for every field kind and operator: `filter[x]=` is
/// "x is empty", `[ne]=` "x is not empty", an empty item of `[in]` adds "x is empty", and
/// `[gte]=`/`[lte]=` need a value (400). Never a 500, on either database.
@Suite struct EmptyFilterTests {
    /// One filterable field of every kind the catalog uses, with its type: generated, so a
    /// new kind is covered without editing this test.
    static let cases: [(type: String, field: String)] = {
        var seen = Set<String>()
        var out: [(String, String)] = []
        for type in RecordCatalog.builtIn.types {
            for field in type.fields where field.kind != .longText && !field.isEncrypted && seen.insert(field.kind.name).inserted {
                out.append((type.name, field.name))
            }
        }
        return out
    }()

    @Test(arguments: Backend.available)
    func everyKindAndOperator(_ backend: Backend) async throws {
        #expect(Self.cases.count >= 15, "\(Self.cases)")
        try await withAPI(backend) { api in
            for (type, field) in Self.cases {
                let all = try await api.call(.get, "/api/v1/\(type)?limit=500")
                #expect(all.status == .ok, "\(type): \(all.body)")
                let total = try all.object()["data"]?.arrayValue?.count ?? -1
                var counts: [String: Int] = [:]
                for op in ["", "[ne]", "[in]"] {
                    let reply = try await api.call(.get, "/api/v1/\(type)?limit=500&filter[\(field)]\(op)=")
                    #expect(reply.status == .ok, "\(type).\(field)\(op)= (\(reply.status)): \(reply.body)")
                    counts[op] = try reply.object()["data"]?.arrayValue?.count
                }
                #expect(counts[""] == counts["[in]"], "\(type).\(field)")
                #expect((counts[""] ?? 0) + (counts["[ne]"] ?? 0) == total, "\(type).\(field): empty and not empty split the list")
                for op in ["[gte]", "[lte]"] {
                    let reply = try await api.call(.get, "/api/v1/\(type)?filter[\(field)]\(op)=")
                    #expect(reply.status == .badRequest, "\(type).\(field)\(op)= (\(reply.status)): \(reply.body)")
                }
            }
        }
    }

    /// The reported cases with rows: a money field and emails, with and without values.
    @Test(arguments: Backend.available)
    func emptyMeansWithoutAValue(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            _ = try await api.create("organizations", #"{"name": "Rich", "annual_revenue": {"amount": "1000000", "currency": "KRW"}, "tags": ["vip"]}"#)
            _ = try await api.create("organizations", #"{"name": "Quiet"}"#)
            _ = try await api.create("people", #"{"display_name": "With Mail", "emails": ["a@example.com"]}"#)
            _ = try await api.create("people", #"{"display_name": "No Mail"}"#)
            _ = try await api.create("people", #"{"display_name": "Empty Mail", "emails": []}"#)
            #expect(try await api.names("/api/v1/organizations?filter[annual_revenue]=", field: "name") == ["Quiet"])
            #expect(try await api.names("/api/v1/organizations?filter[annual_revenue][ne]=", field: "name") == ["Rich"])
            #expect(try await api.names("/api/v1/organizations?filter[annual_revenue][ne]=1000000%20KRW", field: "name") == ["Quiet"])
            #expect(try await api.names("/api/v1/organizations?filter[annual_revenue][in]=,1000000%20KRW", field: "name").sorted() == ["Quiet", "Rich"])
            #expect(try await api.names("/api/v1/organizations?filter[tags]=", field: "name") == ["Quiet"])
            #expect(try await api.names("/api/v1/organizations?filter[tags][ne]=", field: "name") == ["Rich"])
            #expect(try await api.names("/api/v1/people?filter[emails]=").sorted() == ["Empty Mail", "No Mail"])
            #expect(try await api.names("/api/v1/people?filter[emails][ne]=") == ["With Mail"])
            #expect(try await api.names("/api/v1/people?filter[emails][in]=a@example.com,").sorted() == ["Empty Mail", "No Mail", "With Mail"])
        }
    }
}
