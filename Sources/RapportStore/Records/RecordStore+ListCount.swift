import RapportKit

/// How many records a list holds, for the count beside its heading.
public enum ListCount: Sendable, Equatable {
    case exactly(Int)
    /// More than the counting bound: counting further would cost more than the page.
    case atLeast(Int)
}

extension RecordStore {
    /// Counts the records the list query matches for the actor, up to `bound` (a million
    /// rows are not counted to show one page). Nil when the count would tell something the
    /// actor may not know: a search that a hidden field could match is counted by nobody.
    public func count(_ type: RecordType, query: ListQuery, actor: Actor, bound: Int = 10_000) async throws -> ListCount? {
        try require(.read, type, actor)
        let shown = view(type, for: actor)
        if query.search != nil, shown.searchFields.count < type.searchFields.count { return nil }
        if (query.filters.map(\.field)).contains(where: { type.field($0) != nil && shown.field($0) == nil }) { return nil }
        var where_ = try conditions(type, query.filters, dialect: db.dialect)
        if let visible = visibility(type, actor) { where_.append(visible) }
        if let search = query.search { where_.append(searchCondition(type, search, dialect: db.dialect)) }
        let limit = bound + 1
        let statement: SQL = "SELECT COUNT(*) AS n FROM (SELECT 1 FROM \(raw: type.name) WHERE \(SQL.join(where_, " AND ")) LIMIT \(limit)) AS matched"
        let n = Int(try await db.read { s in try await s.query(statement).first?.int("n") } ?? 0)
        return n > bound ? .atLeast(bound) : .exactly(n)
    }
}
