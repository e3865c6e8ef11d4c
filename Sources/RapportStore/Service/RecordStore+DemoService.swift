import Foundation
import RapportKit

extension RecordStore {
    /// ``DemoTickets`` through the engine's own writes (numbers, events, the conversation's
    /// status rules), each asked by a person of a company in its language's country.
    /// `requesters` holds person ids by country code (`KR`, `JP`, anything else for English).
    func seedDemoService(requesters: [String: [String]], actor: Actor) async throws -> Int {
        let tickets = try await type(named: Tickets.type.name), messages = try await type(named: TicketMessages.type.name)
        let english = requesters.filter { $0.key != "KR" && $0.key != "JP" }.sorted { $0.key < $1.key }.flatMap(\.value)
        try await seedDemoServiceLevels(actor: actor)
        let macros = try await type(named: TicketMacros.type.name)
        for macro in Self.demoMacros { _ = try await create(macros, body: macro, actor: actor) }
        var used: [String: Int] = [:]
        var count = 0
        for script in DemoTickets.scripts {
            let pool = script.language == "ko" ? requesters["KR"] ?? [] : script.language == "ja" ? requesters["JP"] ?? [] : english
            guard !pool.isEmpty else { continue }
            let person = pool[used[script.language, default: 0] % pool.count]
            used[script.language, default: 0] += 1
            var body = JSONObject([
                ("subject", .string(script.subject)), ("requester_id", .string(person)), ("priority", .string(script.priority.rawValue)),
                ("ticket_type", .string(script.kind)), ("channel", .string(script.channel)),
            ])
            if script.assigned, let user = actor.userID { body["assignee_id"] = .string(user) }
            let ticket = try await create(tickets, body: body, actor: actor)
            for message in script.messages {
                var m = JSONObject([
                    ("ticket_id", .string(ticket.id)), ("body", .string(message.body)),
                    ("kind", .string(message.internalNote ? TicketMessages.Kind.internalNote.rawValue : TicketMessages.Kind.publicReply.rawValue)),
                ])
                if message.fromRequester { m["author_person_id"] = .string(person) }
                _ = try await create(messages, body: m, actor: actor)
            }
            if script.status != .new {
                _ = try await update(tickets, id: ticket.id, body: JSONObject([("status", .string(script.status.rawValue))]), ifMatch: nil, actor: actor)
            }
            if script.status.isResolved {
                // Answered surveys, so a new desk's report shows what CSAT looks like.
                let (score, comment) = Self.demoAnswers[count % Self.demoAnswers.count]
                try await SatisfactionSurveys(store: self).recordDemoAnswer(ticketID: ticket.id, personID: person, language: script.language,
                                                                            score: score, comment: comment[script.language] ?? comment["en"])
            }
            count += 1
        }
        return count
    }

    /// The three answers every desk writes first, in the languages the demo's requesters read.
    static let demoMacros: [JSONObject] = [
        JSONObject([
            ("name", .string("Ask for details")), ("status_after", .string(TicketStatus.pendingCustomer.rawValue)),
            ("reply_en", .string("Hello {{person.name|there}},\n\nThank you for writing to us about {{ticket.number}}. So that we can look into it, could you send a screenshot and the time it happened?\n\n{{user.name}}")),
            ("reply_ko", .string("{{person.name|고객}}님, 안녕하세요.\n\n{{ticket.number}} 문의 감사합니다. 확인을 위해 화면 캡처와 발생 시각을 알려 주시겠어요?\n\n{{user.name}} 드림")),
            ("reply_ja", .string("{{person.name|お客}}様\n\n{{ticket.number}} についてお問い合わせいただきありがとうございます。確認のため、画面のスクリーンショットと発生した時刻をお知らせいただけますか。\n\n{{user.name}}")),
        ]),
        JSONObject([
            ("name", .string("Refund approved")), ("status_after", .string(TicketStatus.solved.rawValue)), ("add_tags", .array([.string("refund")])),
            ("reply_en", .string("Hello {{person.name|there}},\n\nYour refund for {{ticket.number}} is approved. It reaches your account within five business days.\n\n{{user.name}}")),
            ("reply_ko", .string("{{person.name|고객}}님, 안녕하세요.\n\n{{ticket.number}} 건의 환불이 승인되었습니다. 영업일 기준 5일 이내에 입금됩니다.\n\n{{user.name}} 드림")),
            ("reply_ja", .string("{{person.name|お客}}様\n\n{{ticket.number}} の返金を承認いたしました。5営業日以内にご指定の口座へお振り込みいたします。\n\n{{user.name}}")),
        ]),
        JSONObject([
            ("name", .string("Escalate to urgent")), ("priority", .string(TicketPriority.urgent.rawValue)), ("kind", .string(TicketMessages.Kind.internalNote.rawValue)),
            ("reply_en", .string("Raised to urgent: the customer cannot work until this is fixed.")),
            ("reply_ko", .string("긴급으로 올림: 해결될 때까지 고객이 업무를 할 수 없습니다.")),
            ("reply_ja", .string("緊急に変更: 解決するまでお客様は業務ができません。")),
        ]),
    ]

    static let demoAnswers: [(Int, [String: String])] = [
        (1, ["en": "Quick and clear, thank you.", "ko": "빠르게 처리해 주셔서 감사합니다.", "ja": "迅速なご対応ありがとうございました。"]),
        (0, ["en": "It took three days to get an answer.", "ko": "답변까지 사흘이 걸렸어요.", "ja": "回答まで三日かかりました。"]),
        (1, [:]),
    ]

    /// A Seoul desk's hours with a lunch break and one policy, set up before the tickets
    /// so every demo ticket has clocks and the breaching view has something to show.
    func seedDemoServiceLevels(actor: Actor) async throws {
        let levels = ServiceLevels(db: db)
        let calendar = try await levels.createCalendar(name: "Seoul support desk", timeZone: "Asia/Seoul", alwaysOpen: false, actor: actor)
        let day = [BusinessInterval(start: 9 * 60, end: 12 * 60), BusinessInterval(start: 13 * 60, end: 18 * 60)]
        try await levels.setHours(calendar, week: Array(repeating: day, count: 5) + [[], []], alwaysOpen: false, actor: actor)
        let targets: [TicketPriority: SLATargets] = [
            .urgent: SLATargets(firstResponse: 30, nextResponse: 60, resolution: 240),
            .high: SLATargets(firstResponse: 60, nextResponse: 240, resolution: 960),
            .normal: SLATargets(firstResponse: 240, nextResponse: 480, resolution: 2_400),
            .low: SLATargets(firstResponse: 480, nextResponse: 960, resolution: 4_800),
        ]
        try await levels.createPolicy(SLAPolicy(name: "Standard", targets: targets), calendarID: calendar, warnMinutes: 60, actor: actor)
    }
}
