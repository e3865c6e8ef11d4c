import RapportKit

public enum ExportFormat: String, Sendable, CaseIterable {
    case csv, jsonl
}

extension RecordStore {
    /// Streams every live record in creation order, a batch at a time, so memory stays flat
    /// at any size. CSV uses the same cell forms import reads.
    /// Only the records and fields the actor may see leave the building. With `view`, only
    /// the records a list shows (its filters and search: the "export this view" of a list
    /// page); with `ids`, only those (a list's selection).
    public func export(_ full: RecordType, format: ExportFormat, actor: Actor, view listView: ListQuery? = nil, ids: [String]? = nil, write: (String) async throws -> Void) async throws -> Int {
        try require(.export, full, actor)
        let codec = self.codec(full)
        let type = view(full, for: actor)
        var clauses: [SQL] = try conditions(full, listView?.filters ?? [], dialect: db.dialect)
        if let visible = visibility(full, actor) { clauses.append(visible) }
        if let hidden = (listView?.filters ?? []).map(\.field).first(where: { full.field($0) != nil && type.field($0) == nil }) {
            throw RecordError.badRequest("\(full.name) have no field named '\(hidden)'.", [FieldError(field: hidden, code: "unknown_field", message: "No such field.")])
        }
        let search = listView?.search
        // A search a hidden field could match is checked against the visible fields, as
        // the list does, so an export never holds a record the list would not show.
        let checkHits = search != nil && type.searchFields.count < full.searchFields.count
        if let search { clauses.append(searchCondition(full, search, dialect: db.dialect)) }
        if let ids {
            let valid = ids.filter(RecordID.isValid)
            clauses.append(valid.isEmpty ? "1 = 0" : "id IN (\(SQL.join(valid.map { "\($0)" }, ", ")))")
        }
        let where_ = SQL.join(clauses, " AND ")
        // Internal fields (a person's sort key) are the engine's, not the user's data: no
        // export format carries them, and an import recomputes them.
        let fields = type.fields.filter { !$0.isInternal }
        let internalNames = type.fields.filter(\.isInternal).map(\.name)
        let headers = ["id"] + fields.map(\.name) + (type.hasOwner ? ["owner_id"] : []) + ["created_at", "updated_at"]
        if format == .csv { try await write(CSVWriter.line(headers)) }
        var after: Int64 = 0
        var count = 0
        while true {
            let rows = try await db.read { s in
                try await s.query("SELECT \(raw: codec.selectList) FROM \(raw: type.name) WHERE \(where_) AND seq > \(after) ORDER BY seq LIMIT 2000")
            }
            if rows.isEmpty { break }
            var decoded = rows.map { codec.decode($0) }
            after = decoded.last?.seq ?? after
            if checkHits, let search { decoded = try await visibleMatches(decoded, search: search, shown: type) }
            var chunk = ""
            for r in decoded {
                count += 1
                switch format {
                case .jsonl:
                    var object = r.json(type)
                    for name in internalNames { object[name] = nil }
                    chunk += JSONValue.object(object).serialized() + "\n"
                case .csv:
                    var cells = [r.id]
                    for field in fields { cells.append(CSVWriter.safeCell(RecordInput.toCSV(r.fields[field.name], field: field))) }
                    if type.hasOwner { cells.append(r.ownerID ?? "") }
                    cells += [r.createdAt, r.updatedAt]
                    chunk += CSVWriter.line(cells)
                }
            }
            try await write(chunk)
        }
        return count
    }
}

extension CSVWriter {
    /// Cells that a spreadsheet would run as a formula get a leading apostrophe.
    static func safeCell(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return value }
        if first == "-" || first == "+", value.dropFirst().allSatisfy({ $0.isNumber || $0 == "." || $0 == " " || $0 == "-" || $0 == "(" || $0 == ")" }) { return value }
        return "'" + value
    }
}
