import Foundation
import RapportKit
import Testing

/// The SLA clock against worked examples that help desks publish, then the conventions
/// this project chose where they differ (docs/service-levels.md).
@Suite struct SLAClockTests {
    static func ms(_ text: String) -> Int64 { Timestamp.parse(text)! }
    static func text(_ ms: Int64?) -> String? { ms.map { Timestamp.format(millisecondsSince1970: $0) } }
    static func hours(_ s: String) -> [BusinessInterval] { s.split(separator: ",").map { BusinessInterval(text: String($0))! } }
    static func calendar(_ zone: String, _ hours: String, holidays: [Holiday] = []) -> BusinessCalendar {
        .weekdays(Self.hours(hours), zone: TimeZone(identifier: zone)!, holidays: holidays)
    }
    static func policy(_ targets: SLATargets, urgent: SLATargets? = nil) -> SLAPolicy {
        var all: [TicketPriority: SLATargets] = [.normal: targets]
        if let urgent { all[.urgent] = urgent }
        return SLAPolicy(name: "test", targets: all)
    }
    static func created(_ at: String, _ status: TicketStatus = .new, _ priority: TicketPriority = .normal) -> SLAEvent {
        SLAEvent(at: ms(at), kind: .created(status: status, priority: priority))
    }
    static func event(_ at: String, _ kind: SLAEvent.Kind) -> SLAEvent { SLAEvent(at: ms(at), kind: kind) }
    static func reading(_ metric: SLAMetric, _ policy: SLAPolicy, _ calendar: BusinessCalendar, _ events: [SLAEvent], now: String) -> SLAClockReading? {
        SLAClock.evaluate(policy: policy, calendar: calendar, events: events, now: ms(now)).first { $0.metric == metric }
    }

    // Zammad's unit test of its SLA escalation (zammad/zammad, test/unit/ticket_sla_test.rb):
    // calendar "EU 1", Europe/Berlin, Monday–Friday 09:00–17:00; a ticket created on
    // Thursday 2013-03-21 at 09:30 UTC (10:30 in Berlin, still UTC+1); first response 60,
    // solution 240 minutes → 10:30 UTC and 13:30 UTC; first response 120 → 11:30 UTC.
    @Test func zammadEU1DueTimes() {
        let eu1 = Self.calendar("Europe/Berlin", "09:00-17:00")
        let events = [Self.created("2013-03-21T09:30:00Z")]
        let p = Self.policy(SLATargets(firstResponse: 60, resolution: 240))
        #expect(Self.text(Self.reading(.firstResponse, p, eu1, events, now: "2013-03-21T09:30:00Z")?.dueAt) == "2013-03-21T10:30:00.000Z")
        #expect(Self.text(Self.reading(.resolution, p, eu1, events, now: "2013-03-21T09:30:00Z")?.dueAt) == "2013-03-21T13:30:00.000Z")
        let p120 = Self.policy(SLATargets(firstResponse: 120))
        #expect(Self.text(Self.reading(.firstResponse, p120, eu1, events, now: "2013-03-21T09:30:00Z")?.dueAt) == "2013-03-21T11:30:00.000Z")
    }

    // Same test, calendar "EU 2" (08:00–18:00) and SLA "test sla 2" (60/120/180 minutes):
    // first response due 10:30 UTC, solution 12:30 UTC. A first response at 14:00 UTC took
    // 270 business minutes, 210 past its target; a close at 11:30 UTC took 120 minutes
    // and was 60 minutes early.
    @Test func zammadEU2ResponseAndClose() throws {
        let eu2 = Self.calendar("Europe/Berlin", "08:00-18:00")
        let p = Self.policy(SLATargets(firstResponse: 60, resolution: 180))
        let created = Self.created("2013-03-21T09:30:00Z")
        #expect(Self.text(Self.reading(.resolution, p, eu2, [created], now: "2013-03-21T09:30:00Z")?.dueAt) == "2013-03-21T12:30:00.000Z")

        let late = try #require(Self.reading(.firstResponse, p, eu2, [created, Self.event("2013-03-21T14:00:00Z", .agentPublicReply)], now: "2013-03-21T15:00:00Z"))
        #expect(late.elapsedMillis == 270 * 60_000)
        #expect(late.remainingMillis == -210 * 60_000)
        #expect(Self.text(late.breachedAt) == "2013-03-21T10:30:00.000Z")

        let closed = try #require(Self.reading(.resolution, p, eu2, [created, Self.event("2013-03-21T11:30:00Z", .statusChanged(to: .solved))], now: "2013-03-21T15:00:00Z"))
        #expect(closed.elapsedMillis == 120 * 60_000)
        #expect(closed.remainingMillis == 60 * 60_000)
        #expect(closed.isMet)
    }

