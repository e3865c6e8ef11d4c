import Foundation
import RapportKit

/// A pipeline's stage as the board and reports use it.
public struct Stage: Sendable, Equatable {
    public var id: String
    public var name: String
    public var position: Double
    public var probability: Double
    public var outcome: String
}

/// A board column's figures: how many deals and their total per currency.
public struct StageTotals: Sendable, Equatable {
    public var count = 0
    /// Minor units by currency code.
    public var amounts: [String: Int64] = [:]

    public init() {}
}

extension RecordStore {
    /// Creates the default pipeline (lead → qualified → proposal → negotiation → won /
    /// lost) when there is none, so a new installation can take deals at once.
    @discardableResult
    ///
    /// Several instances starting together on one database make exactly one: the check and
    /// the create run in one transaction that holds an advisory lock on PostgreSQL (and the
    /// single writer on SQLite), so the later ones find the first one's pipeline.
    public func ensureDefaultPipeline(actor: Actor = .system) async throws -> String {
        let pipelines = try await type(named: Pipelines.type.name)
        if let id = try await defaultPipelineID() { return id }
        let changes = try validatedCreate(pipelines, body: JSONObject([("name", .string(Pipelines.defaultName)), ("is_default", .bool(true))]), actor: actor)
        return try await db.transaction { s in try await self.ensureDefaultPipeline(in: s, changes: changes, actor: actor) }
    }

    /// The same inside a write's transaction, for a rule that needs a pipeline to put a
    /// deal in (an approved registration's) on a database where none was made yet.
    func ensureDefaultPipeline(in s: Session, changes: JSONObject? = nil, actor: Actor = .system) async throws -> String {
        try await s.lockExclusively("default-pipeline")
        if let id = try await Self.defaultPipelineID(s) { return id }
        let pipelines = try await type(named: Pipelines.type.name, in: s)
        let body = try changes ?? validatedCreate(pipelines, body: JSONObject([("name", .string(Pipelines.defaultName)), ("is_default", .bool(true))]), actor: .system)
        // Its stages come with it (``PipelineRules``).
        return try await create(in: s, pipelines, changes: body, actor: actor).id
    }

    /// The pipeline boards and reports open on: the default one, else the oldest. Reads
    /// only, so a GET never creates one (`serve` makes sure there is one at start).
    public func defaultPipelineID() async throws -> String? {
        try await db.read { s in try await Self.defaultPipelineID(s) }
    }

    static func defaultPipelineID(_ s: Session) async throws -> String? {
        try await s.query("SELECT id FROM pipelines WHERE deleted_at IS NULL ORDER BY is_default DESC, created_at LIMIT 1").first?.text("id")
    }

    /// A pipeline's stages in board order.
    public func stages(pipelineID: String) async throws -> [Stage] {
        let rows = try await db.read { s in
            try await s.query("SELECT id, name, position, probability, outcome FROM pipeline_stages WHERE pipeline_id = \(pipelineID) AND deleted_at IS NULL")
        }
        return rows.map { r in
            Stage(id: r.text("id") ?? "", name: r.text("name") ?? "", position: Double(r.text("position") ?? "") ?? 0,
                  probability: Double(r.text("probability") ?? "") ?? 0, outcome: r.text("outcome") ?? "open")
        }.sorted { $0.position != $1.position ? $0.position < $1.position : $0.name < $1.name }
    }

    /// Count and amount per stage of the deals the actor may see, under the list's filters.
    public func stageTotals(_ deals: RecordType, query: ListQuery, actor: Actor) async throws -> [String: StageTotals] {
        try require(.read, deals, actor)
        var clauses = try conditions(deals, query.filters, dialect: db.dialect)
        if let visible = visibility(deals, actor) { clauses.append(visible) }
        // Grouped in the order of the deals_forecast index (status, close date, stage,
        // currency), so SQLite streams the groups instead of sorting every deal; the days
        // are folded into stages here.
        let statement: SQL = """
            SELECT stage_id, amount_currency, COUNT(*) AS n, \(raw: MoneySum.select("amount_amount", as: "total")) FROM deals
            WHERE \(SQL.join(clauses, " AND ")) GROUP BY status, close_date, stage_id, amount_currency
            """
        let rows = try await db.read { s in try await s.query(statement) }
        let amountsHidden = try await hides("amount", of: deals.name, actor: actor)
        var out: [String: StageTotals] = [:]
        for r in rows {
            guard let stage = r.text("stage_id") else { continue }
            out[stage, default: StageTotals()].count += Int(r.int("n") ?? 0)
            if !amountsHidden, let currency = r.text("amount_currency") {
                let sum = try MoneySum.add(out[stage, default: StageTotals()].amounts[currency, default: 0], try MoneySum.read(r, "total"))
                out[stage, default: StageTotals()].amounts[currency] = sum
            }
        }
        return out
    }

    /// The person a deal's documents are addressed to (``DealContacts/buyer(_:)``).
    static func dealBuyer(_ s: Session, dealID: String) async throws -> String? {
        let contacts = try await s.query("SELECT person_id, role FROM deal_contacts WHERE deal_id = \(dealID) AND deleted_at IS NULL ORDER BY created_at, id")
        return DealContacts.buyer(contacts.compactMap { r in r.text("person_id").map { ($0, r.text("role") ?? "") } })
    }

    /// The buyer's name for a deal the actor may see, when the actor may see them too.
    public func dealBuyerName(dealID: String, actor: Actor) async throws -> String? {
        guard let person = try await db.read({ s in try await Self.dealBuyer(s, dealID: dealID) }) else { return nil }
        return try await titles(try await type(named: People.type.name), ids: [person], actor: actor)[person]
    }

    /// A deal's stage changes, oldest first.
    public func stageHistory(dealID: String, actor: Actor) async throws -> [StageChange] {
        let deals = try await type(named: Deals.type.name)
        _ = try await get(deals, id: dealID, actor: actor)
        if try await hides("stage_id", of: deals.name, actor: actor) { return [] }
        let rows = try await db.read { s in
            try await s.query("SELECT from_stage_id, to_stage_id, at, actor_id, flag FROM deal_stage_history WHERE deal_id = \(dealID) ORDER BY at, id")
        }
        return rows.map { StageChange(from: $0.text("from_stage_id"), to: $0.text("to_stage_id") ?? "", at: $0.text("at") ?? "", actorID: $0.text("actor_id"), flag: $0.text("flag")) }
    }
}
