import PropertyBased
import RapportKit
import Testing

/// Macros, the collision check and the reopen rate: the pure rules behind the agent's
/// composer and the report.
@Suite struct TicketMacroTests {
    static func object(_ pairs: [(String, JSONValue)]) -> JSONObject { JSONObject(pairs) }

    @Test func aMacroChangesOnlyWhatItNamesAndAddsTags() {
        let macro = Self.object([("priority", .string("high")), ("group_id", .string("g1")), ("status_after", .string("pending_customer")),
                                 ("add_tags", .array([.string("Refund"), .string("vip"), .string("refund")]))])
        let ticket = Self.object([("priority", .string("normal")), ("group_id", .string("g1")), ("tags", .array([.string("VIP"), .string("billing")]))])
        let changes = TicketMacros.changes(macro, ticket: ticket)
        // The group is already g1; the status waits for the reply; "vip" is there as "VIP".
        #expect(changes.keys.sorted() == ["priority", "tags"])
        #expect(changes["priority"] == .string("high"))
        #expect(changes["tags"] == .array([.string("VIP"), .string("billing"), .string("Refund")]))
        #expect(TicketMacros.changes(Self.object([("reply_en", .string("Hi"))]), ticket: ticket).count == 0)
    }

    @Test func theReplyIsInTheRequestersLanguageThenTheAgentsThenAnyItHas() {
        let macro = Self.object([("reply_en", .string("Thanks")), ("reply_ko", .string("감사합니다")), ("reply_ja", .string("  "))])
        #expect(TicketMacros.reply(macro, preferred: ["ko-KR", "ja"])?.text == "감사합니다")
        // No Japanese words (blank): the agent's English.
        #expect(TicketMacros.reply(macro, preferred: ["ja-JP", "en"])?.language == "en")
        #expect(TicketMacros.reply(Self.object([("reply_ja", .string("ありがとうございます"))]), preferred: [nil, "ko"])?.language == "ja")
        #expect(TicketMacros.reply(Self.object([("priority", .string("low"))]), preferred: ["en"]) == nil)
    }

    @Test func aMacroThatDoesNothingIsRefused() {
        let errors = TicketMacros.type.hooks.validate(Self.object([("name", .string("Empty")), ("reply_en", .string("   ")), ("add_tags", .array([]))]))
        #expect(errors.map(\.field) == ["reply_en"])
        #expect((TicketMacros.type.hooks.validate(Self.object([("name", .string("Tag")), ("add_tags", .array([.string("x")]))]))).isEmpty)
    }

    @Test func theMacroReplyFillsTicketFields() {
        let text = "{{person.name|고객}}님, 문의 {{ticket.number}} 확인했습니다. {{user.name}} 드림"
        let out = MailTemplate.render(text, values: ["ticket.number": "T-2026-000042", "user.name": "김지원"], fields: TicketMacros.fields)
        #expect(out == "고객님, 문의 T-2026-000042 확인했습니다. 김지원 드림")
        // The mail composer's own list has no ticket fields: they stay as written there.
        #expect(MailTemplate.render("{{ticket.number}}", values: ["ticket.number": "T-1"]) == "{{ticket.number}}")
    }

    typealias M = TicketCollision.Message

    @Test func collisionsAreOthersMessagesAfterTheOneSeen() {
        let thread = [M(id: "a", mine: false), M(id: "b", mine: true), M(id: "c", mine: false), M(id: "d", mine: true), M(id: "e", mine: false)]
        #expect(TicketCollision.unseen(thread, seen: "e").isEmpty)
        #expect(TicketCollision.unseen(thread, seen: "b") == [2, 4])
        #expect(TicketCollision.unseen(thread, seen: "") == [0, 2, 4])
        // The message on screen was deleted since: no warning rather than a false one.
        #expect(TicketCollision.unseen(thread, seen: "gone").isEmpty)
        #expect(TicketCollision.unseen([], seen: "").isEmpty)
    }