    // Zendesk Customer Care on SLA badges (support.zendesk.com community post 4408868203034):
    // at 4 pm on a Friday a 2-hour target in calendar hours is due at 6 pm the same day; on
    // a weekday 9–5 schedule it is due at 10 am on Monday. Here in New York across the
    // 2026 spring-forward weekend: Friday 16:00 EST is 21:00 UTC, Monday 10:00 EDT 14:00 UTC.
    @Test func zendeskFridayAfternoonAcrossDaylightSaving() {
        let ny = Self.calendar("America/New_York", "09:00-17:00")
        let events = [Self.created("2026-03-06T21:00:00Z")]
        let p = Self.policy(SLATargets(firstResponse: 120))
        #expect(Self.text(Self.reading(.firstResponse, p, ny, events, now: "2026-03-06T21:00:00Z")?.dueAt) == "2026-03-09T14:00:00.000Z")
        #expect(Self.text(Self.reading(.firstResponse, p, .calendarHours, events, now: "2026-03-06T21:00:00Z")?.dueAt) == "2026-03-06T23:00:00.000Z")
    }

    // Znuny's EscalationSuspend add-on documents (znuny/Znuny4OTRS-EscalationSuspend,
    // doc/en/feature.md): created 08:00 with a 2-hour solution time; "pending reminder"
    // from 09:00 to 10:05; the escalation is then at 11:05 and occurs at 11:05.
    @Test func znunySuspendWhilePending() throws {
        let tokyo = BusinessCalendar(zone: TimeZone(identifier: "Asia/Tokyo")!, hours: .always)
        let p = Self.policy(SLATargets(resolution: 120))
        let events = [Self.created("2026-06-01T08:00:00+09:00", .open),
                      Self.event("2026-06-01T09:00:00+09:00", .statusChanged(to: .pendingCustomer)),
                      Self.event("2026-06-01T10:05:00+09:00", .statusChanged(to: .open))]
        let paused = try #require(Self.reading(.resolution, p, tokyo, events, now: "2026-06-01T09:30:00+09:00"))
        #expect(paused.isPaused && paused.dueAt == nil && paused.remainingMillis == 60 * 60_000)
        #expect(Self.text(Self.reading(.resolution, p, tokyo, events, now: "2026-06-01T10:30:00+09:00")?.dueAt) == "2026-06-01T02:05:00.000Z")
        #expect(Self.reading(.resolution, p, tokyo, events, now: "2026-06-01T11:05:00+09:00")?.isBreached == false)
        #expect(Self.text(Self.reading(.resolution, p, tokyo, events, now: "2026-06-01T11:06:00+09:00")?.breachedAt) == "2026-06-01T02:05:00.000Z")
    }

    @Test func targetEndingAtClosingTimeIsDueAtClosingTime() throws {
        let seoul = Self.calendar("Asia/Seoul", "09:00-18:00")
        let p = Self.policy(SLATargets(firstResponse: 240))
        let created = Self.created("2026-11-02T14:00:00+09:00")
        let running = try #require(Self.reading(.firstResponse, p, seoul, [created], now: "2026-11-02T15:00:00+09:00"))
        #expect(Self.text(running.dueAt) == "2026-11-02T09:00:00.000Z") // 18:00 KST, not 09:00 the next day
        let onTime = try #require(Self.reading(.firstResponse, p, seoul, [created, Self.event("2026-11-02T18:00:00+09:00", .agentPublicReply)], now: "2026-11-03T10:00:00+09:00"))
        #expect(onTime.isMet)
        // Unanswered at 20:00 the same evening: late, breached at closing time.
        let late = try #require(Self.reading(.firstResponse, p, seoul, [created], now: "2026-11-02T20:00:00+09:00"))
        #expect(Self.text(late.breachedAt) == "2026-11-02T09:00:00.000Z")
        #expect(late.remainingMillis == 0)
    }

