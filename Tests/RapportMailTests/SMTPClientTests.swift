import Foundation
import NIOCore
import NIOSSL
import Testing
@testable import RapportMail

/// The relay `Tests/mail/smtp_server.py` runs (CI starts it and sets
/// RAPPORT_TEST_SMTP_DIR to its directory); without it these tests are skipped.
struct TestRelay {
    let host: String
    let starttlsPort: Int
    let tlsPort: Int
    let silentPort: Int
    let user: String
    let password: String
    let cert: NIOSSLCertificate
    let sizeLimit: Int
    let out: URL

    static let current: TestRelay? = {
        guard let dir = ProcessInfo.processInfo.environment["RAPPORT_TEST_SMTP_DIR"],
              let data = FileManager.default.contents(atPath: dir + "/config.json"),
              let c = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let certPath = c["cert"] as? String, let cert = try? NIOSSLCertificate(file: certPath, format: .pem) else { return nil }
        return TestRelay(host: c["host"] as! String, starttlsPort: c["starttls_port"] as! Int, tlsPort: c["tls_port"] as! Int,
                         silentPort: c["silent_port"] as! Int, user: c["user"] as! String, password: c["password"] as! String,
                         cert: cert, sizeLimit: c["size_limit"] as! Int, out: URL(fileURLWithPath: dir))
    }()

    func configuration(_ security: SMTPConfiguration.Security = .startTLS, trusted: Bool = true, password: String? = nil) -> SMTPConfiguration {
        SMTPConfiguration(host: host, port: security == .implicitTLS ? tlsPort : starttlsPort, security: security, username: user,
                          password: password ?? self.password, heloName: "rapport.test", additionalTrustRoots: trusted ? [cert] : [])
    }

    /// The message the relay saved whose bytes contain `marker`, and its envelope.
    func received(_ marker: String) throws -> (bytes: [UInt8], envelope: [String: Any])? {
        for name in try FileManager.default.contentsOfDirectory(atPath: out.path) where name.hasSuffix(".eml") {
            let bytes = [UInt8](try Data(contentsOf: out.appendingPathComponent(name)))
            if String(decoding: bytes, as: UTF8.self).contains(marker) {
                let json = try Data(contentsOf: out.appendingPathComponent(name.replacingOccurrences(of: ".eml", with: ".json")))
                return (bytes, try JSONSerialization.jsonObject(with: json) as! [String: Any])
            }
        }
        return nil
    }
}

@Suite(.enabled(if: TestRelay.current != nil, "set RAPPORT_TEST_SMTP_DIR to a running Tests/mail/smtp_server.py"))
struct SMTPClientTests {
    let relay = TestRelay.current!

    func message(marker: String, to: String = "b@example.kr", text: String = "본문") throws -> [UInt8] {
        try OutgoingMessage(from: MailAddress(name: "김보경", address: "rep@rapport.test"), to: [MailAddress(name: "山田太郎", address: to)],
                            subject: "견적서 \(marker)", text: text, messageID: "\(marker)@rapport.test",
                            date: Date(timeIntervalSince1970: 1_796_106_288), timeZone: TimeZone(identifier: "Asia/Seoul")!).rendered()
    }

    @Test func startTLSWithAuthDeliversTheExactBytes() async throws {
        let marker = "m-\(UUID().uuidString)"
        let bytes = try message(marker: marker, text: ".a line starting with a dot\n..two\nend")
        let delivery = try await SMTPClient(configuration: relay.configuration()).send(bytes, from: "rep@rapport.test", to: ["b@example.kr"])
        #expect(delivery.accepted == ["b@example.kr"])
        #expect(delivery.refused.isEmpty)
        #expect(delivery.reply.code == 250)
        let saved = try #require(try relay.received(marker))
        #expect(saved.bytes == bytes || saved.bytes + [13, 10] == bytes)
        #expect(saved.envelope["from"] as? String == "rep@rapport.test")
        #expect(saved.envelope["authenticated"] as? Bool == true)
        // A one-part message's text ends with the line break every message ends with.
        #expect(MailMessage(parsing: saved.bytes).text?.text.hasPrefix(".a line starting with a dot\r\n..two\r\nend") == true)
    }

    @Test func implicitTLS() async throws {
        let marker = "t-\(UUID().uuidString)"
        let delivery = try await SMTPClient(configuration: relay.configuration(.implicitTLS)).send(try message(marker: marker), from: "rep@rapport.test", to: ["b@example.kr"])
        #expect(delivery.accepted == ["b@example.kr"])
        #expect(try relay.received(marker) != nil)
    }

    @Test func someRecipientsRefused() async throws {
        let marker = "p-\(UUID().uuidString)"
        let delivery = try await SMTPClient(configuration: relay.configuration()).send(try message(marker: marker), from: "rep@rapport.test",
                                                                                        to: ["b@example.kr", "nobody@example.kr", "busy@example.kr"])
        #expect(delivery.accepted == ["b@example.kr"])
        #expect(delivery.refused.map(\.recipient) == ["nobody@example.kr", "busy@example.kr"])
        #expect(delivery.refused.map(\.reply.code) == [550, 451])
    }

