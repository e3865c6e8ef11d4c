/// Business calendars, their holidays and the ordered SLA policies that use them. Weekly
/// hours, targets and conditions are short text in the forms `ServiceLevelText` reads, so
/// a policy is one row and the clock reads it without joins.
enum Migration0024ServiceLevels {
    private static func statements(sqlite: Bool) -> [String] {
        let text = sqlite ? "TEXT" : "TEXT COLLATE \"C\""
        return [
            """
            CREATE TABLE business_calendars (id \(text) PRIMARY KEY, name \(text) NOT NULL, time_zone \(text) NOT NULL,
            always_open INTEGER NOT NULL, weekly_hours \(text) NOT NULL, version INTEGER NOT NULL,
            created_at \(text) NOT NULL, updated_at \(text) NOT NULL)
            """,
            "CREATE UNIQUE INDEX business_calendars_name ON business_calendars (name)",
            """
            CREATE TABLE business_calendar_holidays (id \(text) PRIMARY KEY,
            calendar_id \(text) NOT NULL REFERENCES business_calendars (id) ON DELETE CASCADE,
            name \(text) NOT NULL, rule \(text) NOT NULL, created_at \(text) NOT NULL)
            """,
            "CREATE UNIQUE INDEX business_calendar_holidays_rule ON business_calendar_holidays (calendar_id, rule, name)",
            """
            CREATE TABLE sla_policies (id \(text) PRIMARY KEY, name \(text) NOT NULL, position INTEGER NOT NULL,
            calendar_id \(text) NOT NULL REFERENCES business_calendars (id), conditions \(text) NOT NULL,
            targets \(text) NOT NULL, pausing \(text) NOT NULL, version INTEGER NOT NULL,
            created_at \(text) NOT NULL, updated_at \(text) NOT NULL)
            """,
            "CREATE UNIQUE INDEX sla_policies_name ON sla_policies (name)",
            "CREATE INDEX sla_policies_position ON sla_policies (position, id)",
        ]
    }

    static let migration = Migration(version: 24, name: "service levels", sqlite: statements(sqlite: true), postgres: statements(sqlite: false))
}
