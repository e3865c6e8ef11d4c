/// What sales teams are measured by and who they sell to: quotas per owner or team and
/// month; the people on a deal and their roles; orders that can be purchases from a
/// supplier and name the buyer; document numbers that concurrent writers cannot hand out
/// twice; and the indexes the quota report and the closed-deal figures read.
enum Migration0006SalesTeams {
    private static func statements(sqlite: Bool) -> [String] {
        let nf = sqlite ? "" : " NULLS FIRST"
        let text = sqlite ? "TEXT" : "TEXT COLLATE \"C\""
        let int = sqlite ? "INTEGER" : "BIGINT"
        var out: [String] = []
        out += Migration0005Sales.recordTable("quotas", "user_id %TEXT%, team_id %TEXT%, month %TEXT%, amount_amount %INT%, amount_currency %TEXT%", sqlite: sqlite)
        out.append("CREATE INDEX quotas_month ON quotas (month\(nf), id) WHERE deleted_at IS NULL")
        out += Migration0005Sales.recordTable("deal_contacts", "deal_id %TEXT%, person_id %TEXT%, role %TEXT%, notes %TEXT%", sqlite: sqlite)
        out += [
            "CREATE INDEX deal_contacts_deal ON deal_contacts (deal_id\(nf), id) WHERE deleted_at IS NULL",
            "CREATE INDEX deal_contacts_person ON deal_contacts (person_id\(nf), id) WHERE deleted_at IS NULL",
            // A deal's plain list of contacts becomes contacts with a role to fill in.
            """
            INSERT INTO deal_contacts (id, deal_id, person_id, role, owner_id, created_by, updated_by, created_at, updated_at, version)
            SELECT \(sqlite ? sqliteUUID : "gen_random_uuid()::text"), m.record_id, m.value, 'other', d.owner_id, d.created_by, d.updated_by,
            d.created_at, d.updated_at, 1 FROM record_members m JOIN deals d ON d.id = m.record_id WHERE m.record_type = 'deals' AND m.field = 'contacts'
            """,
            "DELETE FROM record_members WHERE record_type = 'deals' AND field = 'contacts'",
            "UPDATE deals SET contacts = NULL",
            "ALTER TABLE orders ADD COLUMN direction \(text)",
            "UPDATE orders SET direction = 'sell'",
            "ALTER TABLE orders ADD COLUMN person_id \(text)",
            "ALTER TABLE contracts ADD COLUMN person_id \(text)",
            // Purchase history reads these: one organization's or person's orders by date.
            "CREATE INDEX orders_history ON orders (organization_id\(nf), direction, ordered_on\(nf)) WHERE deleted_at IS NULL",
            "CREATE INDEX orders_person ON orders (person_id\(nf), direction, ordered_on\(nf)) WHERE deleted_at IS NULL",
            "CREATE INDEX contracts_person ON contracts (person_id\(nf), id) WHERE deleted_at IS NULL",
            "CREATE INDEX quotes_number ON quotes (number\(nf), id) WHERE deleted_at IS NULL",
            "CREATE TABLE number_sequences (name \(text) PRIMARY KEY, value \(int) NOT NULL)",
            // The quota report groups open and won deals by close month and owner from this
            // index alone, across pipelines.
            "CREATE INDEX deals_quota ON deals (status, close_date\(nf), owner_id\(nf), stage_id, amount_currency, amount_amount) WHERE deleted_at IS NULL",
            // The summary's latest wins and lost reasons read the closed fifth of the deals
            // from here, newest first, without touching the table.
            """
            CREATE INDEX deals_closed ON deals (pipeline_id, status, updated_at\(nf), created_at, stage_id, lost_reason\(nf))
            WHERE deleted_at IS NULL AND status <> 'open'
            """,
        ]
        return out
    }

    /// A random version-4 id in the engine's 36-character form.
    private static let sqliteUUID = """
        lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-a'
        || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))
        """

    static var migration: Migration {
        Migration(version: 6, name: "sales_teams", sqlite: statements(sqlite: true), postgres: statements(sqlite: false))
    }
}
