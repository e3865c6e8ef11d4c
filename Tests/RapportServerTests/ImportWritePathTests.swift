import Foundation
import HTTPTypes
import NIOCore
import RapportKit
import RapportStore
import Testing

/// The import's bulk write (multi-row `INSERT` on SQLite, `COPY` on PostgreSQL) stores
/// exactly what the API's create stores, and refuses rows one by one.
@Suite("Import write path")
struct ImportWritePathTests {
    /// Everything stored about one person: the row (ids, times and the search column left
    /// out, references named by role), unique keys, membership rows and index terms.
    struct Stored: Equatable, CustomStringConvertible {
        var row: [String: String] = [:]
        var keys: [String] = []
        var members: [String] = []
        var terms: [String] = []
        var description: String { "row \(row)\nkeys \(keys)\nmembers \(members)\nterms \(terms)" }
    }

    static func stored(_ db: Database, id: String, organization: String, actor: String) async throws -> Stored {
        try await db.read { s in
            var out = Stored()
            guard let row = try await s.query("SELECT * FROM people WHERE id = \(id)").first else { throw TestFailure("no person \(id)") }
            let seq = row.int("seq") ?? 0
            for column in row.columnNames where !["id", "seq", "created_at", "updated_at", "search"].contains(column) {
                let value = row.text(column)
                out.row[column] = value == organization ? "<organization>" : value == actor ? "<actor>" : value ?? "NULL"
            }
            out.keys = try await s.query("SELECT key FROM record_keys WHERE record_id = \(id)").compactMap { $0.text("key") }.sorted()
            out.members = try await s.query("SELECT field, value FROM record_members WHERE record_id = \(id)")
                .map { "\($0.text("field") ?? "")=\($0.text("value") ?? "")" }.sorted()
            switch s.dialect {
            case .postgres:
                // tsvector's text form: 'term' 'term' …, sorted and without duplicates.
                let text = try await s.query("SELECT search::text AS terms FROM people WHERE id = \(id)").first?.text("terms") ?? ""
                out.terms = text.split(separator: " ").map(String.init).sorted()
            case .sqlite:
                // The index is contentless; its vocabulary still lists each document's terms.
                try await s.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.people_terms USING fts5vocab(main, people_search, instance)")
                out.terms = try await s.query("SELECT term FROM temp.people_terms WHERE doc = \(seq)").compactMap { $0.text("term") }.sorted()
            }
            return out
        }
    }

    static func importCSV(_ api: API, _ csv: String) async throws -> JSONObject {
        let headers: HTTPFields = [.authorization: "Bearer \(api.token)", .contentType: "text/csv"]
        let reply = try await api.raw(.post, "/api/v1/people/import", body: ByteBuffer(string: csv), headers: headers)
        #expect(reply.status == .ok, "\(reply.body)")
        return try reply.object()
    }

    static func errors(_ summary: JSONObject) -> [(row: String, column: String, reason: String)] {
        (summary["errors"]?.arrayValue ?? []).compactMap(\.objectValue).map {
            ($0["row"]?.numberLiteral ?? "", $0.string("column") ?? "", $0.string("reason") ?? "")
        }
    }

    static let shoeSize = #"{"record_type":"people","name":"shoe_size","kind":"number"}"#