    @Test func lunchBreakStopsTheClock() {
        let tokyo = Self.calendar("Asia/Tokyo", "09:00-12:00,13:00-18:00")
        let p = Self.policy(SLATargets(firstResponse: 120))
        #expect(Self.text(Self.reading(.firstResponse, p, tokyo, [Self.created("2026-12-01T11:00:00+09:00")], now: "2026-12-01T11:00:00+09:00")?.dueAt) == "2026-12-01T05:00:00.000Z") // 14:00 JST
    }

    static let chuseok = [Holiday(name: "추석", rule: .date(year: 2026, month: 9, day: 24)),
                          Holiday(name: "추석", rule: .date(year: 2026, month: 9, day: 25)),
                          Holiday(name: "추석", rule: .date(year: 2026, month: 9, day: 26))]

    @Test func holidaysAndWeekendCountForNothing() {
        let seoul = Self.calendar("Asia/Seoul", "09:00-18:00", holidays: Self.chuseok)
        let p = Self.policy(SLATargets(firstResponse: 120))
        // Wednesday 17:00 → one hour that day, Chuseok Thursday to Saturday, Sunday, Monday 10:00.
        #expect(Self.text(Self.reading(.firstResponse, p, seoul, [Self.created("2026-09-23T17:00:00+09:00")], now: "2026-09-23T17:00:00+09:00")?.dueAt) == "2026-09-28T01:00:00.000Z")
    }

    @Test func pauseSpanningNightsAndHolidays() throws {
        let seoul = Self.calendar("Asia/Seoul", "09:00-18:00", holidays: Self.chuseok)
        let p = Self.policy(SLATargets(resolution: 240))
        let events = [Self.created("2026-09-23T10:00:00+09:00", .open),
                      Self.event("2026-09-23T11:00:00+09:00", .statusChanged(to: .pendingThirdParty)),
                      Self.event("2026-09-28T15:00:00+09:00", .statusChanged(to: .open))]
        let r = try #require(Self.reading(.resolution, p, seoul, events, now: "2026-09-28T16:00:00+09:00"))
        #expect(r.elapsedMillis == 2 * 3_600_000)
        #expect(Self.text(r.dueAt) == "2026-09-28T09:00:00.000Z") // Monday 18:00 KST
    }

    @Test func ticketCreatedWhilePaused() throws {
        let seoul = Self.calendar("Asia/Seoul", "09:00-18:00")
        let p = Self.policy(SLATargets(firstResponse: 60, resolution: 480))
        let events = [Self.created("2026-11-02T10:00:00+09:00", .pendingCustomer)]
        let paused = try #require(Self.reading(.firstResponse, p, seoul, events, now: "2026-11-02T17:00:00+09:00"))
        #expect(paused.isPaused && paused.elapsedMillis == 0 && paused.breachedAt == nil)
        let resumed = events + [Self.event("2026-11-02T13:00:00+09:00", .statusChanged(to: .open))]
        #expect(Self.text(Self.reading(.firstResponse, p, seoul, resumed, now: "2026-11-02T13:10:00+09:00")?.dueAt) == "2026-11-02T05:00:00.000Z")
    }

    @Test func priorityChangeRetargetsFromTheStart() throws {
        let seoul = Self.calendar("Asia/Seoul", "09:00-18:00")
        let p = Self.policy(SLATargets(resolution: 480), urgent: SLATargets(resolution: 120))
        let base = [Self.created("2026-11-02T09:00:00+09:00", .open)]
        let early = base + [Self.event("2026-11-02T10:30:00+09:00", .priorityChanged(to: .urgent))]
        let r = try #require(Self.reading(.resolution, p, seoul, early, now: "2026-11-02T10:45:00+09:00"))
        #expect(r.priority == .urgent && Self.text(r.dueAt) == "2026-11-02T02:00:00.000Z") // 11:00 KST
        // Made urgent after two hours had gone: breached at the change, not before it.
        let late = base + [Self.event("2026-11-02T12:00:00+09:00", .priorityChanged(to: .urgent))]
        let b = try #require(Self.reading(.resolution, p, seoul, late, now: "2026-11-02T12:30:00+09:00"))
        #expect(Self.text(b.breachedAt) == "2026-11-02T03:00:00.000Z")
    }

