/// When a quote stops being an offer. A quote is valid through its `valid_until` day in
/// the seller's calendar (UTC dates): it can be accepted that day and expires the next.
/// Only offers still open (draft or sent) expire; accepted, rejected and superseded
/// quotes keep their outcome.
public enum QuoteValidity {
    public static let expiring = ["draft", "sent"]

    /// Dates are `YYYY-MM-DD`, which compare in calendar order as text.
    public static func hasExpired(validUntil: String, today: String) -> Bool {
        validUntil.count == 10 && today.count == 10 && validUntil < today
    }

    public static func shouldExpire(status: String, validUntil: String?, today: String) -> Bool {
        guard expiring.contains(status), let validUntil else { return false }
        return hasExpired(validUntil: validUntil, today: today)
    }
}
