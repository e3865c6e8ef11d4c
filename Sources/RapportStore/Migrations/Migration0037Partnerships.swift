/// Partnerships and their children (contacts, goals and key results, responsibilities,
/// milestones, risks, conflicts, decisions, joint reviews and their action items) as records, and the one history every field
/// declared as a procedure (``StageRule``) keeps of its moves: what a partnership's stage
/// history, a conflict's dated steps and the cycle-time reports read.
enum Migration0037Partnerships {
    private static func statements(sqlite: Bool) -> [String] {
        let nf = sqlite ? "" : " NULLS FIRST"
        let text = sqlite ? "TEXT" : "TEXT COLLATE \"C\""
        let int = sqlite ? "INTEGER" : "BIGINT"
        let money = { (n: String) in "\(n)_amount %INT%, \(n)_currency %TEXT%" }
        let tables: [(String, String, String)] = [
            ("partnerships", """
                name %TEXT%, partner_id %TEXT%, other_partner_ids %TEXT%, kind %TEXT%, tier %TEXT%, stage %TEXT%, started_on %TEXT%,
                renews_on %TEXT%, partner_owner_id %TEXT%, time_zone %TEXT%, vision %TEXT%, value_ours %TEXT%, value_theirs %TEXT%,
                share_goals %TEXT%, share_roadmap %TEXT%, share_risks %TEXT%, share_conflicts %TEXT%, share_decisions %TEXT%, share_reviews %TEXT%
                """, "partner_id"),
            ("partnership_contacts", "partnership_id %TEXT%, name %TEXT%, side %TEXT%, user_id %TEXT%, person_id %TEXT%, role %TEXT%, reviewed_on %TEXT%", "partnership_id"),
            ("partnership_goals", "partnership_id %TEXT%, objective %TEXT%, perspective %TEXT%, status %TEXT%, why_ours %TEXT%, why_theirs %TEXT%, due_on %TEXT%, shared %INT%", "partnership_id"),
            ("key_results", "goal_id %TEXT%, measure %TEXT%, unit %TEXT%, baseline %TEXT%, target %TEXT%, current %TEXT%, due_on %TEXT%, owner_contact_id %TEXT%", "goal_id"),
            ("responsibilities", """
                partnership_id %TEXT%, workstream %TEXT%, activity %TEXT%, accountable_id %TEXT%, responsible_ids %TEXT%, consulted_ids %TEXT%,
                informed_ids %TEXT%, decides %TEXT%, \(money("decision_limit")), approver_ids %TEXT%
                """, "partnership_id"),
            ("milestones", "partnership_id %TEXT%, name %TEXT%, owner_contact_id %TEXT%, starts_on %TEXT%, due_on %TEXT%, depends_on_ids %TEXT%, status %TEXT%, done_on %TEXT%, shared %INT%", "partnership_id"),
            ("risks", """
                partnership_id %TEXT%, title %TEXT%, description %TEXT%, category %TEXT%, likelihood %TEXT%, impact %TEXT%, score %TEXT%, band %TEXT%,
                previous_score %TEXT%, owner_contact_id %TEXT%, mitigation %TEXT%, contingency %TEXT%, reviewed_on %TEXT%, review_on %TEXT%, status %TEXT%
                """, "partnership_id"),
            ("conflicts", """
                partnership_id %TEXT%, title %TEXT%, raised_by_id %TEXT%, party_ids %TEXT%, facts %TEXT%, impact %TEXT%, severity %TEXT%, step %TEXT%,
                step_reason %TEXT%, mediator %TEXT%, action_plan %TEXT%, action_owner_ids %TEXT%, reconciled_on %TEXT%, lessons %TEXT%
                """, "partnership_id"),
            ("partner_reviews", """
                partnership_id %TEXT%, title %TEXT%, cadence %TEXT%, period_start %TEXT%, period_end %TEXT%, held_on %TEXT%, status %TEXT%,
                score_performance %TEXT%, score_collaboration %TEXT%, score_communication %TEXT%, score_responsiveness %TEXT%, score_esg %TEXT%,
                weight_performance %TEXT%, weight_collaboration %TEXT%, weight_communication %TEXT%, weight_responsiveness %TEXT%, weight_esg %TEXT%,
                score_total %TEXT%, minutes %TEXT%
                """, "partnership_id"),
            ("review_actions", "review_id %TEXT%, title %TEXT%, owner_contact_id %TEXT%, due_on %TEXT%, status %TEXT%", "review_id"),
            ("deal_registrations", """
                partnership_id %TEXT%, company_name %TEXT%, company_domain %TEXT%, contact_name %TEXT%, amount_amount %INT%, amount_currency %TEXT%,
                expected_close %TEXT%, description %TEXT%, status %TEXT%, protection_days %TEXT%, approved_at %TEXT%, protected_until %TEXT%, conflict_note %TEXT%
                """, "partnership_id"),
            ("decisions", "partnership_id %TEXT%, title %TEXT%, decided_on %TEXT%, decided_by_ids %TEXT%, options %TEXT%, rationale %TEXT%, evidence %TEXT%, evidence_urls %TEXT%, shared %INT%", "partnership_id"),
        ]
        var out: [String] = []
        for (name, columns, parent) in tables {
            out += Migration0005Sales.recordTable(name, columns, sqlite: sqlite)
            out.append("CREATE INDEX \(name)_\(parent) ON \(name) (\(parent)\(nf), id) WHERE deleted_at IS NULL")
        }
        out.append("""
            CREATE TABLE stage_history (
            seq \(sqlite ? "INTEGER PRIMARY KEY" : "BIGSERIAL PRIMARY KEY"), record_type \(text) NOT NULL, record_id \(text) NOT NULL, field \(text) NOT NULL,
            from_value \(text), to_value \(text) NOT NULL, at \(int) NOT NULL, actor_id \(text), reason \(text))
            """)
        out.append("CREATE INDEX stage_history_record ON stage_history (record_type, record_id, seq)")
        // Which users are partner users of which partnership (the portal's one binding).
        out.append("CREATE TABLE partner_users (user_id \(text) NOT NULL, partnership_id \(text) NOT NULL, created_at \(text) NOT NULL, PRIMARY KEY (user_id, partnership_id))")
        out.append("CREATE INDEX partner_users_partnership ON partner_users (partnership_id)")
        return out
    }

    static let migration = Migration(version: 37, name: "partnerships", sqlite: statements(sqlite: true), postgres: statements(sqlite: false))
}