    @Test func nextResponseStartsAtTheOldestUnansweredMessage() throws {
        let seoul = Self.calendar("Asia/Seoul", "09:00-18:00")
        let p = Self.policy(SLATargets(firstResponse: 60, nextResponse: 60))
        var events = [Self.created("2026-11-02T09:00:00+09:00", .open),
                      Self.event("2026-11-02T09:30:00+09:00", .agentPublicReply),
                      Self.event("2026-11-02T11:00:00+09:00", .customerMessage),
                      Self.event("2026-11-02T11:40:00+09:00", .customerMessage)]
        let waiting = try #require(Self.reading(.nextResponse, p, seoul, events, now: "2026-11-02T11:45:00+09:00"))
        #expect(Self.text(waiting.startedAt) == "2026-11-02T02:00:00.000Z")
        #expect(Self.text(waiting.dueAt) == "2026-11-02T03:00:00.000Z") // 12:00 KST, not 12:40
        events.append(Self.event("2026-11-02T12:30:00+09:00", .agentPublicReply))
        let answered = try #require(Self.reading(.nextResponse, p, seoul, events, now: "2026-11-02T13:00:00+09:00"))
        #expect(Self.text(answered.stoppedAt) == "2026-11-02T03:30:00.000Z")
        #expect(Self.text(answered.breachedAt) == "2026-11-02T03:00:00.000Z")
        // A later message opens a new cycle.
        events.append(Self.event("2026-11-02T14:00:00+09:00", .customerMessage))
        let again = try #require(Self.reading(.nextResponse, p, seoul, events, now: "2026-11-02T14:30:00+09:00"))
        #expect(!again.isBreached && Self.text(again.dueAt) == "2026-11-02T06:00:00.000Z")
        // Before the first reply there is no next-response clock at all.
        #expect(Self.reading(.nextResponse, p, seoul, Array(events.prefix(1)) + [Self.event("2026-11-02T09:10:00+09:00", .customerMessage)], now: "2026-11-02T10:00:00+09:00") == nil)
    }

    @Test func solvingWithoutAReplyFulfilsTheFirstResponse() throws {
        let seoul = Self.calendar("Asia/Seoul", "09:00-18:00")
        let p = Self.policy(SLATargets(firstResponse: 60, resolution: 600))
        let events = [Self.created("2026-11-02T09:00:00+09:00", .open), Self.event("2026-11-02T09:20:00+09:00", .statusChanged(to: .solved))]
        #expect(try #require(Self.reading(.firstResponse, p, seoul, events, now: "2026-11-02T12:00:00+09:00")).isMet)
        // Reopened: the resolution clock carries on from its 20 minutes.
        let reopened = events + [Self.event("2026-11-03T09:00:00+09:00", .statusChanged(to: .open))]
        let r = try #require(Self.reading(.resolution, p, seoul, reopened, now: "2026-11-03T10:00:00+09:00"))
        #expect(r.elapsedMillis == 80 * 60_000 && r.stoppedAt == nil)
    }

    @Test func firstMatchingPolicyWins() {
        let vip = SLAPolicy(name: "VIP", conditions: [SLACondition(field: "organization_tier", values: ["gold", "platinum"])], targets: [.normal: SLATargets(firstResponse: 30)])
        let email = SLAPolicy(name: "Email", conditions: [SLACondition(field: "channel", equals: "email")], targets: [.normal: SLATargets(firstResponse: 240)])
        let all = SLAPolicy(name: "Default", targets: [.normal: SLATargets(firstResponse: 480)])
        #expect(SLAPolicy.first(matching: ["channel": "email", "organization_tier": "gold"], in: [vip, email, all])?.name == "VIP")
        #expect(SLAPolicy.first(matching: ["channel": "email"], in: [vip, email, all])?.name == "Email")
        #expect(SLAPolicy.first(matching: ["channel": "phone"], in: [vip, email, all])?.name == "Default")
        #expect(SLAPolicy.first(matching: ["channel": "phone"], in: [vip, email]) == nil)
    }
}
