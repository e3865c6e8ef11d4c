/// Which status changes a quote may make. An accepted quote placed an order and a
/// superseded one was replaced by a newer version, so both are final: going back to draft
/// and accepting again would place a second order. Only an open offer (draft or sent)
/// still inside its validity can be accepted, judged by the validity it had before the
/// write, so an offer that lapsed cannot be revived by moving its date in the same request.
public enum QuoteStatus {
    public static let final: Set<String> = ["accepted", "superseded"]
    public static let acceptable: Set<String> = ["draft", "sent"]
    /// How a final quote is printed and annotated may still change; what was offered may not.
    public static let editableWhenFinal: Set<String> = ["language", "notes"]

    /// A quote's lines are final with it: the order was placed from them, or a newer
    /// version replaced them.
    public static let linesFinal = ParentRule.Finality(field: "status", values: final) { state in
        state == "accepted"
            ? "This quote was accepted and its order placed; its lines no longer change. Make a new version instead."
            : "A newer version replaced this quote; change that one."
    }

    /// Why a write from `old` to `new` must be refused; empty when it may go ahead.
    /// `oldValidUntil` is the stored validity, `newValidUntil` the one after the write;
    /// `changed` says whether any of the quote's own fields differ after the write.
    public static func errors(from old: String?, to new: String?, oldValidUntil: String?, newValidUntil: String?, changed: Bool, today: String) -> [FieldError] {
        if let old, final.contains(old) {
            guard changed else { return [] }
            return [FieldError(field: "status", code: "final", message: old == "accepted"
                ? "This quote was accepted and its order placed; it no longer changes. Make a new version instead."
                : "A newer version replaced this quote; change that one.")]
        }
        guard new == "accepted", old != "accepted" else { return [] }
        if let old, !acceptable.contains(old) {
            return [FieldError(field: "status", code: old, message: "Only a draft or sent quote can be accepted; this one is \(old).")]
        }
        for until in [oldValidUntil, newValidUntil].compactMap({ $0 }) where QuoteValidity.hasExpired(validUntil: until, today: today) {
            return [FieldError(field: "status", code: "expired", message: "This quote was valid until \(until); make a new version to offer it again.")]
        }
        return []
    }
}
