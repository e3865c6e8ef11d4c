import RapportKit
import Testing

/// Which quote writes are refused: accepted and superseded quotes are final, and only an
/// open offer still inside the validity it had before the write can be accepted.
@Suite struct QuoteStatusTests {
    func codes(_ from: String?, _ to: String?, old: String? = nil, new: String? = nil, changed: Bool = true) -> [String] {
        QuoteStatus.errors(from: from, to: to, oldValidUntil: old, newValidUntil: new ?? old, changed: changed, today: "2026-12-01").map(\.code)
    }

    @Test func acceptedAndSupersededAreFinal() {
        #expect(codes("accepted", "draft") == ["final"])
        #expect(codes("superseded", "sent") == ["final"])
        #expect(codes("superseded", "accepted") == ["final"])
        // Nothing of what was offered changes, but a write that changes nothing passes.
        #expect(codes("accepted", "accepted", changed: true) == ["final"])
        #expect(codes("accepted", "accepted", changed: false) == [])
    }

    @Test func onlyOpenOffersInsideTheirValidityAreAccepted() {
        #expect(codes("draft", "accepted") == [])
        #expect(codes("sent", "accepted", old: "2026-12-01") == [])
        #expect(codes("expired", "accepted") == ["expired"])
        #expect(codes("rejected", "accepted") == ["rejected"])
        // Past its date, before the hourly sweep marked it expired.
        #expect(codes("sent", "accepted", old: "2026-11-30") == ["expired"])
        // Moving the date forward in the same write does not revive it.
        #expect(codes("sent", "accepted", old: "2026-11-30", new: "2027-01-31") == ["expired"])
        // Nor does moving a valid date into the past and accepting.
        #expect(codes("sent", "accepted", old: "2027-01-31", new: "2026-11-30") == ["expired"])
        // Other writes to open offers are not this rule's business.
        #expect(codes("expired", "sent") == [])
        #expect(codes("draft", "sent", old: "2026-11-30") == [])
    }
}
