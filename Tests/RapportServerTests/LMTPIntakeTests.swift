import Foundation
import Logging
import NIOCore
import NIOPosix
import RapportKit
import RapportMail
@testable import RapportStore
import Synchronization
import Testing

/// `serve --lmtp-port` on both databases: an MTA's delivery over LMTP opens a ticket in
/// the group its envelope names (a support address in Bcc shows only there), the same
/// message delivered again opens nothing, and a bounce is taken and opens nothing.
@Suite struct LMTPIntakeTests {
    @Test(arguments: Backend.available)
    func anMTAsDeliveryOpensOneTicketInTheEnvelopesGroup(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let korea = try await TicketMailTests.team(api, "고객지원", address: "support-ko@rapport.test")
            let server = TicketMailTests.intake(api).lmtpServer(host: "127.0.0.1", port: 0, logger: Logger(label: "test.lmtp"))
            let port = Mutex(0)
            let task = Task { try await server.run { p in port.withLock { $0 = p } } }
            defer { task.cancel() }
            for _ in 0..<100 where port.withLock({ $0 }) == 0 { try await Task.sleep(for: .milliseconds(20)) }
            let message = """
                From: =?UTF-8?B?6rmA66+87KeA?= <minji@example.kr>\r
                To: team@example.kr\r
                Subject: =?UTF-8?B?66Gc6re47J247J20IOyViCDrj7zsmpQ=?=\r
                Message-ID: <lmtp-1@example.kr>\r
                Content-Type: text/plain; charset=UTF-8\r
                \r
                비밀번호를 바꿨는데 로그인이 안 돼요.\r
                .\r
                """
            let script = "LHLO mta.test\r\nMAIL FROM:<minji@example.kr>\r\nRCPT TO:<support-ko@rapport.test>\r\nDATA\r\n\(message)\n"
            let first = try await Self.converse(port: port.withLock { $0 }, script + "QUIT\r\n")
            #expect(first.filter { $0.hasPrefix("250 2.0.0") }.count == 1, "\(first)")
            let tickets = try await api.call(.get, "/api/v1/tickets?limit=10").object()["data"]?.arrayValue?.compactMap(\.objectValue) ?? []
            #expect(tickets.count == 1 && tickets.first?.string("group_id") == korea && tickets.first?.string("subject") == "로그인이 안 돼요", "\(tickets)")
            #expect(tickets.first?.string("channel") == "email")
            // The MTA delivers the same message again (it lost our reply): 250, nothing new.
            let again = try await Self.converse(port: port.withLock { $0 }, script + "QUIT\r\n")
            #expect(again.contains("250 2.0.0 Delivered"))
            #expect(try await api.count("SELECT COUNT(*) AS n FROM tickets") == 1)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM mail_messages WHERE direction = 'inbound'") == 1)
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
                .\r
                """
            _ = try await Self.converse(port: port.withLock { $0 }, "LHLO mta.test\r\nMAIL FROM:<minji@example.kr>\r\nRCPT TO:<support-ko@rapport.test>\r\nDATA\r\n\(reply)\nQUIT\r\n")
            let ticket = tickets.first?.string("id") ?? ""
            #expect(try await TicketMailTests.messages(api, ticket: ticket).count == 2)
            var admin = try await WorkspacePageTests.signedIn(api)
            let page = try await admin.request(.get, "/tickets/\(ticket)")
            #expect(page.body.contains("이제 됩니다. 감사합니다!</div><details class=\"quoted\">"), "\(page.body)")
            #expect(page.body.contains("&gt; 비밀번호 재설정 링크를 보내 드렸습니다."))
            // A bounce is taken (250) and opens nothing.
            let bounce = String(decoding: NPSSurveyTests.bounce(to: "nobody@example.kr", id: "lmtp-b1"), as: UTF8.self)
            let dsn = try await Self.converse(port: port.withLock { $0 }, "LHLO mta.test\r\nMAIL FROM:<>\r\nRCPT TO:<support-ko@rapport.test>\r\nDATA\r\n\(bounce).\r\nQUIT\r\n")
            #expect(dsn.contains("250 2.0.0 Delivered"), "\(dsn)")
            #expect(try await api.count("SELECT COUNT(*) AS n FROM tickets") == 1)
        }
    }

    /// An MTA's side: writes `script` at once and reads every reply line until the server
    /// closes (the mail tests' client, in this target).
    static func converse(port: Int, _ script: String) async throws -> [String] {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
            }
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(string: script))
            var text = ""
            for try await chunk in inbound { text += String(buffer: chunk) }
            return text.split(separator: "\r\n").map(String.init)
        }
    }
}