    @Test func transientAndPermanentFailuresAreToldApart() async throws {
        let client = SMTPClient(configuration: relay.configuration())
        await #expect(throws: SMTPError.transient(step: "RCPT TO", reply: SMTPReply(code: 451, lines: ["4.3.0 Mailbox busy, try again later"]))) {
            try await client.send(try message(marker: "busy"), from: "rep@rapport.test", to: ["busy@example.kr"])
        }
        do {
            _ = try await client.send(try message(marker: "nobody"), from: "rep@rapport.test", to: ["nobody@example.kr"])
            Issue.record("a refused recipient was accepted")
        } catch let error as SMTPError {
            #expect(!error.isTransient)
            guard case .permanent(_, let reply) = error else { Issue.record("\(error)"); return }
            #expect(reply.code == 550)
        }
        let wrongPassword = SMTPClient(configuration: relay.configuration(password: "wrong"))
        do {
            _ = try await wrongPassword.send(try message(marker: "auth"), from: "rep@rapport.test", to: ["b@example.kr"])
            Issue.record("a wrong password was accepted")
        } catch let error as SMTPError {
            guard case .permanent("AUTH", let reply) = error else { Issue.record("\(error)"); return }
            #expect(reply.code == 535)
        }
    }

    @Test func untrustedCertificateIsRefused() async throws {
        do {
            _ = try await SMTPClient(configuration: relay.configuration(trusted: false)).send(try message(marker: "tls"), from: "rep@rapport.test", to: ["b@example.kr"])
            Issue.record("an untrusted certificate was accepted")
        } catch let error as SMTPError {
            guard case .tls = error else { Issue.record("expected a TLS error, got \(error)"); return }
            #expect(!error.isTransient)
        }
    }

    @Test func silentServerTimesOut() async throws {
        var configuration = relay.configuration()
        configuration.port = relay.silentPort
        configuration.timeouts.greeting = .milliseconds(300)
        let started = ContinuousClock.now
        await #expect(throws: SMTPError.timeout(step: "greeting")) {
            try await SMTPClient(configuration: configuration).send(try message(marker: "silent"), from: "rep@rapport.test", to: ["b@example.kr"])
        }
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test func sizeLimitIsCheckedBeforeSending() async throws {
        let big = try message(marker: "big", text: String(repeating: "가", count: relay.sizeLimit))
        await #expect(throws: SMTPError.messageTooLarge(limit: relay.sizeLimit)) {
            try await SMTPClient(configuration: relay.configuration()).send(big, from: "rep@rapport.test", to: ["b@example.kr"])
        }
    }

    @Test func nonASCIIRecipientUsesSMTPUTF8() async throws {
        let marker = "u-\(UUID().uuidString)"
        let delivery = try await SMTPClient(configuration: relay.configuration()).send(try message(marker: marker, to: "보경@example.kr"), from: "rep@rapport.test", to: ["보경@example.kr"])
        #expect(delivery.accepted == ["보경@example.kr"])
        let saved = try #require(try relay.received(marker))
        #expect((saved.envelope["mail_options"] as? [String])?.contains("SMTPUTF8") == true)
    }
}

/// The parts of the conversation that need no server.
@Suite struct SMTPWireTests {
    @Test func dotStuffingAndLineEnds() {
        let stuffed = SMTPSession.dotStuffed(Array(".a\n..b\r\nc\r.d".utf8))
        #expect(String(decoding: stuffed, as: UTF8.self) == "..a\r\n...b\r\nc\r\n..d\r\n.\r\n")
        #expect(String(decoding: SMTPSession.dotStuffed(Array("x\r\n".utf8)), as: UTF8.self) == "x\r\n.\r\n")
    }

    @Test func multiLineRepliesAndGarbage() throws {
        var reader = SMTPReply.Reader()
        #expect(try reader.add("250-mail.example.com") == nil)
        #expect(try reader.add("250-SIZE 100") == nil)
        #expect(try reader.add("250 STARTTLS") == SMTPReply(code: 250, lines: ["mail.example.com", "SIZE 100", "STARTTLS"]))
        #expect(try reader.add("354") == SMTPReply(code: 354, lines: [""]))
        var bad = SMTPReply.Reader()
        #expect(throws: SMTPError.self) { try bad.add("hello") }
        var mixed = SMTPReply.Reader()
        _ = try mixed.add("250-a")
        #expect(throws: SMTPError.self) { try mixed.add("550 b") }
        #expect(SMTPReply(code: 421, lines: []).isTransient)
        #expect(SMTPReply(code: 554, lines: []).isPermanent)
    }
}
