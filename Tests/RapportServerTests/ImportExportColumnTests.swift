import HTTPTypes
import NIOCore
import RapportKit
import Testing

/// Columns in and out: two headers that fill one field stop an import with a 422 naming
/// them, and no export format carries the engine's internal columns.
@Suite struct ImportExportColumnTests {
    @Test(arguments: Backend.available)
    func duplicateHeadersAreRefused(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let headers: HTTPFields = [.authorization: "Bearer \(api.token)", .contentType: "text/csv"]
            for csv in ["Name,Email,Email\nAda,ada@example.com,other@example.com\n", "Name,Email,E-mail\nAda,ada@example.com,other@example.com\n",
                        "Tags,tags,Name\na,b,Ada\n"] {
                let reply = try await api.raw(.post, "/api/v1/people/import", body: ByteBuffer(string: csv), headers: headers)
                #expect(reply.status == .unprocessableContent, "\(csv): \(reply.body)")
                #expect(reply.body.contains("duplicate_column"), "\(reply.body)")
                let named = Set(try reply.errorFields())
                // Both headers are named (once when they are spelled alike).
                #expect(!named.isEmpty && named.isSubset(of: Set(csv.prefix { $0 != "\n" }.split(separator: ",").map(String.init))), "\(named)")
                #expect(try reply.object().string("detail")?.contains(csv.hasPrefix("Tags") ? "Tags, tags" : csv.contains("E-mail") ? "Email, E-mail" : "Email, Email") == true, "\(reply.body)")
            }
            #expect(try await api.names("/api/v1/people").isEmpty)
        }
    }

    /// A person without a name or email is reported on the file's own name column, not on
    /// `display_name`, which the file does not have.
    @Test(arguments: Backend.available)
    func missingNamesNameTheFilesColumn(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let headers: HTTPFields = [.authorization: "Bearer \(api.token)", .contentType: "text/csv"]
            for (csv, expected) in [("First name,Last name,Email,Job title\nAda,Lovelace,ada@example.com,Engineer\n,,,Analyst\n", "First name"),
                                    ("Surname,Email,Job title\n,,Analyst\n", "Surname"), ("名前,Email,Job title\n,,Analyst\n", "名前")] {
                let path = csv.hasPrefix("名前") ? "/api/v1/people/import?map%5B%E5%90%8D%E5%89%8D%5D=display_name" : "/api/v1/people/import"
                let reply = try await api.raw(.post, path, body: ByteBuffer(string: csv), headers: headers)
                #expect(reply.status == .ok, "\(reply.body)")
                let errors = try reply.object()["errors"]?.arrayValue?.compactMap(\.objectValue) ?? []
                #expect(errors.map { $0.string("column") } == [expected], "\(reply.body)")
            }
        }
    }

    @Test(arguments: Backend.available)
    func exportsLeaveOutInternalColumns(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            _ = try await api.create("people", #"{"display_name":"山田太郎","name_reading":"やまだ たろう"}"#)
            let internalNames = RecordCatalog.builtIn.types.flatMap { $0.fields.filter(\.isInternal).map(\.name) }
            #expect(internalNames.contains("sort_name"))
            for format in ["csv", "jsonl"] {
                let reply = try await api.call(.get, "/api/v1/people/export?format=\(format)")
                #expect(reply.status == .ok, "\(reply.body)")
                #expect(reply.body.contains("山田太郎"))
                for name in internalNames { #expect(!reply.body.contains(name), "\(format) carries \(name): \(reply.body)") }
            }
        }
    }

    /// Names made only of invisible characters are empty, so a person without another
    /// name or an email is refused as missing a name.
    @Test(arguments: Backend.available)
    func invisibleNamesAreEmpty(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            for name in ["\\u200B", "\\u3164", "\\u200B\\u200C\\u200D\\uFEFF", " \\u3164 ", "\\u2800"] {
                let person = try await api.call(.post, "/api/v1/people", json: #"{"display_name":"\#(name)"}"#)
                #expect(try person.status == .unprocessableContent && person.errorFields() == ["display_name"], "\(name): \(person.body)")
                let org = try await api.call(.post, "/api/v1/organizations", json: #"{"name":"\#(name)"}"#)
                #expect(try org.status == .unprocessableContent && org.errorFields() == ["name"], "\(name): \(org.body)")
            }
            #expect(try await api.names("/api/v1/people").isEmpty)
        }
    }
}
