import Foundation
import Logging
import NIOSSL
import RapportKit
import RapportMail
@testable import RapportStore
import Testing

/// A group's IMAP mailbox on both databases against Dovecot (CI starts it; skipped
/// without RAPPORT_TEST_IMAP_DIR): connected by an admin with a sealed password, read by UID
/// into the group's tickets once each, resumed after what was taken, and a failure kept on
/// the mailbox without touching its mark.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["RAPPORT_TEST_IMAP_DIR"] != nil, "set RAPPORT_TEST_IMAP_DIR to a running Tests/mail/imap_server.sh"))
struct MailboxFetchTests {
    struct Server {
        var host: String, port: Int, user: String, password: String, cert: String, maildir: String
        static func load() throws -> Server {
            let dir = ProcessInfo.processInfo.environment["RAPPORT_TEST_IMAP_DIR"] ?? ""
            let c = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/config.json"))) as! [String: Any]
            return Server(host: c["host"] as! String, port: c["port"] as! Int, user: c["user"] as! String, password: c["password"] as! String,
                          cert: c["cert"] as! String, maildir: c["maildir"] as! String)
        }

        func folder() throws -> String {
            let name = "S" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12)
            for sub in ["cur", "new", "tmp"] {
                try FileManager.default.createDirectory(atPath: "\(maildir)/.\(name)/\(sub)", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o777])
            }
            return name
        }

        func deliver(_ text: String, to folder: String) {
            FileManager.default.createFile(atPath: "\(maildir)/.\(folder)/new/\(UUID().uuidString).m", contents: Data(text.utf8), attributes: [.posixPermissions: 0o666])
        }
    }

    static func mail(_ n: Int) -> String {
        "From: Yamada <yamada@example.jp>\r\nTo: someone@example.jp\r\nSubject: 請求書 \(n)\r\nMessage-ID: <imap-\(n)-\(UUID().uuidString)@example.jp>\r\n\r\n請求書の件です。\r\n"
    }

    @Test(arguments: Backend.available)
    func aGroupsMailboxIsReadOnceEachAndResumed(_ backend: Backend) async throws {
        let server = try Server.load()
        try await withAPI(backend) { api in
            let team = try await TicketMailTests.team(api, "請求", address: "billing@rapport.test")
            let folder = try server.folder()
            let body = #"{"host":"\#(server.host)","port":\#(server.port),"security":"starttls","username":"\#(server.user)","password":"\#(server.password)","folder":"\#(folder)"}"#
            // Wrong fields are named together and nothing is stored.
            let refused = try await api.call(.put, "/api/v1/teams/\(team)/mailbox", json: #"{"host":"bad host","port":0,"security":"smoke","folder":"a\"b","extra":1}"#)
            #expect(refused.status == .unprocessableContent)
            for field in ["host", "port", "security", "folder", "extra"] { #expect(refused.body.contains(#""field":"\#(field)""#), "\(field)") }
            #expect(try await api.call(.get, "/api/v1/teams/\(team)/mailbox").status == .notFound)
            let saved = try await api.call(.put, "/api/v1/teams/\(team)/mailbox", json: body)
            #expect(saved.status == .ok && saved.body.contains(#""has_password":true"#) && !saved.body.contains(server.password), "\(saved.body)")
            #expect(try await api.count("SELECT COUNT(*) AS n FROM team_mailboxes WHERE password_sealed LIKE \("%" + server.password + "%")") == 0, "sealed")
            #expect(try await api.count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'team.mailbox'") == 1)

            let store = RecordStore(db: api.db, cipher: testConfiguration.cipher)
            let roots = try NIOSSLCertificate.fromPEMFile(server.cert)
            let mailboxes = TeamMailboxes(store: store)
            func read() async throws { try await mailboxes.readAll(intake: TicketMailIntake(store: store), trustRoots: roots, logger: Logger(label: "test"), now: Date()) }
            server.deliver(Self.mail(1), to: folder)
            server.deliver(Self.mail(2), to: folder)
            try await read()
            #expect(try await api.count("SELECT COUNT(*) AS n FROM tickets WHERE group_id = \(team) AND channel = 'email'") == 2)
            try await read()
            #expect(try await api.count("SELECT COUNT(*) AS n FROM tickets") == 2, "read once each")
            // The third through the recurring job, as `serve` runs it every minute.
            server.deliver(Self.mail(3), to: folder)
            var registry = JobRegistry()
            registry.register(try MailboxFetchJob(store: store, blobs: nil, trustRootFiles: [server.cert]), schedule: "* * * * *")
            let clock = ManualJobClock(Int64(Date().timeIntervalSince1970 * 1000))
            let runner = JobRunner(store: JobStore(db: api.db, clock: clock), registry: registry, worker: "test", random: { 0 })
            try await runner.ensureRecurring()
            clock.advance(milliseconds: 61_000)
            #expect(try await runner.runDue() == 1)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM tickets") == 3)
            let state = try await api.call(.get, "/api/v1/teams/\(team)/mailbox").object()
            #expect(state["taken"]?.numberLiteral == "3" && state["last_error"] == .null && state["last_checked_at"]?.stringValue != nil, "\(state)")

            // A wrong password: the error is kept on the mailbox, the mark stays.
            #expect(try await api.call(.put, "/api/v1/teams/\(team)/mailbox", json: body.replacingOccurrences(of: server.password, with: "wrong")).status == .ok)
            server.deliver(Self.mail(4), to: folder)
            try await read()
            let failed = try await api.call(.get, "/api/v1/teams/\(team)/mailbox").object()
            #expect(failed["last_error"]?.stringValue?.contains("LOGIN") == true && failed["taken"]?.numberLiteral == "3", "\(failed)")
            #expect(try await api.count("SELECT COUNT(*) AS n FROM tickets") == 3)
            // The right one again: only the new message comes in.
            #expect(try await api.call(.put, "/api/v1/teams/\(team)/mailbox", json: body).status == .ok)
            try await read()
            #expect(try await api.count("SELECT COUNT(*) AS n FROM tickets") == 4)
            #expect(try await api.call(.delete, "/api/v1/teams/\(team)/mailbox").status == .noContent)
            #expect(try await api.call(.get, "/api/v1/teams/\(team)/mailbox").status == .notFound)
        }
    }
}

/// Settings → Teams: an admin connects a group's mailbox without the API; a wrong field
/// is named and nothing is stored; the table shows where it reads and how it went.
@Suite struct MailboxSettingsPageTests {
    @Test(arguments: Backend.available)
    func anAdminConnectsAGroupsMailbox(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let team = try await TicketMailTests.team(api, "サポート", address: "support-jp@rapport.test")
            var admin = try await WorkspacePageTests.signedIn(api)
            let page = try await admin.request(.get, "/settings/teams")
            #expect(page.body.contains(#"action="/settings/teams/mailbox""#))
            let csrf = PageClient.csrf(page.body) ?? ""
            let form = [("_csrf", csrf), ("id", team), ("host", "imap.example.jp"), ("security", "tls"), ("username", "support-jp"),
                        ("password", "s3cret-pass"), ("folder", "INBOX"), ("enabled", "true")]
            let refused = try await admin.request(.post, "/settings/teams/mailbox", form: form + [("port", "99999")])
            #expect(refused.status == .unprocessableContent)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM team_mailboxes") == 0)
            #expect(try await admin.request(.post, "/settings/teams/mailbox", form: form + [("port", "993")]).status == .seeOther)
            let after = try await admin.request(.get, "/settings/teams")
            #expect(after.body.contains("imap.example.jp · support-jp · 0 taken") && !after.body.contains("s3cret-pass"), "\(after.body.suffix(3000))")
            // Saved again without a password: the stored one is kept.
            #expect(try await admin.request(.post, "/settings/teams/mailbox", form: form.filter { $0.0 != "password" } + [("port", "993"), ("password", "")]).status == .seeOther)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM team_mailboxes WHERE password_sealed IS NOT NULL") == 1)
        }
    }
}
