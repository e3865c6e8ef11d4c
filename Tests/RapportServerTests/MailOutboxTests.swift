import Foundation
import RapportKit
import RapportMail
import RapportStore
import Testing

/// The relay `Tests/mail/smtp_server.py` runs, as the outbox tests use it: its STARTTLS
/// port with AUTH, its own certificate, and the messages it saved.
struct OutboxRelay {
    let host: String
    let port: Int
    let user: String
    let password: String
    let cert: String
    let out: URL

    static let current: OutboxRelay? = {
        guard let dir = ProcessInfo.processInfo.environment["RAPPORT_TEST_SMTP_DIR"],
              let data = FileManager.default.contents(atPath: dir + "/config.json"),
              let c = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let host = c["host"] as? String, let port = c["starttls_port"] as? Int, let user = c["user"] as? String,
              let password = c["password"] as? String, let cert = c["cert"] as? String else { return nil }
        return OutboxRelay(host: host, port: port, user: user, password: password, cert: cert, out: URL(fileURLWithPath: dir))
    }()

    /// The saved messages that carry `Message-ID: <id>`.
    func received(messageID: String) throws -> [[UInt8]] {
        try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".eml") }.compactMap { name in
            let bytes = [UInt8](try Data(contentsOf: out.appendingPathComponent(name)))
            return String(decoding: bytes, as: UTF8.self).contains("Message-ID: <\(messageID)>") ? bytes : nil
        }
    }

    var settingsJSON: String {
        #"{"host":"\#(host)","port":\#(port),"security":"starttls","username":"\#(user)","password":"\#(password)","from_name":"김보경 (Rapport)","from_address":"sales@rapport.test"}"#
    }
}

/// A runner for the send job on the test's database, on a clock the test moves.
struct OutboxHarness {
    let outbox: MailOutbox
    let clock: ManualJobClock
    let db: Database

    init(_ api: API) {
        clock = ManualJobClock(Int64(Date().timeIntervalSince1970 * 1000))
        db = api.db
        outbox = MailOutbox(db: api.db, cipher: testConfiguration.cipher, clock: clock)
    }

    func runner(_ worker: String) throws -> JobRunner {
        var registry = JobRegistry()
        registry.registerMail(try MailSendJob(outbox: outbox, trustRootFiles: OutboxRelay.current.map { [$0.cert] } ?? []))
        return JobRunner(store: JobStore(db: db, clock: clock), registry: registry, worker: worker, random: { 0 })
    }

    func job(for message: MailRecord) async throws -> Job? {
        guard let id = try await db.read({ s in try await s.query("SELECT id FROM jobs WHERE idempotency_key = \(message.messageID)").first?.text("id") }) else {
            return nil
        }
        return try await JobStore(db: db).job(id: id)
    }
}

/// Settings → Mail and its API: per-field 422s, admins only, and a password that is stored
/// sealed and never shown back anywhere.
@Suite struct MailSettingsTests {
    static let secret = "relay-Secret-만세-秘密"

