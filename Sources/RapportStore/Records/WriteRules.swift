import Foundation
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

    /// Run when a record of the type is merged into another, after the engine repointed the
    /// references and before the survivor's `after` rule: for what the type keeps outside
    /// its records (a ticket's events), which the engine cannot know to move.
    public typealias Merged = @Sendable (RecordStore, Session, _ survivorID: String, _ duplicateID: String) async throws -> Void

    /// A `before` rule may also decide the owner by putting `owner_id` in the record it
    /// returns (a child belongs to its parent's owner, see ``ParentWriteRules``); the engine takes it out of the
    /// fields and stores it as the owner.
    public var before: Before?
    public var after: After?
    public var merged: Merged?

    public init(before: Before? = nil, after: After? = nil, merged: Merged? = nil) {
        self.before = before
        self.after = after
        self.merged = merged
    }

    /// The fields an update names, while its `before` rule runs (nil on create): a rule
    /// that fills a field unless the write sets it cannot tell from the merged record
    /// whether a value equal to the stored one was sent or left out.
    @TaskLocal public static var written: Set<String>?

    /// Who is writing, while a `before` rule runs through the API or the pages: for the few
    /// rules that depend on it (a partner user registers a deal; only a partner manager
    /// decides it). Nil for the engine's own writes.
    @TaskLocal public static var writer: Actor?

    /// The time writes are stamped with: the wall clock unless a test sets its own.
    @TaskLocal public static var clock: @Sendable () -> Date = { Date() }

    /// The owner a `before` rule chose, removed from the record; nil when it chose none.
    static func takeOwner(_ record: inout JSONObject) -> String? {
        guard let owner = record["owner_id"] else { return nil }
        record["owner_id"] = nil
        return owner.stringValue
    }

    /// The rules of every built-in type that has some.
    public static let builtIn: [String: WriteRules] = [
        Deals.type.name: DealRules.rules, Quotes.type.name: QuoteRules.quote, QuoteLines.type.name: QuoteRules.line,
        Contracts.type.name: ContractRules.rules, Orders.type.name: OrderRules.rules, OrderLines.type.name: OrderRules.line,
        Quotas.type.name: QuotaRules.rules, Pipelines.type.name: PipelineRules.rules,
        PipelineStages.type.name: PipelineStageRules.rules,
        Tickets.type.name: TicketRules.rules, TicketMessages.type.name: TicketMessageRules.rules,
        PartnershipContacts.type.name: PartnershipRules.contact, PartnershipGoals.type.name: PartnershipRules.goal,
        KeyResults.type.name: PartnershipRules.keyResult, Milestones.type.name: PartnershipRules.milestone, Risks.type.name: PartnershipRules.risk,
        ReviewActions.type.name: ReviewActionRules.rules, DealRegistrations.type.name: DealRegistrationRules.rules,
    ]
}
