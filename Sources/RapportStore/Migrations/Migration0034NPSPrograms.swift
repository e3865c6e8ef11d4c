/// Net Promoter programs (``NPSPrograms``) as records; each program's next round and the
/// rounds it ran; NPS answers in the surveys table beside CSAT, keyed so that one round
/// asks one person once; and the addresses no survey may be sent to.
///
/// Suppressed addresses are kept as the SHA-256 of the normalised address: the list must
/// outlive the erasure of the person who unsubscribed (or it would be forgotten and they
/// would be mailed again), and a digest keeps it from being a list of personal data.
enum Migration0034NPSPrograms {
    private static func statements(sqlite: Bool) -> [String] {
        let nf = sqlite ? "" : " NULLS FIRST"
        let text = sqlite ? "TEXT" : "TEXT COLLATE \"C\""
        let int = sqlite ? "INTEGER" : "BIGINT"
        var out = Migration0005Sales.recordTable("nps_programs", """
            name %TEXT%, on_schedule %INT%, schedule %TEXT%, time_zone %TEXT%, audience_stages %TEXT%, audience_tags %TEXT%,
            quiet_days %TEXT%, subject_name %TEXT%
            """, sqlite: sqlite)
        out += [
            "CREATE INDEX nps_programs_name ON nps_programs (name\(nf), id) WHERE deleted_at IS NULL",
            "CREATE TABLE nps_schedule (program_id \(text) PRIMARY KEY, schedule \(text) NOT NULL, time_zone \(text) NOT NULL, next_run_at \(int) NOT NULL)",
            """
            CREATE TABLE nps_rounds (
            program_id \(text) NOT NULL, round \(text) NOT NULL, job_id \(text), asked \(int) NOT NULL DEFAULT 0, skipped \(int) NOT NULL DEFAULT 0,
            started_at \(text) NOT NULL, finished_at \(text), note \(text), PRIMARY KEY (program_id, round))
            """,
            "ALTER TABLE surveys ADD COLUMN program_id \(text)",
            "ALTER TABLE surveys ADD COLUMN round \(text)",
            "CREATE UNIQUE INDEX surveys_program_round ON surveys (program_id, round, person_id)",
            "CREATE INDEX surveys_person_kind ON surveys (person_id, kind, sent_at)",
            """
            CREATE TABLE mail_suppressions (
            address_sha256 \(text) PRIMARY KEY, hard_bounces \(int) NOT NULL DEFAULT 0, soft_bounces \(int) NOT NULL DEFAULT 0,
            unsubscribed_at \(text), suppressed_at \(text), reason \(text), updated_at \(text) NOT NULL)
            """,
        ]
        return out
    }

    static let migration = Migration(version: 34, name: "nps programs", sqlite: statements(sqlite: true), postgres: statements(sqlite: false))
}
