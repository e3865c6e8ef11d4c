import RapportKit

/// Approving a deal registration opens the deal it registered, so a partner's find enters
/// the pipeline the moment it is accepted instead of being retyped, and counts as sourced
/// by the partnership from the first day.
///
/// The deal is made through the engine as the approver, with the checks of their own
/// `POST /api/v1/deals`: a partner manager without deal rights cannot approve, rather than
/// approving into a deal nobody made. The company is the live organization with the
/// registration's domain, else the one with its exact name, else a new one; the deal goes
/// into the default pipeline's first open stage, with the registered amount and close
/// date, owned by the approver.
enum RegistrationDeals {
    /// The id of the deal opened for `registration`, which is being approved by `actor`.
    static func open(_ store: RecordStore, _ s: Session, for registration: JSONObject, actor: Actor) async throws -> String {
        let deals = try await store.type(named: Deals.type.name, in: s)
        let organization = try await company(store, s, registration, actor: actor)
        var pipeline = try await RecordStore.defaultPipelineID(s)
        if pipeline == nil { pipeline = try await store.ensureDefaultPipeline(in: s) }
        guard let stage = try await s.query("""
                  SELECT id FROM pipeline_stages WHERE pipeline_id = \(pipeline ?? "") AND deleted_at IS NULL AND outcome = 'open' ORDER BY position, id LIMIT 1
                  """).first?.text("id") else {
            throw RecordError.conflict("There is no pipeline with an open stage to open the registered deal in.")
        }
        var body = JSONObject([
            ("title", .string(registration["company_name"]?.stringValue ?? "—")), ("organization_id", .string(organization)),
            ("pipeline_id", .string(pipeline ?? "")), ("stage_id", .string(stage)),
            ("source", .string("Deal registration")),
        ])
        if let partnership = registration["partnership_id"]?.stringValue { body["partnership_id"] = .string(partnership) }
        for (from, to) in [("amount", "amount"), ("expected_close", "close_date")] {
            if let value = registration[from], !value.isNull { body[to] = value }
        }
        let changes = try store.validatedCreate(deals, body: body, actor: actor)
        return try await store.create(in: s, deals, changes: changes, actor: actor).id
    }

    /// The registered company among the organizations the approver sees, by domain then by
    /// exact name; made when there is none.
    static func company(_ store: RecordStore, _ s: Session, _ registration: JSONObject, actor: Actor) async throws -> String {
        let organizations = try await store.type(named: Organizations.type.name, in: s)
        let name = registration["company_name"]?.stringValue ?? ""
        let domain = registration["company_domain"]?.stringValue
        var clauses: [SQL] = ["deleted_at IS NULL", domain.map { "(domain = \($0) OR name = \(name))" } ?? "name = \(name)"]
        if let visible = store.visibility(organizations, actor) { clauses.append(visible) }
        let rows = try await s.query("SELECT id, domain FROM organizations WHERE \(SQL.join(clauses, " AND ")) ORDER BY created_at, id LIMIT 20")
        if let found = rows.first(where: { domain != nil && $0.text("domain") == domain }) ?? rows.first, let id = found.text("id") { return id }
        var body = JSONObject([("name", .string(name))])
        if let domain { body["domain"] = .string(domain) }
        let changes = try store.validatedCreate(organizations, body: body, actor: actor)
        return try await store.create(in: s, organizations, changes: changes, actor: actor).id
    }
}
