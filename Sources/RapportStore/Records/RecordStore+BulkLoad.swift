import Logging
import RapportKit

extension RecordStore {
    /// Settings for one bulk-loading transaction on PostgreSQL, undone at its end.
    ///
    /// Each new row adds its search terms to the GIN index's pending list, which PostgreSQL
    /// merges into the index whenever the list passes `gin_pending_list_limit` (4 MB by
    /// default), sorting it in `work_mem` (4 MB). At 40 terms a person that is a merge every
    /// few thousand rows, and the merges cost more than the rows themselves; a larger list
    /// and sort memory make them fewer and larger. ``finishBulkLoad(_:types:)`` merges
    /// what is left before commit, so searches never walk a long pending list and no later
    /// single write pays for the import's merge.
    func beginBulkLoad(_ s: Session) async throws {
        guard s.dialect == .postgres else { return }
        try await s.execute("SET LOCAL gin_pending_list_limit = '64MB'")
        try await s.execute("SET LOCAL work_mem = '64MB'")
    }

    /// Merges the pending search terms of `types` into their indexes. Needs the owner of
    /// the indexes (the user that migrated); for another user the merge is left to
    /// autovacuum rather than failing the import.
    func finishBulkLoad(_ s: Session, types: [RecordType]) async throws {
        guard s.dialect == .postgres else { return }
        for type in types where !type.searchFields.isEmpty {
            let index = type.name + "_search"
            do {
                try await Self.savepoint(s) {
                    try await s.execute("SELECT gin_clean_pending_list(CAST(\(index) AS REGCLASS)) AS merged")
                }
            } catch {
                db.logger.notice("Search index merge left to autovacuum", metadata: ["table": "\(type.name)", "error": "\(String(reflecting: error))"])
            }
        }
    }
}

extension RecordStore {
    /// The types `type` refers to by a single reference, where an import may create records
    /// it names (a person's company).
    func referencedTypes(_ type: RecordType) -> [RecordType] {
        var out: [RecordType] = []
        for field in type.fields {
            if case .reference(let target) = field.kind, let t = catalog[target], !out.contains(where: { $0.name == t.name }) { out.append(t) }
        }
        return out
    }
}
