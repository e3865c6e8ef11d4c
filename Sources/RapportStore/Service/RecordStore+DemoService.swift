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
