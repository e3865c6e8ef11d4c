import Foundation
import RapportKit

/// One page of a list.
public struct RecordPage: Sendable {
    public var records: [StoredRecord]
    public var nextCursor: String?
}

extension RecordStore {
    /// Lists live records: filtered, sorted with keyset paging, or ranked by relevance when
    /// `q` is given without an explicit sort.
    public func list(_ type: RecordType, query: ListQuery, actor: Actor) async throws -> RecordPage {
        try require(.read, type, actor)
        let shown = view(type, for: actor)
        if let hidden = (query.filters.map(\.field) + [query.sort].compactMap { $0 }).first(where: { type.field($0) != nil && shown.field($0) == nil }) {
            throw RecordError.badRequest("\(type.name) have no field named '\(hidden)'.", [FieldError(field: hidden, code: "unknown_field", message: "No such field.")])
        }
        var where_ = try conditions(type, query.filters, dialect: db.dialect)
        if let visible = visibility(type, actor) { where_.append(visible) }
        var page: RecordPage
        // The indexes hold every field's words; a role that may not see a field must not
        // find records by it either, so hits are checked against the visible fields before
        // they are paged: a page, its length and its cursor say nothing about the others.
        if let search = query.search, shown.searchFields.count < type.searchFields.count {
            let keep: @Sendable ([StoredRecord]) async throws -> [StoredRecord] = { try await self.visibleMatches($0, search: search, shown: shown) }
            if query.sort == nil {
                page = try await visibleRankedSearch(type, search: search, where_: where_, query: query, keep: keep)
            } else {
                page = try await sortedPage(type, where_: where_, query: query, keep: keep)
            }
        } else if let search = query.search, query.sort == nil {
            page = try await rankedSearch(type, search: search, where_: where_, query: query)
        } else {
            page = try await sortedPage(type, where_: where_, query: query)
        }
        page.records = page.records.map { redact($0, type, actor) }
        return page
    }

    /// Keeps the hits that match on fields the role may see. Names usually decide, so the
    /// referenced company's words are looked up only for records that need them.
    func visibleMatches(_ records: [StoredRecord], search: SearchQuery, shown: RecordType) async throws -> [StoredRecord] {
        var kept: [StoredRecord] = []
        var undecided: [StoredRecord] = []
        for record in records {
            if search.matches(terms: shown.searchTerms(record.fields)) { kept.append(record) } else { undecided.append(record) }
        }
        guard !undecided.isEmpty, shown.searchFields.contains(where: \.kind.isReferenceKind) else { return kept }
        let alsoKept = try await db.read { s in
            var titles: [String: [String]] = [:]
            var out = Set<String>()
            for record in undecided {
                let referenced = try await self.referencedText(s, type: shown, record: record.fields, titles: &titles)
                if search.matches(terms: shown.searchTerms(record.fields, referenced: referenced)) { out.insert(record.id) }
            }
            return out
        }
        let keptIDs = Set(kept.map(\.id)).union(alsoKept)
        return records.filter { keptIDs.contains($0.id) }
    }

