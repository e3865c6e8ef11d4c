import Foundation
import Logging
import RapportKit
import RapportMail
@testable import RapportStore
import Testing

/// `serve --lmtp-port` on both databases: an MTA's delivery over LMTP opens a ticket in
/// the group its envelope names (a support address in Bcc shows only there), the same
/// message delivered again opens nothing, and a bounce is taken and opens nothing.
@Suite struct LMTPIntakeTests {
    @Test(arguments: Backend.available)
    func anMTAsDeliveryOpensOneTicketInTheEnvelopesGroup(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let korea = try await TicketMailTests.team(api, "고객지원", address: "support-ko@rapport.test")
            // The listener's socket is the mail tests' (and CI's Python LMTP client's); this is
            // the delivery it hands each message to.
            let server = TicketMailTests.intake(api).lmtpServer(host: "127.0.0.1", port: 0, logger: Logger(label: "test.lmtp"))
            func deliver(_ text: String, to recipients: [String]) async -> LMTPSession.Outcome {
                await server.deliver(Array(text.utf8), recipients)
            }
            // To: names someone else; only the envelope (Delivered-To) names the group.
            let message = """
                From: =?UTF-8?B?6rmA66+87KeA?= <minji@example.kr>\r
                To: team@example.kr\r
                Subject: =?UTF-8?B?66Gc6re47J247J20IOyViCDrj7zsmpQ=?=\r
                Message-ID: <lmtp-1@example.kr>\r
                Content-Type: text/plain; charset=UTF-8\r
                \r
                비밀번호를 바꿨는데 로그인이 안 돼요.\r

                """
            #expect(await deliver(message, to: ["support-ko@rapport.test"]) == .accepted)
            let tickets = try await api.call(.get, "/api/v1/tickets?limit=10").object()["data"]?.arrayValue?.compactMap(\.objectValue) ?? []
            #expect(tickets.count == 1 && tickets.first?.string("group_id") == korea && tickets.first?.string("subject") == "로그인이 안 돼요", "\(tickets)")
            #expect(tickets.first?.string("channel") == "email")
            // The MTA delivers the same message again (it lost our reply): 250, nothing new.
            #expect(await deliver(message, to: ["support-ko@rapport.test"]) == .accepted)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM tickets") == 1)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM mail_messages WHERE direction = 'inbound'") == 1)
            // Too large: refused for good, so the MTA returns it to its sender.
            #expect(await server.deliver(Array(repeating: 0x61, count: TicketMailIntake.maxBytes + 1), ["support-ko@rapport.test"]) == .rejected("552 5.3.4 Message too large"))
            // A reply with Gmail's Korean quote threads in; the page folds the quote away.
            let reply = """
                From: minji@example.kr\r
                To: support-ko@rapport.test\r
                Subject: Re: 로그인\r
                Message-ID: <lmtp-2@example.kr>\r
                In-Reply-To: <lmtp-1@example.kr>\r
                Content-Type: text/plain; charset=UTF-8\r
                \r
                이제 됩니다. 감사합니다!\r
                \r
                2026년 12월 3일 (목) 오전 10:00, 고객지원 <support-ko@rapport.test>님이 작성:\r
                > 비밀번호 재설정 링크를 보내 드렸습니다.\r

                """
            #expect(await deliver(reply, to: ["support-ko@rapport.test"]) == .accepted)
            let ticket = tickets.first?.string("id") ?? ""
            #expect(try await TicketMailTests.messages(api, ticket: ticket).count == 2)
            var admin = try await WorkspacePageTests.signedIn(api)
            let page = try await admin.request(.get, "/tickets/\(ticket)")
            #expect(page.body.contains("이제 됩니다. 감사합니다!</div><details class=\"quoted\">"), "\(page.body)")
            #expect(page.body.contains("&gt; 비밀번호 재설정 링크를 보내 드렸습니다."))
            // A bounce is taken (250) and opens nothing.
            let bounce = String(decoding: NPSSurveyTests.bounce(to: "nobody@example.kr", id: "lmtp-b1"), as: UTF8.self)
            #expect(await deliver(bounce, to: ["support-ko@rapport.test"]) == .accepted)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM tickets") == 1)
        }
    }
}

extension LMTPIntakeTests {
    /// A customer's screenshot arrives as a file of the message: named as they named it
    /// (RFC 2231, Korean), listed under the message, downloadable by whoever sees the
    /// ticket; a name with a direction override is replaced rather than kept.
    @Test(arguments: Backend.available)
    func filesOfReceivedMailBecomeFilesOfTheMessage(_ backend: Backend) async throws {
        try await AttachmentTests.withFiles(backend, maxBytes: 1 << 20) { api, dir in
            let intake = TicketMailIntake(store: RecordStore(db: api.db, cipher: testConfiguration.cipher), blobs: BlobStore(root: dir))
            let png = Data(AttachmentTests.png).base64EncodedString()
            let raw = Array("""
                From: minji@example.kr\r
                To: support@rapport.test\r
                Subject: screenshot\r
                Message-ID: <files-1@example.kr>\r
                MIME-Version: 1.0\r
                Content-Type: multipart/mixed; boundary="m"\r
                \r
                --m\r
                Content-Type: text/plain; charset=UTF-8\r
                \r
                화면을 첨부합니다.\r
                --m\r
                Content-Type: image/png\r
                Content-Disposition: attachment; filename*=UTF-8''%ED%99%94%EB%A9%B4.png\r
                Content-Transfer-Encoding: base64\r
                \r
                \(png)\r
                --m\r
                Content-Type: application/octet-stream\r
                Content-Disposition: attachment; filename="invoice\u{202E}fdp.exe"\r
                \r
                MZ\r
                --m--\r

                """.utf8)
            guard case .opened(let ticket, let message) = try await intake.receive(raw) else {
                Issue.record("not opened")
                return
            }
            let files = try await api.call(.get, "/api/v1/ticket_messages/\(message)/attachments").object()["data"]?.arrayValue?.compactMap(\.objectValue) ?? []
            #expect(files.map { $0.string("file_name") ?? "" } == ["화면.png", "attachment-2"], "\(files)")
            #expect(files.first?.string("content_type") == "image/png")
            let (download, bytes) = try await AttachmentTests.get(api, "/api/v1/attachments/\(files.first?.string("id") ?? "")/content")
            #expect(download.status == .ok && bytes == AttachmentTests.png)
            var admin = try await WorkspacePageTests.signedIn(api)
            let page = try await admin.request(.get, "/tickets/\(ticket)")
            #expect(page.body.contains(#"<ul class="message-files">"#) && page.body.contains("화면.png"))
            // Delivered again: no second copy of the files.
            #expect(try await intake.receive(raw) == .duplicate)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM attachments") == 2)
            // Erasing her takes her files and her mail's words and bytes with her.
            let person = try await api.call(.get, "/api/v1/tickets/\(ticket)").object().string("requester_id") ?? ""
            #expect(try await api.call(.post, "/api/v1/people/\(person)/erase").status == .ok)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM attachments") == 0)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM mail_messages WHERE raw IS NOT NULL OR text_body IS NOT NULL OR from_address <> ''") == 0)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM mail_messages") == 1, "that it came stays")
        }
    }
}
