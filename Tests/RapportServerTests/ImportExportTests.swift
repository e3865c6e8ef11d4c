import Foundation
import HTTPTypes
import NIOCore
import RapportKit
import RapportStore
import Testing

/// The rows of a CSV text, as the importer reads them.
func rows(_ csv: String) throws -> CSVRowList {
    try CSVRowList(parsing: Array(csv.utf8))
}

@Suite("CSV import and export")
struct ImportExportTests {
    static func sample(rows: Int, bad: Set<Int>) -> String {
        var csv = "Name,Email,Phone,Company,Stage,Tags\n"
        for i in 1...rows {
            if bad.contains(i) {
                switch i % 3 {
                case 0: csv += "Bad \(i),not-an-email-\(i),,,lead,\n"
                case 1: csv += "Bad \(i),bad\(i)@example.com,,,royalty,\n"
                default: csv += ",,,,lead,\n"
                }
            } else {
                csv += "Person \(i),p\(i)@example.com,+82 10-0000-\(String(format: "%04d", i)),\(i % 2 == 0 ? "한빛소프트" : "hanbit.example"),lead,a;b\n"
            }
        }
        return csv
    }

    @Test("10,000 rows with 10 bad rows: exactly those are reported, the rest imported", arguments: Backend.available)
    func importReportsBadRows(backend: Backend) async throws {
        try await TestDatabase.with(backend) { db in
            let store = RecordStore(db: db)
            let people = try await store.type(named: "people")
            let badRows: Set<Int> = [3, 17, 250, 999, 1000, 4001, 5555, 7000, 9998, 10000]
            let csv = Self.sample(rows: 10_000, bad: badRows)
            let summary = try await store.importCSV(people, rows: try rows(csv), options: ImportOptions(), actor: .system)
            #expect(summary.rows == 10_000)
            #expect(summary.failed == 10)
            #expect(summary.created == 9_990)
            // Row numbers are the file's lines: the header is line 1.
            #expect(Set(summary.errors.map(\.row)) == Set(badRows.map { $0 + 1 }))
            #expect(summary.relatedCreated == 2)
            #expect(try await store.count(people) == 9_990)
            var q = ListQuery()
            q.search = SearchQuery("p4242@example.com")
            let hits = try await store.list(people, query: q, actor: .system)
            #expect(hits.records.map { $0.fields["display_name"]?.stringValue } == ["Person 4242"])
            #expect(hits.records.first?.fields["tags"] == .array([.string("a"), .string("b")]))

            // Importing again skips the duplicates and creates only rows 3 and 17, now valid.
            let again = try await store.importCSV(people, rows: try rows(Self.sample(rows: 20, bad: [])), options: ImportOptions(), actor: .system)
            #expect(again.skipped == 18 && again.created == 2, "\(again)")
            var update = ImportOptions()
            update.onDuplicate = .update
            let updated = try await store.importCSV(people, rows: try rows("Email,Title\np5@example.com,CFO\n"), options: update, actor: .system)
            #expect(updated.updated == 1)
        }
    }