    /// One page in sort order after the cursor. With `keep`, rows it drops are skipped
    /// (more pages are read to fill this one), and the next cursor is taken from the last
    /// row kept, so it never carries the sort value of a row the reader may not find.
    func sortedPage(_ type: RecordType, where_: [SQL], query: ListQuery, keep: (@Sendable ([StoredRecord]) async throws -> [StoredRecord])? = nil) async throws -> RecordPage {
        var base = where_
        if let search = query.search { base.append(searchCondition(type, search, dialect: db.dialect)) }
        let sortName = query.sort ?? "updated_at"
        let (sortExpr, sortIsInteger) = try sortExpression(type, sortName, dialect: db.dialect)
        let numeric = type.field(sortName).map { $0.kind == .number } ?? false
        if let cursor = query.cursor { try Self.checkCursor(cursor, integerSort: sortIsInteger) }
        let order = query.descending ? "\(sortExpr) DESC NULLS LAST, id DESC" : "\(sortExpr) ASC NULLS FIRST, id ASC"
        let codec = self.codec(type)
        let sortValue = sortIsInteger ? sortExpr : "CAST(\(sortExpr) AS TEXT)"
        var cursor = query.cursor
        var out: [(record: StoredRecord, value: JSONValue)] = []
        var more = false
        var reads = 0
        repeat {
            var clauses = base
            if let cursor { clauses.append(keysetCondition(sortExpr, cursor: cursor, descending: query.descending, numeric: numeric ? db.dialect : nil)) }
            let statement: SQL = "SELECT \(raw: codec.selectList), \(raw: sortValue) AS sort_value FROM \(raw: type.name) WHERE \(SQL.join(clauses, " AND ")) ORDER BY \(raw: order) LIMIT \(query.limit + 1)"
            let rows = try await db.read { s in try await s.query(statement) }
            let page = rows.prefix(query.limit).map { row -> (record: StoredRecord, value: JSONValue) in
                let value: JSONValue = sortIsInteger ? (row.int("sort_value").map { .number(String($0)) } ?? .null) : (row.text("sort_value").map(JSONValue.string) ?? .null)
                return (codec.decode(row), value)
            }
            var kept: Set<String>?
            if let keep { kept = Set(try await keep(page.map(\.record)).map(\.id)) }
            out += page.filter { kept?.contains($0.record.id) ?? true }
            more = rows.count > query.limit
            if let last = page.last { cursor = Cursor(sort: query.sortKey, value: last.value, id: last.record.id) }
            reads += 1
        } while keep != nil && more && out.count < query.limit && reads < 50
        let shown = out.prefix(query.limit)
        let next = (more || out.count > query.limit) ? shown.last.map { Cursor(sort: query.sortKey, value: $0.value, id: $0.record.id).encoded } : nil
        return RecordPage(records: shown.map(\.record), nextCursor: next)
    }

    /// ``rankedSearch(_:search:where_:query:)`` over the hits `keep` lets through: the
    /// candidates are filtered first and paged after, so offsets and the next cursor count
    /// only what the reader may find.
    func visibleRankedSearch(_ type: RecordType, search: SearchQuery, where_: [SQL], query: ListQuery, keep: @Sendable ([StoredRecord]) async throws -> [StoredRecord]) async throws -> RecordPage {
        var all = query
        all.cursor = nil
        all.limit = Self.searchCandidateLimit
        let offset = try searchOffset(query)
        let kept = try await keep(try await rankedSearch(type, search: search, where_: where_, query: all).records)
        let page = Array(kept.dropFirst(offset).prefix(query.limit))
        let nextOffset = offset + query.limit
        let next = kept.count > nextOffset ? Cursor(sort: query.sortKey, value: .number(String(nextOffset)), id: "").encoded : nil
        return RecordPage(records: page, nextCursor: next)
    }

    /// The offset a relevance-ordered page starts at, from its cursor.
    func searchOffset(_ query: ListQuery) throws -> Int {
        guard let cursor = query.cursor else { return 0 }
        guard let n = cursor.value.numberLiteral.flatMap(Int.init), n >= 0 else {
            throw RecordError.badRequest("The cursor is not valid.", [FieldError(field: "cursor", code: "invalid_cursor", message: "Start again without a cursor.")])
        }
        return n
    }

