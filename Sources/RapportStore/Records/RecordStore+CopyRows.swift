import RapportKit

extension RecordStore {
    /// Writes new rows of `type` on PostgreSQL through `COPY` into a staging table, then one
    /// `INSERT … SELECT` that builds each row's `search` vector with the very expression a
    /// single create uses, so imported records are found exactly as created ones are.
    ///
    /// `rows` hold the values of `columns` followed by the record's search terms joined by
    /// spaces. The staging table lives in the importing connection's temporary schema
    /// and is dropped at commit, so instances importing at once never share it.
    /// - Important: Call inside a transaction; the staging table is gone after it.
    func copyRows(_ s: Session, type: RecordType, columns: [String], rows: [[SQLValue]]) async throws {
        let staging = "copy_\(type.name)"
        let list = columns.joined(separator: ", ")
        try await s.execute("""
            CREATE TEMPORARY TABLE IF NOT EXISTS \(raw: staging) ON COMMIT DROP AS
            SELECT \(raw: list), CAST(NULL AS TEXT) AS terms FROM \(raw: type.name) WITH NO DATA
            """)
        try await s.copy(into: staging, columns: columns + ["terms"], rows: rows)
        try await s.execute("""
            INSERT INTO \(raw: type.name) (\(raw: list), search)
            SELECT \(raw: list), array_to_tsvector(string_to_array(terms, ' ')) FROM \(raw: staging)
            """)
        try await s.execute("TRUNCATE \(raw: staging)")
    }
}