    @Test("Dry runs and strict imports with bad rows write nothing", arguments: Backend.available)
    func nothingWritten(backend: Backend) async throws {
        try await TestDatabase.with(backend) { db in
            let store = RecordStore(db: db)
            let people = try await store.type(named: "people")
            var dry = ImportOptions()
            dry.dryRun = true
            let checked = try await store.importCSV(people, rows: try rows(Self.sample(rows: 50, bad: [7])), options: dry, actor: .system)
            #expect(checked.created == 49 && checked.failed == 1 && !checked.committed)
            #expect(try await store.count(people) == 0)
            var strict = ImportOptions()
            strict.strict = true
            await #expect(throws: ImportError.self) {
                _ = try await store.importCSV(people, rows: try rows(Self.sample(rows: 50, bad: [7])), options: strict, actor: .system)
            }
            #expect(try await store.count(people) == 0)
            #expect(try await store.count(try await store.type(named: "organizations")) == 0)
            await #expect(throws: ImportError.self) {
                _ = try await store.importCSV(people, rows: try rows("Name,Shoe size\nA,42\n"), options: ImportOptions(), actor: .system)
            }
        }
    }

    @Test("Export then import gives back the same people", arguments: Backend.available)
    func roundTrip(backend: Backend) async throws {
        try await TestDatabase.with(backend) { db in
            let store = RecordStore(db: db)
            let people = try await store.type(named: "people")
            let org = try await store.create(try await store.type(named: "organizations"), body: JSONObject([("name", .string("Acme, Inc."))]), actor: .system)
            _ = try await store.create(people, body: try JSONValue.parse(#"{"family_name":"山田","given_name":"太郎","name_reading":"やまだ たろう","emails":["taro@acme.example","t@acme.example"],"phones":["+81 90-1234-5678"],"tags":["=cmd","重要"],"organization_id":"\#(org.id)"}"#).objectValue!, actor: .system)
            var csv = ""
            _ = try await store.export(people, format: .csv, actor: .system) { csv += $0 }
            #expect(csv.contains("'=cmd"))
            #expect(csv.contains("taro@acme.example;t@acme.example"))
            var jsonl = ""
            #expect(try await store.export(people, format: .jsonl, actor: .system) { jsonl += $0 } == 1)
            #expect(try JSONValue.parse(String(jsonl.dropLast())).objectValue?.string("display_name") == "山田太郎")

            try await TestDatabase.with(backend) { other in
                let store2 = RecordStore(db: other)
                _ = try await store2.create(try await store2.type(named: "organizations"), body: JSONObject([("name", .string("Acme, Inc."))]), actor: .system)
                var options = ImportOptions()
                options.mapping["organization_id"] = "-"
                let summary = try await store2.importCSV(try await store2.type(named: "people"), rows: try rows(csv), options: options, actor: .system)
                #expect(summary.created == 1 && summary.failed == 0, "\(summary.errors)")
                var q = ListQuery()
                q.search = SearchQuery("やまだ")
                let p = try await store2.list(try await store2.type(named: "people"), query: q, actor: .system).records.first
                #expect(p?.fields["emails"]?.arrayValue?.count == 2)
                #expect(p?.fields["name_reading"] == .string("やまだ たろう"))
            }
        }
    }
}

@Suite("CSV import over HTTP")
struct ImportAPITests {
    @Test("Reports bad rows by line and header, honours dry runs and strict mode", arguments: Backend.available)
    func importOverHTTP(backend: Backend) async throws {
        try await withAPI(backend) { api in
            let csv = "Name,Email,Company\nAda Lovelace,ada@example.com,Analytical Engines\nBad Row,not-an-email,\n김보경,bokyung@hanbit.kr,hanbit.kr\n"
            let headers: HTTPFields = [.authorization: "Bearer \(api.token)", .contentType: "text/csv"]
            let dry = try await api.raw(.post, "/api/v1/people/import?dry_run=true", body: ByteBuffer(string: csv), headers: headers)
            #expect(dry.status == .ok)
            #expect(try dry.object()["committed"] == .bool(false))
            #expect(try await api.names("/api/v1/people").isEmpty)

            let strict = try await api.raw(.post, "/api/v1/people/import?strict=true", body: ByteBuffer(string: csv), headers: headers)
            #expect(strict.status == .unprocessableContent)
            #expect(try strict.errorFields() == ["row 3, Email"])
            #expect(try await api.names("/api/v1/people").isEmpty)

            let reply = try await api.raw(.post, "/api/v1/people/import", body: ByteBuffer(string: csv), headers: headers)
            #expect(reply.status == .ok, "\(reply.body)")
            let summary = try reply.object()
            #expect(summary["created"] == .number("2"))
            #expect(summary["failed"] == .number("1"))
            #expect(summary["related_created"] == .number("2"))
            let error = summary["errors"]?.arrayValue?.first?.objectValue
            #expect(error?["row"] == .number("3"))
            #expect(error?.string("column") == "Email")
            #expect(try await api.names("/api/v1/people?q=%EB%B3%B4%EA%B2%BD") == ["김보경"])
            #expect(try await api.names("/api/v1/people?q=analytical") == ["Ada Lovelace"])
            // The company given by its domain was created with that domain.
            #expect(try await api.names("/api/v1/organizations?filter[domain]=hanbit.kr", field: "name") == ["hanbit.kr"])

            let json = try await api.raw(.post, "/api/v1/people/import", body: ByteBuffer(string: csv), headers: [.authorization: "Bearer \(api.token)", .contentType: "application/json"])
            #expect(json.status == .unsupportedMediaType)
            let unmapped = try await api.raw(.post, "/api/v1/people/import", body: ByteBuffer(string: "Shoe size\n42\n"), headers: headers)
            #expect(unmapped.status == .unprocessableContent)
            let broken = try await api.raw(.post, "/api/v1/people/import", body: ByteBuffer(string: "Name\n\"unterminated\n"), headers: headers)
            #expect(broken.status == .badRequest)
        }
    }
}
