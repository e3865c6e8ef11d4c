/// The reports' owner and team filters read one rep's deals of a pipeline from an index of
/// their own: `deals_forecast` has no owner, so a filter by owner (and a rep's own
/// visibility) looked every open deal of the pipeline up in the table to read it. With the
/// owner after pipeline and status, the filtered forecast reads only that rep's entries,
/// close dates in order, and needs nothing from the table.
enum Migration0022ReportOwners {
    private static func statements(sqlite: Bool) -> [String] {
        let nf = sqlite ? "" : " NULLS FIRST"
        return [
            """
            CREATE INDEX deals_owner_forecast ON deals (pipeline_id, status, owner_id\(nf), close_date\(nf), stage_id, amount_currency, amount_amount)
            WHERE deleted_at IS NULL
            """,
        ]
    }

    static let migration = Migration(version: 22, name: "report owners", sqlite: statements(sqlite: true), postgres: statements(sqlite: false))
}
