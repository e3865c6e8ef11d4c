import Foundation
import HTTPTypes
import NIOCore
import RapportKit
import Testing

/// The import wizard as a user goes through it: upload, mapping guessed from the headers,
/// a dry run that writes nothing, the import through the API's own store path, and the
/// row report in the reader's language.
@Suite struct ImportPageTests {
    static let csv = "Name,E-mail,회사명\nAda Lovelace,ada@example.com,Analytical Engines\n김보경,bokyung@example.kr,한빛소프트\n"

    /// Posts `content` as the page's multipart form, with the page's CSRF token.
    static func upload(_ browser: PageClient, _ path: String, csrf: String, content: [UInt8], fileName: String = "people.csv") async throws -> Reply {
        let boundary = "----rapport-test-boundary"
        var body: [UInt8] = []
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(csrf)\r\n".utf8)
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(fileName)\"\r\nContent-Type: text/csv\r\n\r\n".utf8)
        body += content
        body += Array("\r\n--\(boundary)--\r\n".utf8)
        var headers: HTTPFields = [.contentType: "multipart/form-data; boundary=\(boundary)"]
        headers[.cookie] = browser.cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")
        return try await browser.api.raw(.post, path, body: ByteBuffer(bytes: body), headers: headers)
    }

    /// The file token of the mapping step the upload redirected to.
    static func fileToken(_ reply: Reply) -> String? {
        guard reply.status == .seeOther, let location = reply.headers[.location], let r = location.range(of: "?file=") else { return nil }
        return String(location[r.upperBound...])
    }

    static func names(_ api: API) async throws -> [String] {
        try await api.names("/api/v1/people?sort=display_name")
    }

    @Test(arguments: Backend.available)
    func dryRunWritesNothingAndImportMatchesTheAPI(_ backend: Backend) async throws {
        let viaPage: [String] = try await withAPIResult(backend) { api in
            var browser = try await WorkspacePageTests.signedIn(api)
            let list = try await browser.request(.get, "/people")
            #expect(list.body.contains(#"href="/people/import""#), "the list offers the import")
            let form = try await browser.request(.get, "/people/import")
            #expect(form.status == .ok)
            #expect(form.body.contains(#"enctype="multipart/form-data""#))
            let csrf = try #require(PageClient.csrf(form.body))
            let uploaded = try await Self.upload(browser, "/people/import", csrf: csrf, content: Array(Self.csv.utf8))
            let token = try #require(Self.fileToken(uploaded), "\(uploaded.status) \(uploaded.body)")
            let mapping = try await browser.request(.get, "/people/import?file=\(token)")
            #expect(mapping.status == .ok)
            // Guessed from "Name", "E-mail" and the Korean "회사명".
            for (i, field) in ["display_name", "emails", "organization_id"].enumerated() {
                let select = mapping.body.components(separatedBy: #"name="map.\#(i)""#).dropFirst().first?.components(separatedBy: "</select>").first ?? ""
                #expect(select.contains(#"<option value="\#(field)" selected>"#), "column \(i) → \(field)")
            }
            #expect(mapping.body.contains(#"class="sample">Analytical Engines<"#), "the first value of a column is its sample")
            let fields = [("_csrf", csrf), ("file", token), ("map.0", "display_name"), ("map.1", "emails"), ("map.2", "organization_id"), ("on_duplicate", "skip")]
            let dry = try await browser.request(.post, "/people/import/run", form: fields + [("step", "dry_run")])
            #expect(dry.status == .ok)
            #expect(dry.body.contains(#"<dd class="num">2</dd>"#), "two records would be created")
            #expect(try await Self.names(api).isEmpty, "a dry run writes nothing")
            #expect(try await api.names("/api/v1/organizations", field: "name").isEmpty)
            let done = try await browser.request(.post, "/people/import/run", form: fields + [("step", "import")])
            #expect(done.status == .ok)
            #expect(done.body.contains("filter%5Bcreated_at%5D%5Bgte%5D"), "the report links to the new records")
            // The file is gone with the import.
            let again = try await browser.request(.get, "/people/import?file=\(token)")
            #expect(again.status == .notFound)
            return try await Self.people(api)
        }
        let viaAPI: [String] = try await withAPIResult(backend) { api in
            let reply = try await api.call(.post, "/api/v1/people/import?map%5BName%5D=display_name&map%5BE-mail%5D=emails&map%5B%ED%9A%8C%EC%82%AC%EB%AA%85%5D=organization_id",
                                           json: Self.csv, headers: [.contentType: "text/csv"])
            #expect(reply.status == .ok, "\(reply.body)")
            return try await Self.people(api)
        }
        #expect(viaPage.count == 2)
        #expect(viaPage == viaAPI)
    }

    /// Each person as name, emails and company name: what an import decides.
    static func people(_ api: API) async throws -> [String] {
        let data = try await api.call(.get, "/api/v1/people?sort=display_name").object()["data"]?.arrayValue?.compactMap(\.objectValue) ?? []
        var out: [String] = []
        for p in data {
            var company = ""
            if let org = p.string("organization_id") { company = try await api.call(.get, "/api/v1/organizations/\(org)").object().string("name") ?? "" }
            out.append("\(p.string("display_name") ?? "")|\(p["emails"]?.serialized() ?? "")|\(company)|\(p.string("owner_id") != nil)")
        }
        return out
    }

    @Test(arguments: Backend.available)
    func rowErrorsNameRowAndColumnInTheReadersLanguage(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            var browser = try await WorkspacePageTests.signedIn(api)
            let korean: HTTPFields = [.acceptLanguage: "ko"]
            let form = try await browser.request(.get, "/people/import", headers: korean)
            let csrf = try #require(PageClient.csrf(form.body))
            // With a byte-order mark, as Excel saves "CSV UTF-8".
            let content = [0xEF, 0xBB, 0xBF] + Array("이름,이메일\n좋은 사람,ok@example.com\n나쁜 사람,not-an-email\n".utf8)
            let token = try #require(Self.fileToken(try await Self.upload(browser, "/people/import", csrf: csrf, content: content)))
            let mapping = try await browser.request(.get, "/people/import?file=\(token)", headers: korean)
            #expect(mapping.body.contains(#"<option value="emails" selected>"#))
            let dry = try await browser.request(.post, "/people/import/run", form: [
                ("_csrf", csrf), ("file", token), ("map.0", "display_name"), ("map.1", "emails"), ("step", "dry_run"),
            ], headers: korean)
            #expect(dry.status == .ok)
            let errors = dry.body.components(separatedBy: "import-errors").dropFirst().first ?? ""
            #expect(errors.contains(#"<td class="num" data-label="행">3</td><td data-label="열">이메일</td>"#), "\(errors.prefix(600))")
            #expect(errors.contains("형식의 이메일 주소를 입력하세요"), "the reason is the catalog's, in Korean")
            #expect(try await Self.names(api).isEmpty)
        }
    }

    @Test(arguments: Backend.available)
    func aFileThatIsNotCSVIsRefusedAndNothingIsKept(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            var browser = try await WorkspacePageTests.signedIn(api)
            let form = try await browser.request(.get, "/people/import")
            let csrf = try #require(PageClient.csrf(form.body))
            let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]
            let refused = try await Self.upload(browser, "/people/import", csrf: csrf, content: png, fileName: "photo.png")
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains(#"id="import-file-error""#) && refused.body.contains("CSV UTF-8"))
            let forged = try await Self.upload(browser, "/people/import", csrf: "wrong", content: Array(Self.csv.utf8))
            #expect(forged.status == .forbidden)
            let gone = try await browser.request(.get, "/people/import?file=0123456789abcdef0123456789abcdef")
            #expect(gone.status == .notFound)
        }
    }

    @Test(arguments: Backend.available)
    func aRoleWithoutTheImportGrantGetsNoActionAndA403(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            var browser = try await WorkspacePageTests.signedIn(api, email: "support@example.com", role: "support")
            let list = try await browser.request(.get, "/people")
            #expect(list.status == .ok)
            #expect(!list.body.contains("/people/import"))
            #expect(try await browser.request(.get, "/people/import").status == .forbidden)
            let csrf = try #require(PageClient.csrf(list.body))
            #expect(try await Self.upload(browser, "/people/import", csrf: csrf, content: Array(Self.csv.utf8)).status == .forbidden)
            let run = try await browser.request(.post, "/people/import/run", form: [("_csrf", csrf), ("file", "0123456789abcdef0123456789abcdef"), ("step", "import")])
            #expect(run.status == .forbidden)
            #expect(try await Self.names(api).isEmpty)
        }
    }
}

/// `withAPI` for a test that compares what two fresh databases end up holding.
func withAPIResult<T: Sendable>(_ backend: Backend, _ body: @escaping @Sendable (API) async throws -> T) async throws -> T {
    let box = ResultBox<T>()
    try await withAPI(backend) { api in await box.set(try await body(api)) }
    return try #require(await box.value)
}

actor ResultBox<T: Sendable> {
    var value: T?
    func set(_ v: T) { value = v }
}