    /// A custom field and the company both people name; returns its id and the admin's.
    static func setUp(_ api: API) async throws -> (organization: String, actor: String) {
        #expect(try await api.call(.post, "/api/v1/fields", json: Self.shoeSize).status == .created)
        let org = try await api.create("organizations", #"{"name":"Hanbit Soft","domain":"hanbit.kr"}"#)
        return (org.string("id") ?? "", org.string("created_by") ?? "")
    }

    /// One person created through `POST /api/v1/people` in one database and imported
    /// through `POST /api/v1/people/import` in another: the same row, keys, memberships and
    /// index terms, and both are found by a two-character Korean search. Text with a
    /// quote, a backslash and a comma checks `COPY`'s escaping on PostgreSQL.
    @Test(arguments: Backend.available)
    func anImportedPersonIsStoredAsACreatedOne(_ backend: Backend) async throws {
        let json = #"""
            {"family_name":"O'Brien\\Kim","given_name":"보경","name_reading":"오브라이언 보경","emails":["bokyung@hanbit.kr","b.kim@hanbit.kr"],
             "phones":["+82 10-1234-5678"],"job_title":"Head of R&D, Seoul","organization_id":"ORG","language":"ko",
             "time_zone":"Asia/Seoul","lifecycle_stage":"customer","source":"trade fair","tags":["VIP","서울"],"shoe_size":42.5}
            """#
        let csv = #"""
            Family name,Given name,Reading,Email,Phone,Title,Company,Language,Time zone,Stage,Source,Tags,shoe_size
            O'Brien\Kim,보경,오브라이언 보경,bokyung@hanbit.kr;b.kim@hanbit.kr,+82 10-1234-5678,"Head of R&D, Seoul",Hanbit Soft,ko,Asia/Seoul,customer,trade fair,VIP;서울,42.5

            """#
        try await withAPI(backend) { created in
            let (org, actor) = try await Self.setUp(created)
            let person = try await created.create("people", json.replacingOccurrences(of: "ORG", with: org))
            let viaAPI = try await Self.stored(created.db, id: person.string("id") ?? "", organization: org, actor: actor)

            try await withAPI(backend) { imported in
                let (org2, actor2) = try await Self.setUp(imported)
                let summary = try await Self.importCSV(imported, csv)
                #expect(summary["created"] == .number("1") && summary["failed"] == .number("0"), "\(summary)")
                let id = try await imported.call(.get, "/api/v1/people").object()["data"]?.arrayValue?.first?.objectValue?.string("id") ?? ""
                let viaImport = try await Self.stored(imported.db, id: id, organization: org2, actor: actor2)
                #expect(viaImport == viaAPI)
                #expect(!viaImport.terms.isEmpty && viaImport.keys.count == 2)
                #expect(viaImport.row["organization_id"] == "<organization>" && viaImport.row["owner_id"] == "<actor>")
                #expect(try await imported.names("/api/v1/people?q=%EB%B3%B4%EA%B2%BD") == [person.string("display_name") ?? "?"])
                #expect(try await imported.names("/api/v1/people?q=hanbit") == [person.string("display_name") ?? "?"])

                // One audited bulk operation, as before: the counts, by the importer.
                let audit = try await imported.db.read { s in
                    try await s.query("SELECT actor_id, changes FROM audit_log WHERE action = 'import' AND record_type = 'people'")
                }
                #expect(audit.count == 1)
                #expect(audit.first?.text("actor_id") == actor2)
                let changes = try JSONValue.parse(audit.first?.text("changes") ?? "null").objectValue
                #expect(changes?["created"] == .number("1") && changes?["rows"] == .number("1"), "\(String(describing: changes))")
            }
        }
    }

    /// A value already held in the database and a value repeated inside the file are each
    /// reported on their own row and column; every other row lands.
    @Test(arguments: Backend.available)
    func duplicatesAreReportedPerRow(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            _ = try await api.create("people", #"{"given_name":"Taken","emails":["taken@example.com"]}"#)
            let csv = "Name,E-mail\nAda,ada@example.com\nTaken Again,taken@example.com\nAda Twice,ada@example.com\nGrace,grace@example.com\n"
            let summary = try await Self.importCSV(api, csv)
            #expect(summary["created"] == .number("2") && summary["skipped"] == .number("2") && summary["failed"] == .number("0"), "\(summary)")
            let errors = Self.errors(summary)
            #expect(errors.map(\.row) == ["3", "4"])
            #expect(errors.map(\.column) == ["E-mail", "E-mail"])
            #expect(errors.first?.reason.contains("already has this value") == true)
            #expect(errors.last?.reason == "Same as row 2; skipped.")
            #expect(try await api.names("/api/v1/people?q=ada") == ["Ada"])
            #expect(try await api.names("/api/v1/people?q=grace") == ["Grace"])
            #expect(try await api.names("/api/v1/people?q=again").isEmpty)
        }
    }

    /// Batches of two: a row repeating a value of an earlier batch is caught by the key it
    /// left in the database, and one repeating a row of its own batch by the file's record
    /// of keys seen.
    @Test(arguments: Backend.available)
    func duplicatesAcrossAndWithinBatches(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { db in
            let store = RecordStore(db: db)
            let people = try await store.type(named: "people")
            var options = ImportOptions()
            options.batchSize = 2
            let csv = "Name,Email\nA,a@example.com\nB,b@example.com\nC,c@example.com\nC2,c@example.com\nA2,a@example.com\nD,d@example.com\n"
            let summary = try await store.importCSV(people, rows: try rows(csv), options: options, actor: .system)
            #expect(summary.created == 4 && summary.skipped == 2 && summary.failed == 0, "\(summary)")
            #expect(summary.errors.map(\.row) == [5, 6])
            #expect(summary.errors.map(\.reason) == ["Same as row 4; skipped.", "Another record already has this value; skipped."])
            #expect(summary.errors.map(\.column) == ["Email", "Email"])
            #expect(try await store.count(people) == 4)
        }
    }

    /// A row the checks without the database refuse (an invalid email) and one the checks
    /// against it refuse (a company id that does not exist), both in the middle of one
    /// batch, are left out alone: the rows around them are stored and searchable.
    @Test(arguments: Backend.available)
    func aBadRowInTheMiddleOfABatchIsRejectedAlone(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let org = try await api.create("organizations", #"{"name":"Hanbit Soft"}"#).string("id") ?? ""
            let csv = """
                Name,Email,organization_id
                Ada Lovelace,ada@example.com,\(org)
                Bad Email,not-an-email,
                Grace Hopper,grace@example.com,\(org)
                Lost Company,lost@example.com,\(RecordID.make())
                Katherine Johnson,katherine@example.com,

                """
            let summary = try await Self.importCSV(api, csv)
            #expect(summary["created"] == .number("3") && summary["failed"] == .number("2"), "\(summary)")
            #expect(Self.errors(summary).map(\.row) == ["3", "5"])
            #expect(Self.errors(summary).map(\.column) == ["Email", "organization_id"])
            for name in ["ada", "grace", "katherine"] { #expect(try await api.names("/api/v1/people?q=\(name)").count == 1) }
            for name in ["bad", "lost"] { #expect(try await api.names("/api/v1/people?q=\(name)").isEmpty) }
            #expect(try await api.names("/api/v1/people?q=hanbit").sorted() == ["Ada Lovelace", "Grace Hopper"])
        }
    }
}
