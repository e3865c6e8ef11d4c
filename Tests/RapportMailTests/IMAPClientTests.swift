import Foundation
import NIOCore
import NIOSSL
import Testing
@testable import RapportMail

/// The server `Tests/mail/imap_server.sh` runs (Debian's Dovecot; CI starts it and sets
/// RAPPORT_TEST_IMAP_DIR); without it these tests are skipped. Each test reads a folder of
/// its own, made as a Maildir++ subfolder the server finds on its own.
struct TestIMAP {
    let host: String
    let port: Int
    let tlsPort: Int
    let user: String
    let password: String
    let cert: NIOSSLCertificate
    let maildir: String

    static let current: TestIMAP? = {
        guard let dir = ProcessInfo.processInfo.environment["RAPPORT_TEST_IMAP_DIR"],
              let data = FileManager.default.contents(atPath: dir + "/config.json"),
              let c = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let certPath = c["cert"] as? String, let cert = try? NIOSSLCertificate(file: certPath, format: .pem) else { return nil }
        return TestIMAP(host: c["host"] as! String, port: c["port"] as! Int, tlsPort: c["tls_port"] as! Int, user: c["user"] as! String,
                        password: c["password"] as! String, cert: cert, maildir: c["maildir"] as! String)
    }()

    /// A new empty folder; its name.
    func folder() throws -> String {
        let name = "T" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12)
        for sub in ["cur", "new", "tmp"] {
            try FileManager.default.createDirectory(atPath: "\(maildir)/.\(name)/\(sub)", withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o777])
        }
        return name
    }

    /// Drops a message into `folder` as a mail server's delivery would.
    func deliver(_ bytes: [UInt8], to folder: String) throws {
        let name = "\(Int(Date().timeIntervalSince1970)).\(UUID().uuidString).rapport"
        let path = "\(maildir)/.\(folder)/new/\(name)"
        FileManager.default.createFile(atPath: path, contents: Data(bytes), attributes: [.posixPermissions: 0o666])
    }

    func configuration(_ folder: String, security: SMTPConfiguration.Security = .startTLS, trusted: Bool = true, password: String? = nil) -> IMAPConfiguration {
        IMAPConfiguration(host: host, port: security == .implicitTLS ? tlsPort : port, security: security, username: user,
                          password: password ?? self.password, folder: folder, additionalTrustRoots: trusted ? [cert] : [], timeout: .seconds(20))
    }

    static func message(_ marker: String, size: Int = 0) -> [UInt8] {
        Array("From: a@example.jp\r\nTo: desk@rapport.test\r\nSubject: \(marker)\r\nMessage-ID: <\(marker)@example.jp>\r\n\r\n本文 \(marker)\r\n\(String(repeating: "x", count: size))\r\n".utf8)
    }
}

@Suite(.enabled(if: TestIMAP.current != nil, "set RAPPORT_TEST_IMAP_DIR to a running Tests/mail/imap_server.sh"))
struct IMAPClientTests {
    let server = TestIMAP.current!

    @Test(arguments: [SMTPConfiguration.Security.startTLS, .implicitTLS])
    func newMessagesComeByUIDOnceEach(_ security: SMTPConfiguration.Security) async throws {
        let folder = try server.folder()
        for i in 1...3 { try server.deliver(TestIMAP.message("m\(i)"), to: folder) }
        // (Dovecot numbers messages found in one scan in its own order; none of this relies on it.)
        let client = IMAPClient(configuration: server.configuration(folder, security: security))
        let first = try await client.fetch(after: 0, uidValidity: nil, limit: 2, maxBytes: 1 << 20)
        #expect(first.messages.count == 2 && first.more)
        #expect(first.messages.allSatisfy { String(decoding: $0.bytes, as: UTF8.self).contains("本文") })
        let last = try #require(first.messages.last?.uid)
        let second = try await client.fetch(after: last, uidValidity: first.uidValidity, maxBytes: 1 << 20)
        #expect(second.messages.count == 1 && !second.more && second.uidValidity == first.uidValidity)
        let third = try await client.fetch(after: second.messages[0].uid, uidValidity: first.uidValidity, maxBytes: 1 << 20)
        #expect(third.messages.isEmpty, "nothing new: not the last message again")
        try server.deliver(TestIMAP.message("m4"), to: folder)
        let fourth = try await client.fetch(after: second.messages[0].uid, uidValidity: first.uidValidity, maxBytes: 1 << 20)
        #expect(fourth.messages.count == 1 && String(decoding: fourth.messages[0].bytes, as: UTF8.self).contains("m4"))
        // Another UIDVALIDITY than the one kept: read from the start again.
        let again = try await client.fetch(after: fourth.messages[0].uid, uidValidity: first.uidValidity &+ 1, maxBytes: 1 << 20)
        #expect(again.messages.count == 4)
    }

    @Test func aMessageTooLargeIsPassedOverNotDownloaded() async throws {
        let folder = try server.folder()
        try server.deliver(TestIMAP.message("big", size: 5_000), to: folder)
        try server.deliver(TestIMAP.message("small"), to: folder)
        let batch = try await IMAPClient(configuration: server.configuration(folder)).fetch(after: 0, uidValidity: nil, maxBytes: 2_000)
        // Both UIDs come back (the mark moves past the large one); only the small one has bytes.
        #expect(batch.messages.count == 2 && batch.messages.filter { $0.bytes.isEmpty }.count == 1)
        #expect(batch.messages.contains { String(decoding: $0.bytes, as: UTF8.self).contains("small") })
    }

    @Test func refusalsAreToldApart() async throws {
        let folder = try server.folder()
        await #expect(throws: IMAPError.self) { try await IMAPClient(configuration: server.configuration(folder, password: "wrong")).fetch(after: 0, uidValidity: nil, maxBytes: 1000) }
        do {
            _ = try await IMAPClient(configuration: server.configuration(folder, password: "wrong")).fetch(after: 0, uidValidity: nil, maxBytes: 1000)
            Issue.record("a wrong password was accepted")
        } catch let IMAPError.refused(step, _) {
            #expect(step == "LOGIN")
        }
        do {
            _ = try await IMAPClient(configuration: server.configuration(folder, trusted: false)).fetch(after: 0, uidValidity: nil, maxBytes: 1000)
            Issue.record("an untrusted certificate was accepted")
        } catch let error as IMAPError {
            guard case .tls = error else { Issue.record("\(error)"); return }
        }
        do {
            _ = try await IMAPClient(configuration: server.configuration("NoSuchFolder")).fetch(after: 0, uidValidity: nil, maxBytes: 1000)
            Issue.record("a missing folder was read")
        } catch let IMAPError.refused(step, _) {
            #expect(step == "SELECT")
        }
        await #expect(throws: IMAPError.self) { try await IMAPClient(configuration: server.configuration("IN\"BOX")).fetch(after: 0, uidValidity: nil, maxBytes: 1000) }
    }

    @Test func credentialsAreQuoted() throws {
        #expect(try IMAPSession.quoted(#"pa"ss\word"#) == #""pa\"ss\\word""#)
        #expect(throws: IMAPError.self) { try IMAPSession.quoted("a\r\nb") }
    }
}
