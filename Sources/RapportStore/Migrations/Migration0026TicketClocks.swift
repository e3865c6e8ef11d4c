/// Where each ticket's SLA clocks stand, kept beside the ticket, and the escalations they
/// have fired.
///
/// A clock's due time only moves when something happens to its ticket (an event, a change
/// of the policy or calendar), so it is computed then and stored: the "breaching within the
/// hour" view and the escalation job read one partial index of running clocks by due time
/// instead of replaying every open ticket's history on each read.
///
/// An escalation is one row per ticket, clock, kind and due time; the unique key is what
/// makes a warning or a breach fire once however many instances run the job.
enum Migration0026TicketClocks {
    private static func statements(sqlite: Bool) -> [String] {
        let text = sqlite ? "TEXT" : "TEXT COLLATE \"C\""
        let int = sqlite ? "INTEGER" : "BIGINT"
        return [
            """
            CREATE TABLE ticket_clocks (
            ticket_id \(text) NOT NULL, metric \(text) NOT NULL, policy_id \(text) NOT NULL, priority \(text) NOT NULL,
            target_ms \(int) NOT NULL, warn_ms \(int) NOT NULL, started_at_ms \(int) NOT NULL, elapsed_ms \(int) NOT NULL,
            due_at_ms \(int), paused INTEGER NOT NULL, stopped_at_ms \(int), breached_at_ms \(int), computed_at_ms \(int) NOT NULL,
            PRIMARY KEY (ticket_id, metric))
            """,
            // Running clocks by due time: the view and the job never read stopped ones.
            "CREATE INDEX ticket_clocks_due ON ticket_clocks (due_at_ms, ticket_id) WHERE stopped_at_ms IS NULL AND due_at_ms IS NOT NULL",
            """
            CREATE TABLE ticket_escalations (
            id \(text) PRIMARY KEY, ticket_id \(text) NOT NULL, metric \(text) NOT NULL, kind \(text) NOT NULL,
            due_at_ms \(int) NOT NULL, fired_at \(text) NOT NULL, notified \(text))
            """,
            "CREATE UNIQUE INDEX ticket_escalations_once ON ticket_escalations (ticket_id, metric, kind, due_at_ms)",
            "CREATE INDEX ticket_escalations_ticket ON ticket_escalations (ticket_id, fired_at)",
            // How long before a target its warning goes out; an hour until an admin says otherwise.
            "ALTER TABLE sla_policies ADD COLUMN warn_minutes INTEGER NOT NULL DEFAULT 60",
        ]
    }

    static let migration = Migration(version: 26, name: "ticket clocks", sqlite: statements(sqlite: true), postgres: statements(sqlite: false))
}
