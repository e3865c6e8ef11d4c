import RapportKit

extension RecordStore {
    /// How many live records the actor may see match `query`'s filters (its search, sort
    /// and paging are ignored): the counts beside Home's lists, from the same filters as
    /// their "see all" links.
    public func countMatching(_ type: RecordType, query: ListQuery, actor: Actor) async throws -> Int {
        try require(.read, type, actor)
        let shown = view(type, for: actor)
        if let hidden = query.filters.map(\.field).first(where: { type.field($0) != nil && shown.field($0) == nil }) {
            throw RecordError.badRequest("\(type.name) have no field named '\(hidden)'.", [FieldError(field: hidden, code: "unknown_field", message: "No such field.")])
        }
        var where_ = try conditions(type, query.filters, dialect: db.dialect)
        if let visible = visibility(type, actor) { where_.append(visible) }
        let statement: SQL = "SELECT COUNT(*) AS n FROM \(raw: type.name) WHERE \(SQL.join(where_, " AND "))"
        return Int(try await db.read { s in try await s.query(statement) }.first?.int("n") ?? 0)
    }
}
