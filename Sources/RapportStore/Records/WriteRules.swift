import RapportKit

/// Type-specific rules that need the database, run by the engine inside the write's
/// transaction: `before` may change or refuse a record about to be stored (a deal's status
/// follows its stage), `after` records what the write means (a deal's stage history).
/// Pure rules belong in the type's ``RecordHooks``; these are for what a pure function
/// cannot know.
public struct WriteRules: Sendable {
    public typealias Before = @Sendable (RecordStore, Session, JSONObject, StoredRecord?) async throws -> JSONObject
    /// Also run after a delete, with the same record before and after.
    public typealias After = @Sendable (RecordStore, Session, StoredRecord?, StoredRecord, Actor, String) async throws -> Void

    public var before: Before?
    public var after: After?

    public init(before: Before? = nil, after: After? = nil) {
        self.before = before
        self.after = after
    }

    /// The rules of every built-in type that has some.
    public static let builtIn: [String: WriteRules] = [
        Deals.type.name: DealRules.rules, Quotes.type.name: QuoteRules.quote, QuoteLines.type.name: QuoteRules.line,
        Contracts.type.name: ContractRules.rules,
    ]
}
