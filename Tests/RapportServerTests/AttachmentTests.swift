import Foundation
import HTTPTypes
import NIOCore
import RapportKit
import RapportServer
import RapportStore
import Testing

/// Attachments through the API and the pages, on every backend: files kept by checksum in
/// a directory of their own, served only as downloads, visible exactly as their record is.
@Suite struct AttachmentTests {
    /// The application with a fresh files directory; `maxBytes` small enough to test the
    /// limit without megabytes of test data.
    static func withFiles(_ backend: Backend, maxBytes: Int = 4096, maxPerRecord: Int = 20, _ body: @escaping @Sendable (API, String) async throws -> Void) async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-files-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var configuration = testConfiguration
        configuration.attachments = AttachmentSettings(directory: dir, maxBytes: maxBytes, maxPerRecord: maxPerRecord)
        try await withAPI(backend, configuration: configuration) { api in try await body(api, dir) }
    }

    static let pdf = Array("%PDF-1.4\n%\u{E2}\u{E3}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".utf8)
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]

    static func upload(_ api: API, _ path: String, name: String?, bytes: [UInt8], headers extra: HTTPFields = [:], token: String? = nil) async throws -> Reply {
        var headers = extra
        headers[.authorization] = "Bearer \(token ?? api.token)"
        if headers[.contentType] == nil { headers[.contentType] = "application/octet-stream" }
        let query = name.map { "?name=" + PageClient.encode($0) } ?? ""
        return try await api.raw(.post, path + query, body: ByteBuffer(bytes: bytes), headers: headers)
    }

    static func get(_ api: API, _ path: String, headers extra: HTTPFields = [:], token: String? = nil) async throws -> (Reply, [UInt8]) {
        var headers = extra
        headers[.authorization] = "Bearer \(token ?? api.token)"
        let response = try await api.client.execute(uri: path, method: .get, headers: headers, body: nil)
        return (Reply(status: response.status, headers: response.headers, body: String(buffer: response.body)), Array(response.body.readableBytesView))
    }

    /// Every blob file under the directory, temporary files included.
    static func files(_ dir: String) -> [String] {
        (FileManager.default.enumerator(atPath: dir)?.allObjects as? [String] ?? []).filter { path in
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: dir + "/" + path, isDirectory: &isDir) && !isDir.boolValue
        }.sorted()
    }

    @Test(arguments: Backend.available)
    func roundTripKeepsKoreanAndJapaneseNames(_ backend: Backend) async throws {
        try await Self.withFiles(backend) { api, dir in
            let person = try await api.create("people", #"{"family_name":"김","given_name":"보경"}"#).string("id") ?? ""
            let korean = try await Self.upload(api, "/api/v1/people/\(person)/attachments", name: "견적서 2026.pdf", bytes: Self.pdf)
            #expect(korean.status == .created, "\(korean.body)")
            let stored = try korean.object()
            #expect(stored.string("file_name") == "견적서 2026.pdf" && stored.string("content_type") == "application/pdf")
            #expect(stored["size"]?.numberLiteral == String(Self.pdf.count))
            let sha = stored.string("sha256") ?? ""
            // Content addressed, two levels of fan-out, nothing left in tmp.
            let blob = "\(dir)/\(sha.prefix(2))/\(sha.dropFirst(2).prefix(2))/\(sha)"
            #expect(FileManager.default.contents(atPath: blob).map(Array.init) == Self.pdf)
            #expect(Self.files(dir) == ["\(sha.prefix(2))/\(sha.dropFirst(2).prefix(2))/\(sha)"])

            // The name in Content-Disposition (RFC 8187), as API clients send it.
            let csv = Array("name,email\n山田太郎,taro@example.jp\n".utf8)
            let japanese = try await Self.upload(api, "/api/v1/people/\(person)/attachments", name: nil, bytes: csv, headers: [
                .contentDisposition: "attachment; filename*=UTF-8''%E8%A6%8B%E7%A9%8D%E6%9B%B8_%E6%9C%80%E7%B5%82%E7%89%88.csv",
            ])
            #expect(japanese.status == .created, "\(japanese.body)")
            #expect(try japanese.object().string("file_name") == "見積書_最終版.csv")

            // Chromium's multipart form, through the API with a token.
            let chromium = ChromiumBody.koreanPDF
            let form = try await api.raw(.post, "/api/v1/people/\(person)/attachments", body: ByteBuffer(bytes: chromium.bytes), headers: [
                .authorization: "Bearer \(api.token)", .contentType: "multipart/form-data; boundary=\(chromium.boundary)",
            ])
            #expect(form.status == .created, "\(form.body)")
            #expect(try form.object().string("file_name") == "견적서 2026.pdf")

            let list = try await api.call(.get, "/api/v1/people/\(person)/attachments").object()["data"]?.arrayValue ?? []
            #expect(list.compactMap { $0.objectValue?.string("file_name") } == ["견적서 2026.pdf", "見積書_最終版.csv", "견적서 2026.pdf"])

            let (download, bytes) = try await Self.get(api, "/api/v1/attachments/\(stored.string("id") ?? "")/content")
            #expect(download.status == .ok)
            #expect(bytes == Self.pdf)
            #expect(download.headers[.contentType] == "application/pdf")
            #expect(download.headers[.contentDisposition] == #"attachment; filename="___ 2026.pdf"; filename*=UTF-8''%EA%B2%AC%EC%A0%81%EC%84%9C%202026.pdf"#)
            #expect(download.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            #expect(download.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("sandbox") == true)
            #expect(download.headers[.eTag] == "\"\(sha)\"")
            let (again, _) = try await Self.get(api, "/api/v1/attachments/\(stored.string("id") ?? "")/content", headers: [.ifNoneMatch: "\"\(sha)\""])
            #expect(again.status == .notModified)
            let (csvDownload, csvBytes) = try await Self.get(api, "/api/v1/attachments/\(try japanese.object().string("id") ?? "")/content")
            #expect(csvBytes == csv && csvDownload.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csvDownload.headers[.contentDisposition]?.hasSuffix("filename*=UTF-8''%E8%A6%8B%E7%A9%8D%E6%9B%B8_%E6%9C%80%E7%B5%82%E7%89%88.csv") == true)
            // Audited against the record.
            let audit = try await api.call(.get, "/api/v1/audit?action=attachment.add&record_id=\(person)").object()["data"]?.arrayValue ?? []
            #expect(audit.count == 3)
        }
    }

    @Test(arguments: Backend.available)
    func typeComesFromTheBytesNotTheClaim(_ backend: Backend) async throws {
        try await Self.withFiles(backend) { api, _ in
            let org = try await api.create("organizations", #"{"name":"Hanbit"}"#).string("id") ?? ""
            let reply = try await Self.upload(api, "/api/v1/organizations/\(org)/attachments", name: "invoice.pdf", bytes: Self.png, headers: [.contentType: "text/html"])
            #expect(reply.status == .created, "\(reply.body)")
            #expect(try reply.object().string("content_type") == "image/png")
            let (download, _) = try await Self.get(api, "/api/v1/attachments/\(try reply.object().string("id") ?? "")/content")
            #expect(download.headers[.contentType] == "image/png")
            #expect(download.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            // HTML is served as inert text, never as a page.
            let html = try await Self.upload(api, "/api/v1/organizations/\(org)/attachments", name: "x.html", bytes: Array("<script>alert(1)</script>".utf8), headers: [.contentType: "text/html"])
            #expect(try html.object().string("content_type") == "text/plain; charset=utf-8")
        }
    }

    @Test(arguments: Backend.available)
    func tooLargeIs413AndStoresNothing(_ backend: Backend) async throws {
        try await Self.withFiles(backend, maxBytes: 1024) { api, dir in
            let person = try await api.create("people", #"{"display_name":"Big File"}"#).string("id") ?? ""
            let path = "/api/v1/people/\(person)/attachments"
            let raw = try await Self.upload(api, path, name: "big.bin", bytes: Array(repeating: 7, count: 1025))
            #expect(raw.status == .contentTooLarge)
            #expect(raw.headers[.contentType] == "application/problem+json")
            #expect(try raw.errorFields() == ["file"])
            // A form whose file part passes the limit.
            let part = Array(repeating: UInt8(ascii: "a"), count: 1500)
            let body = Array("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\n".utf8) + part + Array("\r\n--b--\r\n".utf8)
            let form = try await api.raw(.post, path, body: ByteBuffer(bytes: body), headers: [.authorization: "Bearer \(api.token)", .contentType: "multipart/form-data; boundary=b"])
            #expect(form.status == .contentTooLarge)
            // Exactly the limit is fine.
            #expect(try await Self.upload(api, path, name: "fits.bin", bytes: Array(repeating: 7, count: 1024)).status == .created)
            #expect(try await api.call(.get, path).object()["data"]?.arrayValue?.count == 1)
            #expect(Self.files(dir).count == 1)
        }
    }

    @Test(arguments: Backend.available)
    func badInputIsAClearProblemAndChangesNothing(_ backend: Backend) async throws {
        try await Self.withFiles(backend, maxPerRecord: 2) { api, dir in
            let person = try await api.create("people", #"{"display_name":"Careful"}"#).string("id") ?? ""
            let path = "/api/v1/people/\(person)/attachments"
            #expect(try await Self.upload(api, path, name: "empty.txt", bytes: []).status == .unprocessableContent)
            #expect(try await Self.upload(api, path, name: nil, bytes: [1]).status == .badRequest)
            #expect(try await Self.upload(api, path, name: "a\u{1}b.txt", bytes: [1]).status == .unprocessableContent)
            #expect(try await Self.upload(api, path, name: "..", bytes: [1]).status == .unprocessableContent)
            #expect(try await Self.upload(api, path, name: String(repeating: "名", count: 90), bytes: [1]).status == .unprocessableContent)
            #expect(try await Self.upload(api, path + "?name=a.txt&x=1", name: nil, bytes: [1]).status == .badRequest)
            let broken = try await api.raw(.post, path, body: ByteBuffer(string: "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\nno end"),
                                           headers: [.authorization: "Bearer \(api.token)", .contentType: "multipart/form-data; boundary=b"])
            #expect(broken.status == .badRequest)
            let noFile = try await api.raw(.post, path, body: ByteBuffer(string: "--b\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhi\r\n--b--\r\n"),
                                           headers: [.authorization: "Bearer \(api.token)", .contentType: "multipart/form-data; boundary=b"])
            #expect(noFile.status == .unprocessableContent)
            #expect(try await Self.upload(api, "/api/v1/nonsense/\(person)/attachments", name: "a.txt", bytes: [65]).status == .notFound)
            #expect(try await Self.upload(api, "/api/v1/people/not-an-id/attachments", name: "a.txt", bytes: [65]).status == .notFound)
            #expect(try await api.call(.get, "/api/v1/attachments/not-an-id").status == .notFound)
            #expect(try await api.call(.get, "/api/v1/attachments/\(RecordID.make())/content").status == .notFound)
            #expect(try await api.call(.put, "/api/v1/attachments/\(RecordID.make())").status == .methodNotAllowed)
            #expect(try await api.call(.get, path).object()["data"]?.arrayValue?.isEmpty == true)
            #expect(Self.files(dir).isEmpty)
            // The per-record count.
            #expect(try await Self.upload(api, path, name: "1.txt", bytes: [49]).status == .created)
            #expect(try await Self.upload(api, path, name: "2.txt", bytes: [50]).status == .created)
            let third = try await Self.upload(api, path, name: "3.txt", bytes: [51])
            #expect(third.status == .unprocessableContent)
            #expect(try third.errorFields() == ["file"])
        }
    }

    @Test(arguments: Backend.available)
    func visibilityAndGrantsFollowTheRecord(_ backend: Backend) async throws {
        try await Self.withFiles(backend) { api, _ in
            let rep = try await api.user("rep@example.com", role: "sales")
            let viewer = try await api.user("viewer@example.com", role: "viewer")
            // The admin's person: a sales rep sees only their own people.
            let person = try await api.create("people", #"{"display_name":"Admin's Contact"}"#).string("id") ?? ""
            let stored = try await Self.upload(api, "/api/v1/people/\(person)/attachments", name: "secret.pdf", bytes: Self.pdf).object()
            let id = stored.string("id") ?? ""
            #expect(try await api.call(.get, "/api/v1/people/\(person)/attachments", token: rep.token).status == .notFound)
            for path in ["/api/v1/attachments/\(id)", "/api/v1/attachments/\(id)/content"] {
                let reply = try await api.call(.get, path, token: rep.token)
                #expect(reply.status == .notFound, "\(path)")
                // Asked by the file's id, the answer does not tell whose file it is.
                #expect(!reply.body.contains(person), "the 404 names the record")
            }
            #expect(try await Self.upload(api, "/api/v1/people/\(person)/attachments", name: "x.txt", bytes: [65], token: rep.token).status == .notFound)
            #expect(try await api.call(.delete, "/api/v1/attachments/\(id)", token: rep.token).status == .notFound)
            // A viewer sees and downloads, but neither adds nor removes.
            #expect(try await api.call(.get, "/api/v1/people/\(person)/attachments", token: viewer.token).status == .ok)
            #expect(try await Self.get(api, "/api/v1/attachments/\(id)/content", token: viewer.token).1 == Self.pdf)
            #expect(try await Self.upload(api, "/api/v1/people/\(person)/attachments", name: "x.txt", bytes: [65], token: viewer.token).status == .forbidden)
            #expect(try await api.call(.delete, "/api/v1/attachments/\(id)", token: viewer.token).status == .forbidden)
            // Their own record: the rep adds and removes files.
            let own = try await api.call(.post, "/api/v1/people", json: #"{"display_name":"Rep's Contact"}"#, token: rep.token).object().string("id") ?? ""
            let mine = try await Self.upload(api, "/api/v1/people/\(own)/attachments", name: "notes.txt", bytes: Array("hello".utf8), token: rep.token)
            #expect(mine.status == .created)
            #expect(try await api.call(.delete, "/api/v1/attachments/\(try mine.object().string("id") ?? "")", token: rep.token).status == .noContent)
            // A deleted record's files go with it.
            #expect(try await api.call(.delete, "/api/v1/people/\(person)").status == .noContent)
            #expect(try await api.call(.get, "/api/v1/attachments/\(id)/content").status == .notFound)
        }
    }

    @Test(arguments: Backend.available)
    func deleteIsSoftAndAudited(_ backend: Backend) async throws {
        try await Self.withFiles(backend) { api, dir in
            let deal = try await api.create("organizations", #"{"name":"Sakura"}"#).string("id") ?? ""
            let stored = try await Self.upload(api, "/api/v1/organizations/\(deal)/attachments", name: "a.pdf", bytes: Self.pdf).object()
            let id = stored.string("id") ?? ""
            #expect(try await api.call(.delete, "/api/v1/attachments/\(id)").status == .noContent)
            #expect(try await api.call(.delete, "/api/v1/attachments/\(id)").status == .notFound)
            #expect(try await api.call(.get, "/api/v1/attachments/\(id)").status == .notFound)
            #expect(try await api.call(.get, "/api/v1/organizations/\(deal)/attachments").object()["data"]?.arrayValue?.isEmpty == true)
            let audit = try await api.call(.get, "/api/v1/audit?action=attachment.delete").object()["data"]?.arrayValue ?? []
            #expect(audit.first?.objectValue?.string("record_id") == deal)
            #expect(audit.first?.objectValue?["changes"]?.objectValue?.string("attachment_id") == id)
            // The row stays in the trash, and so does its blob.
            #expect(Self.files(dir).count == 1)
        }
    }

    @Test(arguments: Backend.available)
    func exportIncludesAndErasureRemovesFiles(_ backend: Backend) async throws {
        try await Self.withFiles(backend) { api, dir in
            let person = try await api.create("people", #"{"family_name":"Quizzlewick","given_name":"Ottoline","emails":["otto@quizzle.example"]}"#).string("id") ?? ""
            let org = try await api.create("organizations", #"{"name":"Keep Corp"}"#).string("id") ?? ""
            let call = try await api.create("activities", #"{"kind":"call","subject":"Call","participants":["\#(person)"]}"#).string("id") ?? ""
            let passport = Array("Ottoline's passport scan".utf8)
            let shared = Array("Price list shared with everyone".utf8)
            #expect(try await Self.upload(api, "/api/v1/people/\(person)/attachments", name: "Ottoline passport.txt", bytes: passport).status == .created)
            #expect(try await Self.upload(api, "/api/v1/activities/\(call)/attachments", name: "call notes.txt", bytes: Array("notes".utf8)).status == .created)
            // The same bytes on the person and on a company: the blob stays for the company.
            #expect(try await Self.upload(api, "/api/v1/people/\(person)/attachments", name: "prices.txt", bytes: shared).status == .created)
            #expect(try await Self.upload(api, "/api/v1/organizations/\(org)/attachments", name: "prices.txt", bytes: shared).status == .created)
            #expect(Self.files(dir).count == 3)

            let export = try await api.call(.get, "/api/v1/people/\(person)/export").object()
            let files = export["attachments"]?.arrayValue?.compactMap(\.objectValue) ?? []
            #expect(Set(files.compactMap { $0.string("file_name") }) == ["Ottoline passport.txt", "call notes.txt", "prices.txt"])
            let scan = try #require(files.first { $0.string("file_name") == "Ottoline passport.txt" })
            #expect(Data(base64Encoded: scan.string("content_base64") ?? "").map(Array.init) == passport)

            let erased = try await api.call(.post, "/api/v1/people/\(person)/erase")
            #expect(erased.status == .ok, "\(erased.body)")
            #expect(try erased.object()["attachments"]?.numberLiteral == "3")
            #expect(Self.files(dir).count == 1)
            let orgFiles = try await api.call(.get, "/api/v1/organizations/\(org)/attachments").object()["data"]?.arrayValue ?? []
            #expect(orgFiles.count == 1)
            #expect(try await Self.get(api, "/api/v1/attachments/\(orgFiles.first?.objectValue?.string("id") ?? "")/content").1 == shared)
            // No row names the files any more, and the audit chain still verifies.
            let rows = try await api.db.read { s in try await s.query("SELECT file_name FROM attachments") }
            #expect(rows.compactMap { $0.text("file_name") } == ["prices.txt"])
            let audit = try await api.call(.get, "/api/v1/audit?limit=500").body
            #expect(!audit.contains("Ottoline passport"))
            #expect(try await AuditChain.verify(api.db).isIntact)
        }
    }

    @Test(arguments: Backend.available)
    func concurrentUploadsOfOneFileStoreOneBlob(_ backend: Backend) async throws {
        try await Self.withFiles(backend) { api, dir in
            let person = try await api.create("people", #"{"display_name":"Popular"}"#).string("id") ?? ""
            let bytes = Array((0..<3000).map { UInt8($0 % 251) })
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for i in 0..<8 {
                    group.addTask { try await Self.upload(api, "/api/v1/people/\(person)/attachments", name: "copy \(i).bin", bytes: bytes).status }
                }
                var out: [HTTPResponse.Status] = []
                for try await status in group { out.append(status) }
                return out
            }
            #expect(statuses.allSatisfy { $0 == .created }, "\(statuses)")
            let list = try await api.call(.get, "/api/v1/people/\(person)/attachments").object()["data"]?.arrayValue ?? []
            #expect(list.count == 8)
            #expect(Set(list.compactMap { $0.objectValue?.string("sha256") }).count == 1)
            #expect(Self.files(dir).count == 1, "\(Self.files(dir))")
        }
    }

    @Test(arguments: Backend.available)
    func pathTraversalNamesAreOnlyNames(_ backend: Backend) async throws {
        try await Self.withFiles(backend) { api, dir in
            let person = try await api.create("people", #"{"display_name":"Traversal"}"#).string("id") ?? ""
            let parent = URL(fileURLWithPath: dir).deletingLastPathComponent().path
            for name in ["../../../../tmp/evil.txt", #"..\..\windows\evil.txt"#, "/etc/passwd"] {
                let reply = try await Self.upload(api, "/api/v1/people/\(person)/attachments", name: name, bytes: Array("x".utf8))
                #expect(reply.status == .created, "\(reply.body)")
                let kept = try reply.object().string("file_name") ?? ""
                #expect(!kept.contains("/") && !kept.contains("\\") && !kept.contains(".."), "\(kept)")
            }
            #expect(!FileManager.default.fileExists(atPath: parent + "/evil.txt") && !FileManager.default.fileExists(atPath: parent + "/passwd"))
            #expect(!FileManager.default.fileExists(atPath: "/tmp/evil.txt"))
            #expect(Self.files(dir).allSatisfy { BlobStore.isChecksum(URL(fileURLWithPath: $0).lastPathComponent) })
        }
    }

    @Test(arguments: Backend.available)
    func recordPagesListUploadAndDeleteFiles(_ backend: Backend) async throws {
        try await Self.withFiles(backend) { api, dir in
            var browser = try await WorkspacePageTests.signedIn(api)
            let person = try await api.create("people", #"{"family_name":"山田","given_name":"太郎"}"#).string("id") ?? ""
            let call = try await api.create("activities", #"{"kind":"call","subject":"Kickoff","participants":["\#(person)"]}"#).string("id") ?? ""
            #expect(try await Self.upload(api, "/api/v1/activities/\(call)/attachments", name: "議事録.pdf", bytes: Self.pdf).status == .created)
            let page = try await browser.request(.get, "/people/\(person)")
            #expect(page.body.contains(#"id="attachments""#) && page.body.contains(#"enctype="multipart/form-data""#))
            // The timeline entry shows its file.
            #expect(page.body.contains("議事録.pdf"))
            let csrf = try #require(PageClient.csrf(page.body))

            func post(_ token: String, name: String) async throws -> Reply {
                let body = Array("--XB\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(token)\r\n--XB\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: text/html\r\n\r\n".utf8)
                    + Array("<b>명함</b>".utf8) + Array("\r\n--XB--\r\n".utf8)
                let cookie = browser.cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")
                return try await api.raw(.post, "/people/\(person)/attachments", body: ByteBuffer(bytes: body), headers: [.cookie: cookie, .contentType: "multipart/form-data; boundary=XB"])
            }
            // Without the session's token: refused, nothing kept.
            #expect(try await post("forged", name: "x.txt").status == .forbidden)
            #expect(try await api.call(.get, "/api/v1/people/\(person)/attachments").object()["data"]?.arrayValue?.isEmpty == true)
            let posted = try await post(csrf, name: "<img src=x onerror=alert(1)>.txt")
            #expect(posted.status == .seeOther)
            #expect(posted.headers[.location] == "/people/\(person)?attachment_notice=added#attachments")
            for language in ["en", "ko", "ja"] {
                _ = try await browser.request(.post, "/settings/language", form: [("_csrf", csrf), ("language", language)])
                let shown = try await browser.request(.get, "/people/\(person)?attachment_notice=added")
                #expect(shown.status == .ok)
                #expect(shown.body.contains("&lt;img src") && !shown.body.contains("<img src=x"))
                #expect(shown.body.contains(["en": "File attached.", "ko": "파일을 첨부했습니다.", "ja": "ファイルを添付しました。"][language]!))
                #expect(shown.body.contains(["en": "bytes", "ko": "바이트", "ja": "バイト"][language]!))
            }
            let file = try #require(try await api.call(.get, "/api/v1/people/\(person)/attachments").object()["data"]?.arrayValue?.first?.objectValue)
            #expect(file.string("content_type") == "text/plain; charset=utf-8")
            // A session downloads through the API link the page shows.
            let download = try await browser.request(.get, "/api/v1/attachments/\(file.string("id") ?? "")/content")
            #expect(download.status == .ok && download.body == "<b>명함</b>")
            // Too large from the page: back to the page with the reason.
            let big = Array("--XB\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(csrf)\r\n--XB\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n\r\n".utf8)
                + Array(repeating: 1, count: 5000) + Array("\r\n--XB--\r\n".utf8)
            let cookie = browser.cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")
            let refused = try await api.raw(.post, "/people/\(person)/attachments", body: ByteBuffer(bytes: big), headers: [.cookie: cookie, .contentType: "multipart/form-data; boundary=XB"])
            #expect(refused.headers[.location] == "/people/\(person)?attachment_error=too_large#attachments")
            // Delete asks first (data-confirm) and takes the session's token.
            let deleted = try await browser.request(.post, "/attachments/\(file.string("id") ?? "")/delete", form: [("_csrf", csrf)])
            #expect(deleted.status == .seeOther && deleted.headers[.location] == "/people/\(person)?attachment_notice=deleted#attachments")
            #expect(try await api.call(.get, "/api/v1/people/\(person)/attachments").object()["data"]?.arrayValue?.isEmpty == true)
            // Every record type has the panel: a tag, a deal pipeline, an activity.
            for path in ["/activities/\(call)", "/organizations/\(try await api.create("organizations", #"{"name":"Any"}"#).string("id") ?? "")"] {
                #expect(try await browser.request(.get, path).body.contains(#"id="attachments""#), "\(path)")
            }
            _ = dir
        }
    }
}

/// The Chromium body of `RapportKitTests`, for the server tests.
enum ChromiumBody {
    static let koreanPDF = (
        boundary: "----WebKitFormBoundarytpgDyg6rKTSZogrH",
        bytes: Array(Data(base64Encoded: "LS0tLS0tV2ViS2l0Rm9ybUJvdW5kYXJ5dHBnRHlnNnJLVFNab2dySA0KQ29udGVudC1EaXNwb3NpdGlvbjogZm9ybS1kYXRhOyBuYW1lPSJfY3NyZiINCg0KdG9rMTIzDQotLS0tLS1XZWJLaXRGb3JtQm91bmRhcnl0cGdEeWc2cktUU1pvZ3JIDQpDb250ZW50LURpc3Bvc2l0aW9uOiBmb3JtLWRhdGE7IG5hbWU9ImZpbGUiOyBmaWxlbmFtZT0i6rKs7KCB7IScIDIwMjYucGRmIg0KQ29udGVudC1UeXBlOiBhcHBsaWNhdGlvbi9wZGYNCg0KJVBERi0xLjQKJeLjz9MKMSAwIG9iajw8Pj5lbmRvYmoKdHJhaWxlcjw8Pj4KJSVFT0YKDQotLS0tLS1XZWJLaXRGb3JtQm91bmRhcnl0cGdEeWc2cktUU1pvZ3JILS0NCg==")!))
}
