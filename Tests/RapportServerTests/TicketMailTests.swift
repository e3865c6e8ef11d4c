import Crypto
import Foundation
import RapportKit
import RapportMail
import RapportStore
import Testing

/// Mail into tickets on both databases, with messages in the encodings Korean and Japanese
/// mail still arrives in: new mail opens a ticket in the group it was sent to, replies
/// thread by header or by the subject token, machines open nothing, agents' replies go
/// out with the thread's headers, and nothing a sender writes crashes ingest or is lost.
@Suite struct TicketMailTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/mail/\(name)")
        return Array(try Data(contentsOf: url))
    }

    /// `bytes` with an ASCII header text replaced (the bodies are in legacy charsets, the headers are not).
    static func replacing(_ bytes: [UInt8], _ old: String, with new: String) -> [UInt8] {
        let needle = Array(old.utf8)
        guard let start = (0...(bytes.count - needle.count)).first(where: { bytes[$0..<$0 + needle.count].elementsEqual(needle) }) else { return bytes }
        return Array(bytes[..<start]) + Array(new.utf8) + Array(bytes[(start + needle.count)...])
    }

    static func intake(_ api: API) -> TicketMailIntake {
        TicketMailIntake(store: RecordStore(db: api.db, cipher: testConfiguration.cipher))
    }

    static func messages(_ api: API, ticket: String) async throws -> [JSONObject] {
        try await api.call(.get, "/api/v1/ticket_messages?filter[ticket_id]=\(ticket)&limit=100").object()["data"]?.arrayValue?.compactMap(\.objectValue) ?? []
    }

    static func team(_ api: API, _ name: String, address: String) async throws -> String {
        let reply = try await api.call(.post, "/api/v1/teams", json: #"{"name":"\#(name)","support_address":"\#(address)"}"#)
        #expect(reply.status == .created, "\(reply.body)")
        return try reply.object().string("id") ?? ""
    }

    @Test(arguments: Backend.available)
    func legacyMailOpensThreadsAndIsAnswered(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let japan = try await Self.team(api, "サポート", address: "Support-JP@rapport.test")
            let korea = try await Self.team(api, "고객지원", address: "support-ko@rapport.test")
            #expect(try await api.call(.put, "/api/v1/settings/mail", json: #"{"host":"smtp.example.com","port":587,"security":"starttls","from_name":"Rapport","from_address":"help@rapport.test"}"#).status == .ok)
            let intake = Self.intake(api)

            // ISO-2022-JP, to the Japanese desk's address written in another case.
            let question = try Self.fixture("tickets/ticket-new-iso2022jp.eml")
            guard case .opened(let first, _) = try await intake.receive(question) else { Issue.record("not opened"); return }
            let ticket = try await api.call(.get, "/api/v1/tickets/\(first)").object()
            #expect(ticket.string("subject") == "請求書が届きません" && ticket.string("channel") == "email" && ticket.string("group_id") == japan)
            let requester = try await api.call(.get, "/api/v1/people/\(ticket.string("requester_id") ?? "")").object()
            #expect(requester.string("display_name") == "山田 太郎", "\(requester)")
            #expect(try await Self.messages(api, ticket: first).first?.string("body")?.hasPrefix("先月分の請求書がまだ届いていません。") == true)
            // The MTA delivers it again: nothing changes.
            #expect(try await intake.receive(question) == .duplicate)
            #expect(try await Self.messages(api, ticket: first).count == 1)
            // The raw bytes are kept with their checksum.
            let kept = try await api.db.read { s in try await s.query("SELECT raw, raw_sha256, raw_size FROM mail_messages WHERE message_id = 'jp-question-1@mail.example.jp'").first }
            #expect(kept?.text("raw").map { Base64.decode(Array($0.utf8)) } == question)
            #expect(kept?.text("raw_sha256") == Hex.encode(SHA256.hash(data: question)) && kept?.int("raw_size") == Int64(question.count))

            // The agent answers: the reply is queued to the requester with the thread's headers.
            #expect(try await api.call(.post, "/api/v1/ticket_messages", json: #"{"ticket_id":"\#(first)","kind":"public_reply","body":"再送いたしました。"}"#).status == .created)
            #expect(try await api.call(.post, "/api/v1/ticket_messages", json: #"{"ticket_id":"\#(first)","kind":"internal_note","body":"経理に確認済み"}"#).status == .created)
            let sent = try await api.db.read { s in try await s.query("SELECT message_id, raw, in_reply_to, to_addresses FROM mail_messages WHERE direction = 'outbound'") }
            #expect(sent.count == 1, "an internal note never leaves")
            let raw = sent.first?.text("raw") ?? ""
            #expect(sent.first?.text("in_reply_to") == "jp-question-1@mail.example.jp" && raw.contains("In-Reply-To: <jp-question-1@mail.example.jp>"))
            let written = MailMessage(parsing: Array(raw.utf8))
            #expect(written.subject == "Re: 請求書が届きません [#\(ticket.string("number") ?? "-")]", "\(written.subject ?? "")")
            #expect(written.replyTo.map(\.address) == ["support-jp@rapport.test"] && written.text?.text.contains("再送いたしました。") == true)
            #expect(sent.first?.text("to_addresses")?.contains("taro.yamada@example.jp") == true)

            // The customer answers that mail from Shift_JIS, naming only the agent's message.
            let agentMessage = sent.first?.text("message_id") ?? ""
            var answer = try Self.fixture("tickets/ticket-reply-shiftjis.eml")
            answer = Self.replacing(answer, "In-Reply-To: <jp-question-1@mail.example.jp>", with: "In-Reply-To: <\(agentMessage)>")
            answer = Self.replacing(answer, "References: <jp-question-1@mail.example.jp>", with: "References: <\(agentMessage)>")
            guard case .threaded(let same, _) = try await intake.receive(answer) else { Issue.record("not threaded"); return }
            #expect(same == first)
            #expect(try await Self.messages(api, ticket: first).contains { $0.string("body") == "ありがとうございます。確認しました。" })

            // EUC-KR to the Korean desk, then a reply that lost its headers but kept the token, in HTML only.
            guard case .opened(let second, _) = try await intake.receive(try Self.fixture("tickets/ticket-new-euckr.eml")) else { Issue.record("not opened"); return }
            let korean = try await api.call(.get, "/api/v1/tickets/\(second)").object()
            #expect(korean.string("subject") == "배송 조회가 안 됩니다" && korean.string("group_id") == korea)
            let token = try Self.replacing(Self.fixture("tickets/ticket-reply-token-html.eml"), "[#TOKEN]", with: "[#\(korean.string("number") ?? "")]")
            guard case .threaded(let again, _) = try await intake.receive(token) else { Issue.record("not threaded by token"); return }
            #expect(again == second)
            let bodies = try await Self.messages(api, ticket: second).compactMap { $0.string("body") }
            #expect(bodies.contains("지금은 잘 됩니다 & 감사합니다.\n김보경 드림"), "\(bodies)")
            // The same token from someone else opens a ticket of theirs: a number is not a key.
            var stranger = Self.replacing(token, "From: =?UTF-8?B?6rmA67O06rK9?= <bogyeong.kim@example.kr>", with: "From: Mallory <mallory@example.net>")
            stranger = Self.replacing(stranger, "<ko-reply-lost-2@mail.example.kr>", with: "<mallory-1@example.net>")
            guard case .opened(let third, _) = try await intake.receive(stranger) else { Issue.record("stranger threaded"); return }
            let secondCount = try await Self.messages(api, ticket: second).count
            #expect(third != second && secondCount == 2)
        }
    }

    @Test(arguments: Backend.available)
    func machinesOpenNothingAndAreKept(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let intake = Self.intake(api)
            for (name, reason) in [("auto-reply-ja.eml", "auto_reply"), ("auto-reply-ko-outlook.eml", "auto_reply"), ("dsn-hard-5.1.1.eml", "delivery_report"),
                                   ("dsn-soft-delayed.eml", "delivery_report"), ("newsletter.eml", "bulk")] {
                #expect(try await intake.receive(try Self.fixture(name)) == .ignored(reason: reason), "\(name)")
            }
            #expect(try await api.call(.get, "/api/v1/tickets").object()["data"]?.arrayValue?.isEmpty == true)
            let kept = try await api.db.read { s in try await s.query("SELECT COUNT(*) AS n FROM mail_messages WHERE direction = 'inbound' AND state = 'ignored' AND raw_sha256 IS NOT NULL").first?.int("n") }
            #expect(kept == 5)
            // A person writing about their vacation is not an auto-reply.
            guard case .opened = try await intake.receive(try Self.fixture("personal-vacation-plans.eml")) else { Issue.record("a person's mail was ignored"); return }
            // Mail from our own relay address is a loop.
            #expect(try await api.call(.put, "/api/v1/settings/mail", json: #"{"host":"smtp.example.com","port":587,"security":"starttls","from_address":"help@rapport.test"}"#).status == .ok)
            let loop = Array("From: help@rapport.test\r\nTo: help@rapport.test\r\nSubject: Re: hello\r\nMessage-ID: <loop-1@rapport.test>\r\n\r\nhi\r\n".utf8)
            #expect(try await intake.receive(loop) == .ignored(reason: "loop"))
        }
    }

    @Test(arguments: Backend.available)
    func repliesReopenSolvedAndFollowUpClosed(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let intake = Self.intake(api)
            func mail(_ id: String, replyTo parent: String?) -> [UInt8] {
                Array(("From: Ada <ada@example.com>\r\nTo: help@example.com\r\nSubject: Invoice\r\nMessage-ID: <\(id)@example.com>\r\n"
                    + (parent.map { "In-Reply-To: <\($0)@example.com>\r\n" } ?? "") + "Content-Type: text/plain; charset=utf-8\r\n\r\nText \(id)\r\n").utf8)
            }
            guard case .opened(let ticket, _) = try await intake.receive(mail("a1", replyTo: nil)) else { Issue.record("not opened"); return }
            #expect(try await api.call(.patch, "/api/v1/tickets/\(ticket)", json: #"{"status":"solved"}"#).status == .ok)
            guard case .threaded(let reopened, _) = try await intake.receive(mail("a2", replyTo: "a1")) else { Issue.record("not threaded"); return }
            #expect(reopened == ticket)
            #expect(try await api.call(.get, "/api/v1/tickets/\(ticket)").object().string("status") == "open")
            #expect(try await api.call(.patch, "/api/v1/tickets/\(ticket)", json: #"{"status":"closed"}"#).status == .ok)
            guard case .threaded(let followUp, _) = try await intake.receive(mail("a3", replyTo: "a2")) else { Issue.record("not threaded"); return }
            #expect(followUp != ticket)
            #expect(try await api.call(.get, "/api/v1/tickets/\(followUp)").object().string("follow_up_of") == ticket)
            #expect(try await Self.messages(api, ticket: ticket).count == 2)
            // The follow-up's mail threads on into the follow-up.
            guard case .threaded(let onward, _) = try await intake.receive(mail("a4", replyTo: "a3")) else { Issue.record("not threaded"); return }
            #expect(onward == followUp)
            #expect(try await Self.messages(api, ticket: followUp).count == 2)
        }
    }

    /// Mangled copies of real messages (cut short, bytes changed, headers repeated): each
    /// is taken, kept or refused, never a crash and never a lost original.
    @Test(.timeLimit(.minutes(10)), arguments: Backend.available)
    func mangledMailNeverCrashesIngest(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let intake = Self.intake(api)
            let sources = try ["tickets/ticket-new-iso2022jp.eml", "tickets/ticket-new-euckr.eml", "tickets/ticket-reply-shiftjis.eml", "dsn-hard-5.1.1.eml", "newsletter.eml"].map(Self.fixture)
            var random = SeededRandom(seed: 20261202)
            var taken = 0
            for i in 0..<60 {
                var bytes = sources[i % sources.count]
                switch i % 4 {
                case 0: bytes = Array(bytes.prefix(Int.random(in: 1...bytes.count, using: &random)))
                case 1: for _ in 0..<8 { bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random) }
                case 2: bytes = Array("Message-ID: <m\(i)@x>\r\nFrom: \u{1B}$B\r\n=?ISO-2022-JP?B?GyRC?= <x@@y>\r\n".utf8) + bytes
                default: bytes = (0..<Int.random(in: 1...400, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
                }
                let outcome = try await intake.receive(bytes)
                if case .refused = outcome { Issue.record("refused \(i)") } else { taken += 1 }
            }
            let stored = try await api.db.read { s in try await s.query("SELECT COUNT(*) AS n FROM mail_messages WHERE direction = 'inbound'").first?.int("n") }
            #expect((stored ?? 0) > 0 && Int(stored ?? 0) <= taken)
            #expect(try await intake.receive([]) == .refused(reason: "empty"))
            #expect(try await intake.receive([UInt8](repeating: 65, count: TicketMailIntake.maxBytes + 1)) == .refused(reason: "too_large"))
        }
    }

    @Test(arguments: Backend.available)
    func racingMailFromOneNewSenderMakesOnePerson(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let intake = Self.intake(api)
            let outcomes = try await withThrowingTaskGroup(of: TicketMailIntake.Outcome.self) { group in
                for i in 0..<8 {
                    group.addTask {
                        try await intake.receive(Array("From: 佐藤 花子 <hanako@example.jp>\r\nTo: help@example.com\r\nSubject: Question \(i)\r\nMessage-ID: <race-\(i)@example.jp>\r\n\r\nBody \(i)\r\n".utf8))
                    }
                }
                var out: [TicketMailIntake.Outcome] = []
                for try await o in group { out.append(o) }
                return out
            }
            #expect(outcomes.allSatisfy { if case .opened = $0 { true } else { false } }, "\(outcomes)")
            let people = try await api.call(.get, "/api/v1/people?q=hanako@example.jp").object()["data"]?.arrayValue ?? []
            #expect(people.count == 1, "\(people)")
        }
    }
}

/// A small deterministic generator (SplitMix64), so a failing mangled case can be replayed.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
