/// A field whose values are the ordered steps of a procedure (a partnership's lifecycle, a
/// conflict's resolution procedure), declared on the record type so the engine keeps one
/// dated history of every move for every such type, and refuses the moves the procedure
/// does not allow, on every path that writes (API, pages, imports, bulk changes).
///
/// The procedure says what; ``check(from:to:reason:)`` is the whole rule, pure, so it is
/// tested without a database and the pages can offer only the moves it allows.
public struct StageRule: Sendable {
    /// Which moves the procedure allows.
    public enum Moves: Sendable, Equatable {
        /// Any step to any other: a lifecycle that may go back (renewing → active) or end
        /// early (exploring → ended).
        case free
        /// Only to the next step, never back; a later step only with a stated reason in
        /// the rule's ``reasonField`` (mediation skipped because the agreement has none).
        case forwardSkippingWithReason
    }

    /// The field holding the step.
    public var field: String
    /// The steps in their order.
    public var steps: [String]
    public var moves: Moves
    /// The record's field carrying why a move skipped steps; the history keeps it beside
    /// the move. Nil for procedures that never need one.
    public var reasonField: String?

    public init(field: String, steps: [String], moves: Moves, reasonField: String? = nil) {
        self.field = field
        self.steps = steps
        self.moves = moves
        self.reasonField = reasonField
    }

    /// The refusal of moving from `from` to `to` with `reason`, or nil when allowed. A new
    /// record (`from` nil) may start only at the first step under a strict procedure.
    public func check(from: String?, to: String?, reason: String?) -> FieldError? {
        guard let to, from != to else { return nil }
        guard let target = steps.firstIndex(of: to) else { return nil }  // the choice validator names it
        guard moves == .forwardSkippingWithReason else { return nil }
        let hasReason = !(reason ?? "").allSatisfy(\.isWhitespace)
        let start = from.flatMap { steps.firstIndex(of: $0) } ?? -1
        if target < start {
            return FieldError(field: field, code: "backwards", message: "The procedure does not go back from \(from ?? "") to \(to).")
        }
        if target > start + 1 && !hasReason {
            let skipped = steps[(start + 1)..<target].joined(separator: ", ")
            return FieldError(field: reasonField ?? field, code: "reason_required", message: "Moving to \(to) skips \(skipped); say why.")
        }
        return nil
    }

    /// The steps a record at `step` may move to without stating a reason.
    public func nextSteps(after step: String?) -> [String] {
        switch moves {
        case .free: return steps.filter { $0 != step }
        case .forwardSkippingWithReason:
            let at = step.flatMap { steps.firstIndex(of: $0) } ?? -1
            return at + 1 < steps.count ? [steps[at + 1]] : []
        }
    }
}

/// One move recorded in a stage history: what a procedure's report (cycle times, how long a
/// partnership stayed in onboarding) and the record's page read.
public struct StageMove: Sendable, Equatable {
    public var from: String?
    public var to: String
    /// Milliseconds since 1970.
    public var at: Int64
    public var actorID: String?
    public var reason: String?

    public init(from: String?, to: String, at: Int64, actorID: String?, reason: String?) {
        self.from = from
        self.to = to
        self.at = at
        self.actorID = actorID
        self.reason = reason
    }
}

extension StageRule {
    /// Milliseconds spent in each step, from the moves in time order up to `now` for the
    /// current step; steps never reached are absent.
    public static func durations(_ moves: [StageMove], now: Int64) -> [String: Int64] {
        var out: [String: Int64] = [:]
        for (i, move) in moves.enumerated() {
            let end = i + 1 < moves.count ? moves[i + 1].at : now
            out[move.to, default: 0] += max(0, end - move.at)
        }
        return out
    }
}
