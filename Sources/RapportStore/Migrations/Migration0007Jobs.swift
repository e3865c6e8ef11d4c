/// The one durable jobs table every background task runs from: one-off and recurring
/// jobs, their leases, attempts, progress and outcome. Times the runner compares (when a
/// job is due, when a lease runs out) are integer milliseconds, so both databases compare
/// them as numbers with the same index.
enum Migration0007Jobs {
    private static func statements(sqlite: Bool) -> [String] {
        let text = sqlite ? "TEXT" : "TEXT COLLATE \"C\""
        let int = sqlite ? "INTEGER" : "BIGINT"
        return [
            """
            CREATE TABLE jobs (
            id \(text) PRIMARY KEY, kind \(text) NOT NULL, payload \(text) NOT NULL, state \(text) NOT NULL,
            idempotency_key \(text) UNIQUE, schedule \(text), time_zone \(text), run_at \(int) NOT NULL,
            attempts \(int) NOT NULL DEFAULT 0, max_attempts \(int) NOT NULL, lease_owner \(text), lease_until \(int),
            progress \(int), progress_message \(text), last_error \(text),
            created_at \(text) NOT NULL, updated_at \(text) NOT NULL, finished_at \(text))
            """,
            // The runner's claim reads due queued jobs and expired running ones from here.
            "CREATE INDEX jobs_due ON jobs (state, run_at)",
            "CREATE INDEX jobs_updated ON jobs (updated_at, id)",
        ]
    }

    static var migration: Migration {
        Migration(version: 7, name: "jobs", sqlite: statements(sqlite: true), postgres: statements(sqlite: false))
    }
}
