/// Shared state for several instances over one database: the audit chain's position and
/// head, so entries are chained after commit instead of under a lock held by every write;
/// and failed sign-ins, so a throttle seen by one instance holds on all of them.
enum Migration0008AuditThrottle {
    private static func statements(sqlite: Bool) -> [String] {
        let int = sqlite ? "INTEGER" : "BIGINT"
        let genesis = String(repeating: "0", count: 64)
        return [
            "ALTER TABLE audit_log ADD COLUMN chain_pos \(int)",
            // Entries chained under the old global lock were chained in `seq` order.
            """
            UPDATE audit_log SET chain_pos = r.n FROM
            (SELECT seq, ROW_NUMBER() OVER (ORDER BY seq) AS n FROM audit_log WHERE hash IS NOT NULL) AS r
            WHERE audit_log.seq = r.seq
            """,
            "CREATE UNIQUE INDEX audit_log_chain ON audit_log (chain_pos)",
            "CREATE INDEX audit_log_unsealed ON audit_log (seq) WHERE chain_pos IS NULL",
            "CREATE TABLE audit_head (id \(int) PRIMARY KEY, chain_pos \(int) NOT NULL, hash TEXT NOT NULL, sealed_at TEXT NOT NULL)",
            """
            INSERT INTO audit_head (id, chain_pos, hash, sealed_at)
            SELECT 1, COALESCE(MAX(chain_pos), 0),
            COALESCE((SELECT hash FROM audit_log WHERE chain_pos = (SELECT MAX(chain_pos) FROM audit_log)), '\(genesis)'), ''
            FROM audit_log
            """,
            "CREATE TABLE signin_failures (scope TEXT NOT NULL, key TEXT NOT NULL, at \(int) NOT NULL)",
            "CREATE INDEX signin_failures_key ON signin_failures (scope, key, at)",
            "CREATE INDEX signin_failures_at ON signin_failures (at)",
        ]
    }

    static let migration = Migration(
        version: 8, name: "audit chain head, shared sign-in throttle",
        sqlite: statements(sqlite: true), postgres: statements(sqlite: false))
}