    @Test(arguments: Backend.available)
    func badInputIsRefusedPerFieldAndChangesNothing(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let base = #""host":"smtp.example.com","port":587,"security":"starttls","from_address":"sales@example.com""#
            let cases: [(String, [String])] = [
                (#"{"host":"smtp example.com","port":587,"security":"starttls","from_address":"sales@example.com"}"#, ["host"]),
                (#"{"host":"smtp.example.com","port":70000,"security":"starttls","from_address":"sales@example.com"}"#, ["port"]),
                (#"{"host":"smtp.example.com","port":"99999999999999999999999","security":"starttls","from_address":"sales@example.com"}"#, ["port"]),
                (#"{"host":"smtp.example.com","port":587,"security":"ssl","from_address":"sales@example.com"}"#, ["security"]),
                (#"{"host":"smtp.example.com","port":587,"security":"starttls","from_address":"not-an-address"}"#, ["from_address"]),
                (#"{\#(base),"username":"relay"}"#, ["password"]),
                (#"{\#(base),"password":"x"}"#, ["username"]),
                (#"{"host":"localhost","port":25,"security":"none","username":"u","password":"p","from_address":"a@example.com"}"#, ["security"]),
                (#"{\#(base),"from_name":"a\nBcc: x@example.com"}"#, ["from_name"]),
                (#"{\#(base),"colour":"red"}"#, ["colour"]),
                (#"{}"#, ["host", "port", "security", "from_address"]),
            ]
            for (body, fields) in cases {
                let reply = try await api.call(.put, "/api/v1/settings/mail", json: body)
                #expect(reply.status == .unprocessableContent, "\(body) → \(reply.body)")
                #expect(try Set(reply.errorFields()) == Set(fields), "\(body) → \(reply.body)")
            }
            let read = try await api.call(.get, "/api/v1/settings/mail")
            #expect(try read.status == .ok && read.object()["configured"] == .bool(false), "\(read.body)")
            let audited = try await api.call(.get, "/api/v1/audit?action=settings.mail").object()["data"]?.arrayValue ?? []
            #expect(audited.isEmpty)
            // No relay: a test message is a 409 that queues nothing.
            let test = try await api.call(.post, "/api/v1/settings/mail/test", json: #"{"to":"a@example.com"}"#)
            #expect(test.status == .conflict, "\(test.body)")
            let badTo = try await api.call(.post, "/api/v1/settings/mail/test", json: #"{"to":"nope"}"#)
            #expect(try badTo.status == .unprocessableContent && badTo.errorFields() == ["to"], "\(badTo.body)")
            let queued = try await api.db.read { s in try await s.query("SELECT COUNT(*) AS n FROM mail_messages").first?.int("n") }
            #expect(queued == 0)
        }
    }

    @Test(arguments: Backend.available)
    func passwordIsSealedAndNeverShown(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let body = #"{"host":"smtp.example.com","port":"587","security":"starttls","username":"relay-user","password":"\#(Self.secret)","from_name":"山田太郎","from_address":"Sales@Example.com"}"#
            let saved = try await api.call(.put, "/api/v1/settings/mail", json: body)
            #expect(saved.status == .ok, "\(saved.body)")
            let object = try saved.object()
            #expect(object["has_password"] == .bool(true) && object.string("from_address") == "sales@example.com" && object["port"] == .number("587"))
            // Saving again without a password keeps it; changing the port is audited.
            let again = try await api.call(.put, "/api/v1/settings/mail", json: #"{"host":"smtp.example.com","port":465,"security":"tls","username":"relay-user","from_address":"sales@example.com"}"#)
            #expect(try again.status == .ok && again.object()["has_password"] == .bool(true), "\(again.body)")
            // The database holds it sealed (the relay tests show the send job opens it).
            let stored = try await api.db.read { s in try await s.query("SELECT password_sealed FROM mail_settings WHERE id = 1").first?.text("password_sealed") }
            #expect(stored?.hasPrefix("enc:v2:") == true && stored?.contains(Self.secret) == false)
            // Nowhere to be read back: the API, the audit log, the pages, the jobs.
            var answers: [String] = [saved.body, again.body]
            for path in ["/api/v1/settings/mail", "/api/v1/audit?action=settings.mail", "/api/v1/audit", "/api/v1/jobs", "/api/openapi.json"] {
                let reply = try await api.call(.get, path)
                #expect(reply.status == .ok, "\(path): \(reply.body)")
                answers.append(reply.body)
            }
            let audited = try await api.call(.get, "/api/v1/audit?action=settings.mail").object()["data"]?.arrayValue ?? []
            #expect(audited.count == 2)
            var admin = try await WorkspacePageTests.signedIn(api)
            for path in ["/settings/mail", "/settings", "/settings/audit"] {
                let page = try await admin.request(.get, path)
                #expect(page.status == .ok, "\(path)")
                answers.append(page.body)
            }
            for answer in answers {
                #expect(!answer.contains(Self.secret) && !answer.contains("relay-Secret"), "\(answer.prefix(400))")
            }
            // Clearing it is explicit.
            let cleared = try await api.call(.put, "/api/v1/settings/mail", json: #"{"host":"localhost","port":25,"security":"none","username":null,"password":null,"from_address":"sales@example.com"}"#)
            #expect(try cleared.status == .ok && cleared.object()["has_password"] == .bool(false), "\(cleared.body)")
        }
    }

    @Test(arguments: Backend.available)
    func onlyAdminsAndThePageSpeaksThreeLanguages(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let rep = try await api.user("rep@example.com", role: "sales")
            #expect(try await api.call(.get, "/api/v1/settings/mail", token: rep.token).status == .forbidden)
            #expect(try await api.call(.put, "/api/v1/settings/mail", json: #"{"host":"a.example.com","port":25,"security":"none","from_address":"a@example.com"}"#, token: rep.token).status == .forbidden)
            #expect(try await api.call(.post, "/api/v1/settings/mail/test", json: #"{"to":"a@example.com"}"#, token: rep.token).status == .forbidden)
            var repPage = try await WorkspacePageTests.signedIn(api, email: "rep2@example.com", role: "sales")
            #expect(try await repPage.request(.get, "/settings/mail").status == .forbidden)

            var admin = try await WorkspacePageTests.signedIn(api)
            let empty = try await admin.request(.get, "/settings/mail")
            #expect(empty.status == .ok && empty.body.contains("name=\"host\"") && !empty.body.contains("/settings/mail/test"), "\(empty.body)")
            let csrf = PageClient.csrf(empty.body) ?? ""
            let bad = try await admin.request(.post, "/settings/mail", form: [("_csrf", csrf), ("host", "smtp.example.com"), ("port", "0"), ("security", "starttls"), ("from_address", "a@example.com")])
            #expect(bad.status == .unprocessableContent && bad.body.contains("1 to 65535"), "\(bad.body)")
            let good = try await admin.request(.post, "/settings/mail", form: [("_csrf", csrf), ("host", "smtp.example.com"), ("port", "587"), ("security", "starttls"),
                                                                              ("username", "u"), ("password", "pw-12345"), ("from_address", "a@example.com")])
            #expect(good.status == .seeOther || good.status == .found, "\(good.body)")
            let shown = try await admin.request(.get, "/settings/mail")
            #expect(shown.body.contains("/settings/mail/test") && shown.body.contains("smtp.example.com") && !shown.body.contains("pw-12345"))
            for (language, words) in [("ko", ["릴레이 호스트", "테스트 메일 보내기"]), ("ja", ["リレーのホスト", "テストメールを送信"])] {
                let page = try await admin.request(.get, "/settings/mail", headers: [.acceptLanguage: language])
                for word in words { #expect(page.body.contains(word), "\(language): \(word)") }
            }
        }
    }
}

/// The outbox against a real relay: what arrives, retries, refusals, two runners, and the
/// resend after an instance stopped mid-send.
@Suite(.enabled(if: OutboxRelay.current != nil, "set RAPPORT_TEST_SMTP_DIR to a running Tests/mail/smtp_server.py"))
struct MailOutboxTests {
    let relay = OutboxRelay.current!

    func configure(_ api: API) async throws {
        let reply = try await api.call(.put, "/api/v1/settings/mail", json: relay.settingsJSON)
        #expect(reply.status == .ok, "\(reply.body)")
    }

    @Test(arguments: Backend.available)
    func koreanAndJapaneseArriveReadable(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            try await configure(api)
            let harness = OutboxHarness(api)
            let person = try await api.create("people", #"{"family_name":"山田","given_name":"太郎","emails":["taro@example.jp"]}"#).string("id") ?? ""
            let draft = MailOutbox.Draft(to: [MailAddress(name: "山田太郎", address: "taro@example.jp"), MailAddress(name: "이수진", address: "sujin@example.kr")],
                                         subject: "견적서 송부 — お見積りのご案内", text: "山田様\n\n견적서를 보내 드립니다.\n", links: [("people", person)])
            let queued = try await harness.outbox.enqueue(draft, actor: Actor(userID: nil))
            #expect(queued.state == .queued)
            #expect(try await harness.runner("a").runDue() == 1)
            let sent = try #require(try await harness.outbox.message(id: queued.id))
            #expect(sent.state == .sent && sent.serverReply?.hasPrefix("250") == true && sent.sentAt != nil, "\(sent)")
            let arrived = try relay.received(messageID: queued.messageID)
            #expect(arrived.count == 1)
            let parsed = MailMessage(parsing: try #require(arrived.first))
            #expect(parsed.subject == "견적서 송부 — お見積りのご案内")
            #expect(parsed.from.first?.name == "김보경 (Rapport)" && parsed.from.first?.address == "sales@rapport.test")
            #expect(parsed.to.map(\.name) == ["山田太郎", "이수진"])
            #expect(parsed.text?.text.contains("견적서를 보내 드립니다.") == true)
            let links = try await api.db.read { s in try await s.query("SELECT record_id FROM mail_links WHERE mail_id = \(queued.id)").map { $0.text("record_id") } }
            #expect(links == [person])
            // The test message of the settings API goes the same way, and its state is read back.
            let test = try await api.call(.post, "/api/v1/settings/mail/test", json: #"{"to":"admin@example.kr"}"#)
            #expect(test.status == .accepted, "\(test.body)")
            let testID = try test.object().string("id") ?? ""
            // The application queued it on the machine's clock, which has moved past the harness's.
            harness.clock.advance(milliseconds: 60_000)
            #expect(try await harness.runner("a").runDue() == 1)
            let state = try await api.call(.get, "/api/v1/mail/messages/\(testID)").object()
            #expect(state.string("state") == "sent", "\(state)")
            let rep = try await api.user("rep@example.com", role: "sales")
            #expect(try await api.call(.get, "/api/v1/mail/messages/\(testID)", token: rep.token).status == .notFound)
        }
    }

    @Test(arguments: Backend.available)
    func transientFailureIsRetriedThenSent(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            try await configure(api)
            let harness = OutboxHarness(api)
            let to = "later-\(UUID().uuidString.prefix(8).lowercased())@example.kr"
            let queued = try await harness.outbox.enqueue(MailOutbox.Draft(to: [MailAddress(address: to)], subject: "Greylisted", text: "once"), actor: Actor(userID: nil))
            let runner = try harness.runner("a")
            #expect(try await runner.runDue() == 1)
            let deferred = try #require(try await harness.outbox.message(id: queued.id))
            #expect(deferred.state == .queued && deferred.attempts == 1 && deferred.lastError?.contains("451") == true, "\(deferred)")
            let job = try #require(try await harness.job(for: queued))
            #expect(job.state == .queued && job.attempts == 1 && job.runAt > harness.clock.now())
            #expect(try await runner.runDue() == 0, "not before its backoff")
            harness.clock.advance(milliseconds: 3_600_000)
            #expect(try await runner.runDue() == 1)
            let sent = try #require(try await harness.outbox.message(id: queued.id))
            #expect(sent.state == .sent && sent.attempts == 2, "\(sent)")
            #expect(try relay.received(messageID: queued.messageID).count == 1)
            #expect(try await harness.job(for: queued)?.state == .succeeded)
        }
    }

    @Test(arguments: Backend.available)
    func permanentFailureKeepsTheReason(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            try await configure(api)
            let harness = OutboxHarness(api)
            let queued = try await harness.outbox.enqueue(MailOutbox.Draft(to: [MailAddress(address: "nobody@example.kr")], subject: "No such user", text: "x"),
                                                          actor: Actor(userID: nil))
            #expect(try await harness.runner("a").runDue() == 1)
            let failed = try #require(try await harness.outbox.message(id: queued.id))
            #expect(failed.state == .failed && failed.attempts == 1 && failed.lastError?.contains("550 5.1.1 No such user") == true, "\(failed)")
            #expect(try await harness.job(for: queued)?.state == .succeeded, "a refusal is not retried")
            harness.clock.advance(milliseconds: 86_400_000)
            #expect(try await harness.runner("a").runDue() == 0)
            #expect(try relay.received(messageID: queued.messageID).isEmpty)
        }
    }

    @Test(arguments: Backend.available)
    func twoRunnersSendEachMessageOnce(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            try await configure(api)
            let harness = OutboxHarness(api)
            var messages: [MailRecord] = []
            for i in 0..<8 {
                messages.append(try await harness.outbox.enqueue(MailOutbox.Draft(to: [MailAddress(name: "고객 \(i)", address: "c\(i)@example.kr")], subject: "묶음 \(i)", text: "x"),
                                                                actor: Actor(userID: nil)))
            }
            let a = try harness.runner("a"), b = try harness.runner("b")
            async let ranA = a.runDue(limit: 8)
            async let ranB = b.runDue(limit: 8)
            let (first, second) = try await (ranA, ranB)
            #expect(first + second == 8)
            // A second round finds nothing left to send.
            #expect(try await a.runDue(limit: 8) + b.runDue(limit: 8) == 0)
            for message in messages {
                #expect(try relay.received(messageID: message.messageID).count == 1, "\(message.messageID)")
                #expect(try await harness.outbox.message(id: message.id)?.state == .sent)
            }
        }
    }

    /// The documented window: an instance that stopped while a message was `sending` leaves
    /// its job's lease to expire; the next runner sends the same bytes once and says so.
    @Test(arguments: Backend.available)
    func messageLeftSendingIsSentAgainWithTheSameMessageID(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            try await configure(api)
            let harness = OutboxHarness(api)
            let queued = try await harness.outbox.enqueue(MailOutbox.Draft(to: [MailAddress(address: "crash@example.kr")], subject: "Crash", text: "x"), actor: Actor(userID: nil))
            // A runner claims the job and "dies" after marking the message sending.
            let claimed = try await JobStore(db: api.db, clock: harness.clock).claim(worker: "dead", kinds: [MailSendJob.kind], limit: 1, leaseMilliseconds: 30_000)
            #expect(claimed.count == 1)
            try await api.db.transaction { s in
                try await s.execute("UPDATE mail_messages SET state = 'sending', attempts = 1, send_claim = 'dead/x/1' WHERE id = \(queued.id)")
            }
            #expect(try await harness.runner("b").runDue() == 0, "the lease still holds")
            harness.clock.advance(milliseconds: 31_000)
            #expect(try await harness.runner("b").runDue() == 1)
            let sent = try #require(try await harness.outbox.message(id: queued.id))
            #expect(sent.state == .sent && sent.attempts == 2 && sent.lastError?.contains("same Message-ID") == true, "\(sent)")
            #expect(try relay.received(messageID: queued.messageID).count == 1)
        }
    }
}
