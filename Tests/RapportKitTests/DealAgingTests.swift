import Foundation
import RapportKit
import Testing

/// Days in stage and overdue close dates, as the board marks them.
@Suite struct DealAgingTests {
    static func date(_ text: String) -> Date {
        Date(timeIntervalSince1970: Double(Timestamp.parse(text)!) / 1000)
    }

    @Test func daysInStageCountWholeDaysSinceTheLastArrival() {
        let entered = "2026-11-20T09:00:00.000Z"
        #expect(DealAging.daysInStage(enteredAt: entered, now: Self.date("2026-11-20T09:01:00Z")) == 0)
        #expect(DealAging.daysInStage(enteredAt: entered, now: Self.date("2026-11-25T08:59:59Z")) == 4)
        #expect(DealAging.daysInStage(enteredAt: entered, now: Self.date("2026-11-25T09:00:00Z")) == 5)
        // An arrival written with an offset is the same instant.
        #expect(DealAging.daysInStage(enteredAt: "2026-11-20T18:00:00+09:00", now: Self.date("2026-11-25T09:00:00Z")) == 5)
        // A clock behind the database never shows a negative age.
        #expect(DealAging.daysInStage(enteredAt: entered, now: Self.date("2026-11-19T09:00:00Z")) == 0)
        #expect(DealAging.daysInStage(enteredAt: "yesterday", now: Self.date("2026-11-19T09:00:00Z")) == nil)
    }

    @Test func aDealMovedBackCountsFromItsReturn() {
        let changes = [
            (to: "proposal", at: "2026-11-01T00:00:00.000Z"), (to: "negotiation", at: "2026-11-05T00:00:00.000Z"),
            (to: "proposal", at: "2026-11-10T00:00:00.000Z"),
        ]
        #expect(DealAging.enteredAt(stage: "proposal", changes: changes) == "2026-11-10T00:00:00.000Z")
        #expect(DealAging.enteredAt(stage: "won", changes: changes) == nil)
    }

    @Test func onlyOpenDealsPastTheirCloseDateAreOverdue() {
        #expect(DealAging.isOverdue(closeDate: "2026-11-24", status: "open", today: "2026-11-25"))
        #expect(!DealAging.isOverdue(closeDate: "2026-11-25", status: "open", today: "2026-11-25"))
        #expect(!DealAging.isOverdue(closeDate: "2026-11-24", status: "won", today: "2026-11-25"))
        #expect(!DealAging.isOverdue(closeDate: nil, status: "open", today: "2026-11-25"))
        // 23:30 UTC on the 24th is already the 25th in Seoul.
        let late = Self.date("2026-11-24T23:30:00Z")
        #expect(DealAging.today(late, in: TimeZone(identifier: "Asia/Seoul")!) == "2026-11-25")
        #expect(DealAging.today(late, in: TimeZone(identifier: "UTC")!) == "2026-11-24")
    }
}

/// A lost deal's reason against the admins' list.
@Suite struct LostReasonRuleTests {
    static let list = LostReasons.defaults.map { LostReasons.Choice(name: $0.name, allowsText: $0.allowsText) }

    @Test func withoutAListAnyReasonOrNoneIsAccepted() {
        #expect(LostReasons.check(nil, becomingLost: true, list: []) == .success(nil))
        #expect(LostReasons.check("  Budget frozen ", becomingLost: true, list: []) == .success("Budget frozen"))
    }

    @Test func withAListALostDealNeedsOneOfItsReasons() {
        guard case .failure(let missing) = LostReasons.check("  ", becomingLost: true, list: Self.list) else { Issue.record("accepted an empty reason"); return }
        #expect(missing.field == "lost_reason" && missing.code == "required")
        #expect(LostReasons.check(nil, becomingLost: false, list: Self.list) == .success(nil))
        // Taken in the list's spelling, so the report counts one Competitor.
        #expect(LostReasons.check("competitor", becomingLost: true, list: Self.list) == .success("Competitor"))
        // "Other" allows own words; without such a reason only the list's names pass.
        #expect(LostReasons.check("Went in-house", becomingLost: true, list: Self.list) == .success("Went in-house"))
        let strict = Self.list.filter { !$0.allowsText }
        guard case .failure(let wrong) = LostReasons.check("Went in-house", becomingLost: true, list: strict) else { Issue.record("accepted a reason off the list"); return }
        #expect(wrong.field == "lost_reason" && wrong.code == "invalid_choice" && wrong.message.contains("No decision"))
    }

    @Test func ownWordsAreKeptAfterTheReasonName() {
        let stored = LostReasons.compose("Other", text: " went in-house ")
        #expect(stored == "Other: went in-house")
        #expect(LostReasons.compose("Price", text: "  ") == "Price")
        let other = LostReasons.split(stored, names: ["Price", "Other"])
        #expect(other?.name == "Other" && other?.text == "went in-house")
        let price = LostReasons.split("Price", names: ["Price", "Other"])
        #expect(price?.name == "Price" && price?.text == nil)
        #expect(LostReasons.split("Budget frozen", names: ["Price", "Other"]) == nil)
    }
}
