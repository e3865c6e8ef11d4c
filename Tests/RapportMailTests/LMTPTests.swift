import Foundation
import NIOCore
import NIOPosix
import Synchronization
import Testing
@testable import RapportMail

/// LMTP (RFC 2033): the conversation's rules without a network, then the listener over
/// loopback with a pipelined client, one reply per recipient and a deferred delivery.
@Suite struct LMTPTests {
    static func lines(_ session: inout LMTPSession, _ input: [String]) -> [LMTPSession.Step] {
        input.map { session.receive(Array($0.utf8)) }
    }

    @Test func commandsMustComeInOrder() {
        var s = LMTPSession(hostname: "rapport.test", maxBytes: 1000)
        let steps = Self.lines(&s, ["MAIL FROM:<a@x.test>", "EHLO mta", "LHLO mta", "RCPT TO:<b@x.test>", "DATA", "MAIL FROM:<a@x.test>",
                                    "MAIL FROM:<c@x.test>", "DATA", "RCPT TO:b@x.test", "RCPT TO:<>", "FOO", "VRFY x", "NOOP", "RSET", "RCPT TO:<b@x.test>"])
        let codes = steps.map { step -> String in
            guard case .reply(let text) = step else { return "?" }
            return String(text.suffix(from: text.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex).prefix(3))
        }
        #expect(codes == ["503", "500", "250", "503", "503", "250", "503", "503", "501", "501", "500", "252", "250", "250", "503"])
        if case .reply(let lhlo) = steps[2] { #expect(lhlo.contains("250-PIPELINING") && lhlo.hasSuffix("250 SIZE 1000")) }
        #expect(Self.lines(&s, ["QUIT"]) == [.close("221 2.0.0 rapport.test closing")])
    }

    @Test func dataIsUnstuffedAndEachRecipientIsAnswered() {
        var s = LMTPSession(hostname: "h", maxBytes: 1000)
        _ = Self.lines(&s, ["LHLO mta", "MAIL FROM:<>", "RCPT TO:<help@x.test>", "RCPT TO:<sales@x.test>", "DATA"])
        let steps = Self.lines(&s, ["Subject: hi", "", "..leading dot", ".", ])
        #expect(steps.last == .deliver(message: Array("Subject: hi\r\n\r\n.leading dot\r\n".utf8), recipients: ["help@x.test", "sales@x.test"]))
        #expect(s.replies(.accepted) == ["250 2.0.0 Delivered", "250 2.0.0 Delivered"])
        // The next transaction starts clean.
        #expect(Self.lines(&s, ["DATA"]) == [.reply("503 5.5.1 MAIL first")])
    }

    @Test func tooLargeIsRefusedDeclaredOrNot() {
        var s = LMTPSession(hostname: "h", maxBytes: 40)
        #expect(Self.lines(&s, ["LHLO mta", "MAIL FROM:<a@x.test> SIZE=41"]).last == .reply("552 5.3.4 Message larger than 40 bytes"))
        _ = Self.lines(&s, ["MAIL FROM:<a@x.test> SIZE=10", "RCPT TO:<b@x.test>", "RCPT TO:<c@x.test>", "DATA"])
        let steps = Self.lines(&s, [String(repeating: "x", count: 30), String(repeating: "y", count: 30), "."])
        #expect(steps.last == .reply("552 5.3.4 Message larger than 40 bytes\r\n552 5.3.4 Message larger than 40 bytes"))
        #expect(Self.lines(&s, ["NOOP"]) == [.reply("250 2.0.0 OK")], "still in step after the data")
        #expect(s.receive(Array(String(repeating: "A", count: 600).utf8)) == .reply("500 5.5.2 Line too long"))
    }

    /// A pipelined client over loopback: LHLO, MAIL, two RCPT and DATA in one write, a
    /// deferred delivery answered 451 per recipient, then QUIT.
    @Test func theListenerAnswersAPipelinedClient() async throws {
        let delivered = Mutex<[[String]]>([])
        let server = LMTPServer(host: "127.0.0.1", port: 0, hostname: "rapport.test", maxBytes: 10_000) { message, recipients in
            delivered.withLock { $0.append(recipients) }
            return String(decoding: message, as: UTF8.self).contains("defer me") ? .deferred : .accepted
        }
        let port = Mutex(0)
        let task = Task { try await server.run { p in port.withLock { $0 = p } } }
        defer { task.cancel() }
        for _ in 0..<100 where port.withLock({ $0 }) == 0 { try await Task.sleep(for: .milliseconds(20)) }
        let replies = try await Self.converse(port: port.withLock { $0 }, """
            LHLO mta.test\r
            MAIL FROM:<sender@example.org>\r
            RCPT TO:<help@rapport.test>\r
            RCPT TO:<billing@rapport.test>\r
            DATA\r
            Subject: one\r
            \r
            first\r
            .\r
            MAIL FROM:<sender@example.org>\r
            RCPT TO:<help@rapport.test>\r
            DATA\r
            Subject: two\r
            \r
            defer me\r
            .\r
            QUIT\r

            """)
        let codes = replies.map { String($0.prefix(4)) }
        #expect(codes == ["220 ", "250-", "250-", "250-", "250-", "250-", "250 ", "250 ", "250 ", "250 ", "354 ", "250 ", "250 ",
                          "250 ", "250 ", "354 ", "451 ", "221 "], "\(replies)")
        #expect(delivered.withLock { $0 } == [["help@rapport.test", "billing@rapport.test"], ["help@rapport.test"]])
    }

    /// Writes `script` at once and reads every reply line until the server closes.
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
