import Foundation
import HTTPTypes
import NIOCore
import RapportKit
import RapportMail
@testable import RapportStore
import Testing

/// Files sent with an agent's reply from the ticket page, on both databases: they become
/// files of the message and travel in the mail to the requester, in one transaction; a
/// note's files stay inside; a refused name or a forged form token makes nothing.
@Suite struct TicketReplyFileTests {
    @Test(arguments: Backend.available)
    func aReplysFilesGoWithItsMail(_ backend: Backend) async throws {
        try await AttachmentTests.withFiles(backend, maxBytes: 1 << 20) { api, _ in
            #expect(try await api.call(.put, "/api/v1/settings/mail", json: #"{"host":"smtp.example.com","port":587,"security":"starttls","from_address":"help@rapport.test"}"#).status == .ok)
            let person = try await api.call(.post, "/api/v1/people", json: #"{"display_name":"山田花子","emails":[{"address":"hanako@example.jp"}]}"#).object().string("id") ?? ""
            let ticket = try await api.call(.post, "/api/v1/tickets", json: #"{"subject":"請求書の再発行","requester_id":"\#(person)"}"#).object().string("id") ?? ""
            var agent = try await WorkspacePageTests.signedIn(api)
            let page = try await agent.request(.get, "/tickets/\(ticket)")
            #expect(page.body.contains(#"enctype="multipart/form-data""#) && page.body.contains(#"id="composer-file""#))
            let csrf = try #require(PageClient.csrf(page.body))

            func post(_ token: String, kind: String, body: String, files: [(String, [UInt8])]) async throws -> Reply {
                var form = Array("--XB\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(token)\r\n".utf8)
                for (name, value) in [("kind", kind), ("body", body), ("seen", ""), ("status_after", "")] {
                    form += Array("--XB\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
                }
                for (name, bytes) in files {
                    form += Array("--XB\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: application/pdf\r\n\r\n".utf8) + bytes + Array("\r\n".utf8)
                }
                // A browser sends the empty file input too when nothing else is chosen.
                form += Array("--XB\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n\r\n--XB--\r\n".utf8)
                let cookie = agent.cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")
                return try await api.raw(.post, "/tickets/\(ticket)/messages", body: ByteBuffer(bytes: form), headers: [.cookie: cookie, .contentType: "multipart/form-data; boundary=XB"])
            }
            #expect(try await post("forged", kind: "public_reply", body: "x", files: [("a.pdf", AttachmentTests.pdf)]).status == .forbidden)
            #expect(try await post(csrf, kind: "public_reply", body: "x", files: [("invoice\u{202E}fdp.exe", AttachmentTests.pdf)]).status == .unprocessableContent)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM ticket_messages") == 0)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM attachments") == 0)

            let sent = try await post(csrf, kind: "public_reply", body: "再発行した請求書を添付します。", files: [("請求書.pdf", AttachmentTests.pdf)])
            #expect(sent.status == .seeOther, "\(sent.body)")
            let message = try await api.call(.get, "/api/v1/ticket_messages?filter[ticket_id]=\(ticket)").object()["data"]?.arrayValue?.first?.objectValue?.string("id") ?? ""
            let files = try await api.call(.get, "/api/v1/ticket_messages/\(message)/attachments").object()["data"]?.arrayValue?.compactMap(\.objectValue) ?? []
            #expect(files.map { $0.string("file_name") } == ["請求書.pdf"])
            let raw = try await api.db.read { s in try await s.query("SELECT raw FROM mail_messages WHERE direction = 'outbound'").first?.text("raw") } ?? ""
            let mail = MailMessage(parsing: Array(raw.utf8))
            #expect(mail.to.map(\.address) == ["hanako@example.jp"])
            #expect(mail.attachments.map(\.filename) == ["請求書.pdf"] && mail.attachments.first?.data == AttachmentTests.pdf)
            let shown = try await agent.request(.get, "/tickets/\(ticket)")
            #expect(shown.body.contains(#"<ul class="message-files">"#) && shown.body.contains("請求書.pdf"))

            // A note's file stays inside: attached, no mail.
            #expect(try await post(csrf, kind: "internal_note", body: "社内用の控え", files: [("控え.pdf", AttachmentTests.pdf)]).status == .seeOther)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM attachments WHERE record_type = 'ticket_messages'") == 2)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM mail_messages WHERE direction = 'outbound'") == 1)

            // In the portal she sees and downloads the reply's file; the note's is not hers.
            #expect(try await api.call(.put, "/api/v1/settings/satisfaction", json: #"{"public_url":"https://desk.example.com"}"#).status == .ok)
            var requester = PageClient(api)
            let start = try await requester.request(.get, "/portal")
            _ = try await requester.request(.post, "/portal", form: [("_csrf", PageClient.csrf(start.body) ?? ""), ("email", "hanako@example.jp")])
            let (secret, _) = try #require(try await PortalTests.link(api, to: "hanako@example.jp"))
            let confirm = try await requester.request(.get, "/portal/link/\(secret)")
            #expect(try await requester.request(.post, "/portal/link/\(secret)", form: [("_csrf", PageClient.csrf(confirm.body) ?? "")]).status == .seeOther)
            let view = try await requester.request(.get, "/portal/tickets/\(ticket)")
            #expect(view.body.contains("請求書.pdf") && !view.body.contains("控え.pdf") && !view.body.contains("社内用の控え"))
            let ids = try await api.db.read { s in
                try await s.query("SELECT id, file_name FROM attachments ORDER BY file_name").compactMap { r in r.text("file_name").map { ($0, r.text("id") ?? "") } }
            }
            let reply = try #require(ids.first { $0.0 == "請求書.pdf" }?.1), note = try #require(ids.first { $0.0 == "控え.pdf" }?.1)
            let download = try await requester.request(.get, "/portal/files/\(reply)")
            #expect(download.status == .ok && download.headers[.contentDisposition]?.hasPrefix("attachment") == true)
            #expect(download.headers[HTTPField.Name("Content-Security-Policy")!] == "default-src 'none'; sandbox")
            #expect(try await requester.request(.get, "/portal/files/\(note)").status == .notFound)
            var stranger = PageClient(api)
            #expect(try await stranger.request(.get, "/portal/files/\(reply)").status == .seeOther, "no session: back to sign-in")

            // She answers with a file of her own; it is hers and the agent sees it.
            #expect(view.body.contains(#"id="p-reply-files""#) && view.body.contains(#"enctype="multipart/form-data""#))
            let token = PageClient.csrf(view.body) ?? ""
            func portalPost(_ csrf: String, name: String) async throws -> Reply {
                let form = Array("--PB\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(csrf)\r\n--PB\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\nスクリーンショットです\r\n--PB\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: image/png\r\n\r\n".utf8)
                    + AttachmentTests.png + Array("\r\n--PB--\r\n".utf8)
                let cookie = requester.cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")
                return try await api.raw(.post, "/portal/tickets/\(ticket)/reply", body: ByteBuffer(bytes: form), headers: [.cookie: cookie, .contentType: "multipart/form-data; boundary=PB"])
            }
            #expect(try await portalPost("forged", name: "a.png").status == .forbidden)
            #expect(try await portalPost(token, name: "画面.png").status == .seeOther)
            let hers = try await api.db.read { s in
                try await s.query("""
                    SELECT a.file_name FROM attachments a JOIN ticket_messages m ON m.id = a.record_id WHERE m.author_person_id = \(person)
                    """).compactMap { $0.text("file_name") }
            }
            #expect(hers == ["画面.png"])
            #expect(try await agent.request(.get, "/tickets/\(ticket)").body.contains("画面.png"))
        }
    }
}