    /// Relevance order: exact-term hits first, then prefix hits, each ranked in Swift by
    /// how well the names match, over the first ``searchCandidateLimit`` hits of each
    /// phase; the hits beyond them follow newest first. Paged by offset over that order.
    func rankedSearch(_ type: RecordType, search: SearchQuery, where_: [SQL], query: ListQuery) async throws -> RecordPage {
        let offset = try searchOffset(query)
        // Names decide the rank; emails break ties for address-like queries only. Other
        // searched fields find candidates but are not read back.
        let addressLike = search.raw.contains("@") || search.raw.contains(".")
        let rankFields = type.searchFields.filter { !$0.isCustom && ($0.search == .name || ($0.search == .email && addressLike)) }
        let rankColumns = rankFields.flatMap(\.columns)
        let codec = self.codec(type)
        var phases: [SearchQuery] = []
        if search.terms.contains(where: \.isPrefix) {
            var exact = search
            exact.terms = search.terms.map { SearchQuery.Term($0.text, isPrefix: false) }
            phases.append(exact)
        }
        phases.append(search)
        let limit = Self.searchCandidateLimit
        // A GIN scan on PostgreSQL visits every posting of a term before any limit applies;
        // when nothing else narrows the hits, sampling a few thousand of them is enough to
        // fill the candidate list and keeps common terms as fast as rare ones.
        let sample = db.dialect == .postgres && where_.count == 1
        let run: ((Session) async throws -> RecordPage) async throws -> RecordPage = { body in
            if sample {
                return try await self.db.transaction { s in
                    try await s.execute("SET LOCAL gin_fuzzy_search_limit = 4000")
                    return try await body(s)
                }
            }
            return try await self.db.read(body)
        }
        return try await run { s -> RecordPage in
            var seen = Set<String>()
            var out: [(String, Int)] = []
            // True when a phase stopped at the limit: more hits exist than were ranked.
            var cut = false
            for phase in phases {
                if out.count >= limit { break }
                let rows: [Row]
                if s.dialect == .sqlite {
                    // Joining the index streams hits in index order and stops at the limit,
                    // where `seq IN (…)` would first collect every hit of a common term. The
                    // filters name no column the index table has, so they need no qualifier.
                    // Newest first: among equally good matches, the contact added last week
                    // matters more than the one from years ago.
                    let columns = (["id"] + rankColumns).map { "t." + $0 }.joined(separator: ", ")
                    let match = Self.ftsMatch(phase)
                    rows = try await s.query("""
                        SELECT \(raw: columns) FROM \(raw: type.name)_search f JOIN \(raw: type.name) t ON t.seq = f.rowid
                        WHERE \(raw: type.name)_search MATCH \(match) AND \(SQL.join(where_, " AND ")) ORDER BY f.rowid DESC LIMIT \(limit)
                        """)
                } else {
                    let clauses = [searchCondition(type, phase, dialect: s.dialect)] + where_
                    rows = try await s.query("SELECT \(raw: (["id"] + rankColumns).joined(separator: ", ")) FROM \(raw: type.name) WHERE \(SQL.join(clauses, " AND ")) LIMIT \(limit)")
                }
                if rows.count >= limit { cut = true }
                for row in rows {
                    guard let id = row.text("id"), seen.insert(id).inserted else { continue }
                    var fields = JSONObject()
                    for f in rankFields { fields[f.name] = codec.decodeField(row, field: f) }
                    let values = type.rankingValues(fields)
                    out.append((id, search.rank(names: values.names, others: values.others)))
                }
            }
            let ordered = out.enumerated().sorted { a, b in
                a.element.1 != b.element.1 ? a.element.1 > b.element.1 : a.offset < b.offset
            }.map(\.element.0)
            var pageIDs = Array(ordered.dropFirst(offset).prefix(query.limit))
            var more = ordered.count > offset + query.limit
            // Past the ranked candidates the remaining hits follow, newest first, so every
            // hit is reachable by paging (the cursor stays an offset into this one order).
            if cut, pageIDs.count < query.limit {
                if sample { try await s.execute("SET LOCAL gin_fuzzy_search_limit = 0") }
                let want = query.limit - pageIDs.count
                let clauses = [searchCondition(type, search, dialect: s.dialect)] + where_ + ["id NOT IN (\(SQL.join(ordered.map { "\($0)" }, ", ")))"]
                let rest = try await s.query("""
                    SELECT id FROM \(raw: type.name) WHERE \(SQL.join(clauses, " AND ")) ORDER BY seq DESC LIMIT \(want + 1) OFFSET \(max(0, offset - ordered.count))
                    """).compactMap { $0.text("id") }
                pageIDs += rest.prefix(want)
                more = rest.count > want
            }
            guard !pageIDs.isEmpty else { return RecordPage(records: [], nextCursor: nil) }
            // The page is read on the same connection: one pool round trip per search.
            let rows = try await s.query("SELECT \(raw: codec.selectList) FROM \(raw: type.name) WHERE id IN (\(SQL.join(pageIDs.map { "\($0)" }, ", ")))")
            let byID = Dictionary(rows.map(codec.decode).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let records = pageIDs.compactMap { byID[$0] }
            let nextOffset = offset + query.limit
            let next = more ? Cursor(sort: query.sortKey, value: .number(String(nextOffset)), id: "").encoded : nil
            return RecordPage(records: records, nextCursor: next)
        }
    }

    static var searchCandidateLimit: Int { 200 }

    /// The full-text condition: FTS5 on SQLite, a GIN-indexed tsvector on PostgreSQL, both
    /// over the same terms from ``SearchText``.
    func searchCondition(_ type: RecordType, _ search: SearchQuery, dialect: Database.Dialect) -> SQL {
        switch dialect {
        case .sqlite:
            return "seq IN (SELECT rowid FROM \(raw: type.name)_search WHERE \(raw: type.name)_search MATCH \(Self.ftsMatch(search)))"
        case .postgres:
            let expr = search.terms.map { "'\($0.text)'" + ($0.isPrefix ? ":*" : "") }.joined(separator: " & ")
            return "search @@ CAST(\(expr) AS tsquery)"
        }
    }

    /// The FTS5 query for a search: quoted terms (implicitly ANDed), `*` for prefixes.
    static func ftsMatch(_ search: SearchQuery) -> String {
        search.terms.map { "\"\($0.text)\"" + ($0.isPrefix ? "*" : "") }.joined(separator: " ")
    }

    /// Column or JSON expression a field is sorted and compared by, and whether it is an integer.
    func sortExpression(_ type: RecordType, _ name: String, dialect: Database.Dialect) throws -> (String, Bool) {
        if ListQuery.systemFilterFields[name] != nil { return (name, false) }
        guard let field = type.field(name) else { throw RecordError.badRequest("Unknown sort field.", [FieldError(field: "sort", code: "unknown_field", message: "Cannot sort by \(name).")]) }
        if field.isCustom { return (customExpression(field, dialect: dialect, path: nil), false) }
        switch field.kind {
        case .number: return (Self.numericColumn(name, dialect: dialect), false)
        case .money: return (name + "_amount", true)
        case .boolean: return (name, true)
        default: return (name, false)
        }
    }

    /// A built-in number column read as a number: numbers are stored as their exact
    /// decimal text, which sorts "10" before "9" unless cast.
    static func numericColumn(_ name: String, dialect: Database.Dialect) -> String {
        "CAST(\(name) AS \(dialect == .sqlite ? "REAL" : "numeric"))"
    }

    /// Reads a custom field out of the `custom` JSON column, typed for comparison.
    func customExpression(_ field: FieldSpec, dialect: Database.Dialect, path: String?) -> String {
        let key = field.name + (path.map { "." + $0 } ?? "")
        switch dialect {
        case .sqlite:
            let raw = "json_extract(custom, '$.\(key)')"
            if field.kind == .number || (field.kind == .money && path == "amount") { return "CAST(\(raw) AS REAL)" }
            return raw
        case .postgres:
            let raw = path.map { "(CAST(custom AS jsonb) -> '\(field.name)' ->> '\($0)')" } ?? "(CAST(custom AS jsonb) ->> '\(field.name)')"
            if field.kind == .number || (field.kind == .money && path == "amount") { return "CAST(\(raw) AS numeric)" }
            return raw
        }
    }

    /// A cursor's value must have the sort expression's type: a forged one holding text
    /// for a number (or a fraction, or a NUL) is refused here as a 400 instead of reaching
    /// the database as a comparison it cannot make.
    static func checkCursor(_ cursor: Cursor, integerSort: Bool) throws {
        let valid: Bool
        switch cursor.value {
        case .null: valid = true
        case .number(let n): valid = integerSort && Int64(n) != nil
        case .string(let text): valid = !integerSort && !text.contains("\u{0}")
        default: valid = false
        }
        guard valid, !cursor.id.contains("\u{0}"), cursor.id.count <= 100 else {
            throw RecordError.badRequest("The cursor is not valid.", [FieldError(field: "cursor", code: "invalid_cursor", message: "The cursor is not one this server issued; start again without it.")])
        }
    }

    /// Rows after the cursor in sort order. `numeric` names the dialect when the sort
    /// expression is a number read from JSON, so the cursor's text is cast to match.
    func keysetCondition(_ expr: String, cursor: Cursor, descending: Bool, numeric: Database.Dialect? = nil) -> SQL {
        let id = cursor.id
        var value: SQLValue
        switch cursor.value {
        case .null: value = .null
        case .number(let n): value = Int64(n).map(SQLValue.integer) ?? .text(n)
        case .string(let s): value = .text(s)
        default: value = .null
        }
        if let numeric, let text = value.text ?? value.integer.map(String.init) {
            guard DecimalText.canonical(text) != nil || Double(text) != nil else {
                return "1 = 0"
            }
            let cast: SQL = "CAST(\(text) AS \(raw: numeric == .sqlite ? "REAL" : "numeric"))"
            return descending
                ? "(\(raw: expr) < \(cast) OR (\(raw: expr) = \(cast) AND id < \(id)) OR \(raw: expr) IS NULL)"
                : "(\(raw: expr) > \(cast) OR (\(raw: expr) = \(cast) AND id > \(id)))"
        }
        if value == .null {
            return descending
                ? "(\(raw: expr) IS NULL AND id < \(id))"
                : "((\(raw: expr) IS NULL AND id > \(id)) OR \(raw: expr) IS NOT NULL)"
        }
        return descending
            ? "(\(raw: expr) < \(value) OR (\(raw: expr) = \(value) AND id < \(id)) OR \(raw: expr) IS NULL)"
            : "(\(raw: expr) > \(value) OR (\(raw: expr) = \(value) AND id > \(id)))"
    }

    /// SQL conditions for `filter[...]`, always including `deleted_at IS NULL`.
    func conditions(_ type: RecordType, _ filters: [ListQuery.Filter], dialect: Database.Dialect) throws -> [SQL] {
        var out: [SQL] = ["deleted_at IS NULL"]
        let codec = self.codec(type)
        for filter in filters {
            let field = type.field(filter.field) ?? FieldSpec(filter.field, ListQuery.systemFilterFields[filter.field] ?? .text(maxLength: 100))
            if field.kind.isList {
                out.append(try membershipCondition(type, field, filter))
                continue
            }
            if case .money = field.kind {
                var parts: [SQL] = []
                let amountColumn = field.isCustom ? customExpression(field, dialect: dialect, path: "amount") : field.name + "_amount"
                if filter.values.contains(.null) {
                    // Empty: no amount (`eq`, `in`), or any amount (`ne`).
                    parts.append(filter.op == .ne ? "\(raw: amountColumn) IS NOT NULL" : "\(raw: amountColumn) IS NULL")
                }
                for v in filter.values {
                    guard let o = v.objectValue, let c = o["currency"]?.stringValue, let a = o["amount"]?.stringValue,
                          let currency = Currency.named(c), let m = try? Money(decimal: a, currency: currency) else { continue }
                    let amountExpr = field.isCustom ? customExpression(field, dialect: dialect, path: "amount") : field.name + "_amount"
                    let currencyExpr = field.isCustom ? customExpression(field, dialect: dialect, path: "currency") : field.name + "_currency"
                    let amount: SQLValue = field.isCustom ? .text(a) : .integer(m.minorUnits)
                    let cmp = field.isCustom ? "CAST(\(amount.text ?? "0") AS \(dialect == .sqlite ? "REAL" : "numeric"))" : nil
                    let op = filter.op == .gte ? ">=" : filter.op == .lte ? "<=" : filter.op == .ne ? "<>" : "="
                    var operand: SQL = "\(amount)"
                    if let cmp { operand = "\(raw: cmp)" }
                    if filter.op == .ne {
                        // Like every other kind, "not this amount" includes records without one.
                        parts.append("(\(raw: amountExpr) IS NULL OR \(raw: currencyExpr) <> \(c) OR \(raw: amountExpr) <> \(operand))")
                    } else {
                        parts.append("(\(raw: currencyExpr) = \(c) AND \(raw: amountExpr) \(raw: op) \(operand))")
                    }
                }
                out.append("(\(SQL.join(parts, " OR ")))")
                continue
            }
            let expr = field.isCustom ? customExpression(field, dialect: dialect, path: nil)
                : field.kind == .number ? Self.numericColumn(field.name, dialect: dialect) : field.name
            var values = filter.values.map { v -> SQLValue in
                if field.isCustom, field.kind == .boolean, dialect == .postgres, let b = v.boolValue { return .text(b ? "true" : "false") }
                if field.kind == .number, let n = v.numberLiteral { return .text(n) }
                return codec.scalar(v, kind: field.kind)
            }
            let numeric = field.kind == .number
            func operand(_ v: SQLValue) -> SQL {
                numeric ? "CAST(\(v) AS \(raw: dialect == .sqlite ? "REAL" : "numeric"))" : "\(v)"
            }
            // A date given for a timestamp field means the whole day.
            if field.kind == .dateTime, let d = values.first?.text, d.count == 10, let (y, m, day) = CivilDate.parseISO(d) {
                let next = CivilDate.fromDays(CivilDate.toDays(year: y, month: m, day: day) + 1)
                let nextDay = String(format: "%04d-%02d-%02d", Int(next.0), next.1, next.2)
                switch filter.op {
                case .gte: out.append("\(raw: expr) >= \(d)")
                case .lte: out.append("\(raw: expr) < \(nextDay)")
                case .eq: out.append("(\(raw: expr) >= \(d) AND \(raw: expr) < \(nextDay))")
                case .ne: out.append("NOT (\(raw: expr) >= \(d) AND \(raw: expr) < \(nextDay))")
                case .in: values = values.map { $0 }
                }
                if filter.op != .in { continue }
            }
            switch filter.op {
            case .eq:
                out.append(values[0] == .null ? "\(raw: expr) IS NULL" : "\(raw: expr) = \(operand(values[0]))")
            case .ne:
                out.append(values[0] == .null ? "\(raw: expr) IS NOT NULL" : "(\(raw: expr) IS NULL OR \(raw: expr) <> \(operand(values[0])))")
            case .gte:
                out.append("\(raw: expr) >= \(operand(values[0]))")
            case .lte:
                out.append("\(raw: expr) <= \(operand(values[0]))")
            case .in:
                let nonNull = values.filter { $0 != .null }
                var parts: [SQL] = []
                if !nonNull.isEmpty { parts.append("\(raw: expr) IN (\(SQL.join(nonNull.map(operand), ", ")))") }
                if nonNull.count != values.count { parts.append("\(raw: expr) IS NULL") }
                out.append("(\(SQL.join(parts, " OR ")))")
            }
        }
        return out
    }

    func membershipCondition(_ type: RecordType, _ field: FieldSpec, _ filter: ListQuery.Filter) throws -> SQL {
        let values = filter.values.compactMap(\.stringValue)
        // An empty list is stored as NULL or `[]`; `filter[x]=` finds it, `[ne]=` the rest,
        // and `[in]=a,` either.
        let empty: SQL = "(\(raw: field.name) IS NULL OR \(raw: field.name) = '[]')"
        if filter.values.contains(.null) {
            if filter.op == .ne { return "NOT \(empty)" }
            if values.isEmpty { return empty }
            let listed = try memberOf(type, field, op: filter.op, values: values)
            return "(\(empty) OR \(listed))"
        }
        return try memberOf(type, field, op: filter.op, values: values)
    }

    /// Records whose list holds one of `values` (or, for `ne`, none of them).
    func memberOf(_ type: RecordType, _ field: FieldSpec, op: ListQuery.Op, values: [String]) throws -> SQL {
        switch field.kind {
        case .emails:
            let keys = values.map { "email:" + $0 }
            let sub: SQL = "id IN (SELECT record_id FROM record_keys WHERE record_type = \(type.name) AND key IN (\(SQL.join(keys.map { "\($0)" }, ", "))))"
            return op == .ne ? "NOT \(sub)" : sub
        case .phones:
            throw RecordError.badRequest("Phones cannot be filtered.", [FieldError(field: "filter[\(field.name)]", code: "invalid_filter", message: "Find phone numbers with q=.")])
        default:
            let sub: SQL = "id IN (SELECT record_id FROM record_members WHERE record_type = \(type.name) AND field = \(field.name) AND value IN (\(SQL.join(values.map { "\($0)" }, ", "))))"
            return op == .ne ? "NOT \(sub)" : sub
        }
    }
}