    /// For any conversation and any message seen, the warning lists exactly the others'
    /// messages after it, in order.
    @Test func collisionPropertiesHoldForGeneratedThreads() async {
        await propertyCheck(count: 500, input: Gen.int64(in: 0...Int64.max), Gen.int(in: 0...12), Gen.int(in: -1...12)) { bits, count, seenAt in
            let thread = (0..<count).map { M(id: "m\($0)", mine: (bits >> Int64($0)) & 1 == 1) }
            let seen = seenAt < 0 || seenAt >= count ? "" : "m\(seenAt)"
            let unseen = TicketCollision.unseen(thread, seen: seen)
            let from = seen.isEmpty ? 0 : seenAt + 1
            #expect(unseen == (from..<count).filter { !thread[$0].mine })
            #expect(unseen == unseen.sorted())
        }
    }

    typealias H = ServiceReport.StatusHistory

    /// Zendesk counts a reopen each time a ticket leaves Solved for Open; the rate here is
    /// per ticket: solved tickets that were reopened at least once ÷ tickets solved.
    @Test func reopenRateCountsSolvedTicketsThatCameBack() {
        let histories = [
            H(key: "Billing", statuses: [.new, .open, .solved]),
            H(key: "Billing", statuses: [.new, .solved, .open, .solved, .open, .solved]),  // reopened twice: one ticket
            H(key: "Billing", statuses: [.new, .solved, .closed]),  // closing is the end, not a reopen
            H(key: "Tech", statuses: [.new, .open, .pendingCustomer, .open]),  // never solved: not counted
            H(key: "Tech", statuses: [.open, .solved, .onHold]),
            H(key: nil, statuses: []),
        ]
        let (overall, byKey) = ServiceReport.reopens(histories)
        #expect(overall == ServiceReport.Reopens(key: nil, solved: 4, reopened: 2))
        #expect(overall.rate == 0.5)
        #expect(byKey == [ServiceReport.Reopens(key: "Billing", solved: 3, reopened: 1), ServiceReport.Reopens(key: "Tech", solved: 1, reopened: 1)])
        #expect(ServiceReport.reopens([]).overall.rate == nil)
    }

    /// Rolling weeks: an instant exactly at a week's first millisecond belongs to it; a
    /// clock counts in the week it started, only once its outcome is known.
    @Test func complianceWeekByWeek() {
        let now: Int64 = 1_800_000_000_000, week = 7 * 86_400_000 as Int64
        #expect(ServiceReport.weekIndex(now, now: now, count: 4) == 3)
        #expect(ServiceReport.weekIndex(now - week + 1, now: now, count: 4) == 3)
        #expect(ServiceReport.weekIndex(now - week, now: now, count: 4) == 2)
        #expect(ServiceReport.weekIndex(now - 4 * week, now: now, count: 4) == nil)
        #expect(ServiceReport.weekIndex(now + 1, now: now, count: 4) == nil)
        #expect(ServiceReport.weekStart(3, now: now, count: 4) == now - week + 1)
        func clock(_ state: SLAClockState, daysAgo: Int64) -> ServiceReport.Clock {
            ServiceReport.Clock(metric: .firstResponse, state: state, businessMillis: 0, startedAt: now - daysAgo * 86_400_000, stoppedAt: nil,
                                policy: "Standard", group: nil, assignee: nil)
        }
        let weeks = ServiceReport.complianceByWeek([
            clock(.met, daysAgo: 1), clock(.missed, daysAgo: 2), clock(.breached, daysAgo: 3), clock(.running, daysAgo: 3),
            clock(.met, daysAgo: 8), clock(.paused, daysAgo: 9), clock(.met, daysAgo: 40),
        ], now: now, count: 2)
        #expect(weeks.map(\.compliance.met) == [1, 1] && weeks.map(\.compliance.missed) == [0, 2])
        #expect(weeks.map { $0.compliance.rate } == [1, 1.0 / 3])
        #expect(ServiceReport.complianceByWeek([], now: now, count: 0).isEmpty)
    }
}
