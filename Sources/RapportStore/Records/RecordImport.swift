import Foundation
import RapportKit

/// How a CSV import maps and treats its rows.
public struct ImportOptions: Sendable {
    public enum OnDuplicate: String, Sendable, CaseIterable {
        /// Keep the existing record, count the row as skipped.
        case skip
        /// Write the row's non-empty cells onto the existing record.
        case update
    }

    /// Header → field name; a field of `-` ignores the column.
    public var mapping: [String: String] = [:]
    public var onDuplicate: OnDuplicate = .skip
    /// Check everything, write nothing.
    public var dryRun = false
    /// Any invalid row aborts the whole import; otherwise valid rows are imported.
    public var strict = false
    public var batchSize = 1000

    public init() {}
}

/// A problem with one cell, as a spreadsheet user finds it: row (the line in the file),
/// column (the header) and reason.
public struct ImportRowError: Sendable, Equatable {
    public var row: Int
    public var column: String
    public var reason: String
    /// The engine's error code when one is known (`invalid_email`, `duplicate`), so a
    /// page can give the reason in its reader's language.
    public var code: String? = nil
}

public struct ImportSummary: Sendable {
    public var rows = 0
    public var created = 0
    public var updated = 0
    public var skipped = 0
    public var failed = 0
    public var relatedCreated = 0
    public var errors: [ImportRowError] = []
    public var dryRun = false
    public var committed = false
}

public enum ImportError: Error, CustomStringConvertible {
    case unknownColumns([String], fields: [String])
    /// Two headers of the file fill one field (`Email,E-mail`, or `Tags,tags`): which one
    /// wins would be a guess, so the import stops and names them.
    case duplicateColumns([String], field: String)
    case emptyFile
    case invalidRows(ImportSummary)

    public var description: String {
        switch self {
        case .unknownColumns(let cols, let fields):
            return "These columns match no field: \(cols.joined(separator: ", ")). Map them with --map 'Header=field' or skip them with --map 'Header=-'. Fields: \(fields.joined(separator: ", "))."
        case .duplicateColumns(let headers, let field):
            return "These columns all fill \(field): \(headers.joined(separator: ", ")). Keep one, or skip the others with --map 'Header=-'."
        case .emptyFile:
            return "The file has no header row."
        case .invalidRows(let s):
            return "\(s.failed) rows are invalid; nothing was imported (strict mode)."
        }
    }
}

/// Usual spreadsheet headers for built-in fields, so most exports import without a map.
enum HeaderAliases {
    static let common: [String: String] = [
        "email": "emails", "email_address": "emails", "e_mail": "emails", "phone": "phones", "phone_number": "phones",
        "mobile": "phones", "company": "organization_id", "organization": "organization_id", "company_name": "organization_id",
        "first_name": "given_name", "last_name": "family_name", "surname": "family_name", "name": "display_name",
        "title": "job_title", "reading": "name_reading", "furigana": "name_reading", "owner": "owner_id", "tag": "tags",
        "stage": "lifecycle_stage", "roles": "relationship_roles", "website_url": "website", "revenue": "annual_revenue",
    ]
}

extension RecordStore {
    /// Imports CSV rows in one transaction: every row is validated, deduplicated and
    /// indexed by the same rules as the API, and an unexpected failure leaves nothing
    /// written. References to organizations may name them (or their domain); unknown
    /// names create the organization for a role that may create one. A row passes the
    /// checks of the API's create by the same actor (see ``writeBatch``).
    public func importCSV<Rows: AsyncSequence & Sendable>(
        _ type: RecordType, rows: Rows, options: ImportOptions, actor: Actor,
        progress: @escaping @Sendable (Int) -> Void = { _ in }
    ) async throws -> ImportSummary where Rows.Element == CSVRow {
        try require(.import, type, actor)
        try require(.create, type, actor)
        if options.onDuplicate == .update { try require(.update, type, actor) }
        var iterator = rows.makeAsyncIterator()
        guard let header = try await iterator.next() else { throw ImportError.emptyFile }
        let columns = try mapColumns(header.fields, type: view(type, for: actor), options: options)
        var headerNames: [String: String] = [:]
        for (i, field) in columns.enumerated() { if let field { headerNames[field.name] = header.fields[i].trimmedWhitespace } }
        let headers = headerNames
        let now = Timestamp.format(Date())
        let summaryBox = SummaryBox()
        do {
            // Not retried: the rows stream in once.
            try await db.transaction(retrying: false) { s in
                try await self.beginBulkLoad(s)
                var summary = ImportSummary()
                summary.dryRun = options.dryRun
                var state = ImportState()
                state.headers = headers
                // A pipeline: while one batch is written (SQLite works on its own thread),
                // the next is parsed, validated and tokenised on the other core.
                func nextBatch() async throws -> [CSVRow] {
                    var batch: [CSVRow] = []
                    batch.reserveCapacity(options.batchSize)
                    while batch.count < options.batchSize, let row = try await iterator.next() { batch.append(row) }
                    return batch
                }
                var rows = try await nextBatch()
                var prepared = Self.prepare(rows, type: type, columns: columns, headers: headers)
                while !rows.isEmpty {
                    let following = try await nextBatch()
                    let current = prepared
                    async let upcoming = Self.prepare(following, type: type, columns: columns, headers: headers)
                    try await self.writeBatch(s, type: type, prepared: current, options: options, actor: actor, now: now, state: &state, summary: &summary)
                    progress(summary.rows)
                    prepared = await upcoming
                    rows = following
                }
                if options.strict && summary.failed > 0 { throw ImportError.invalidRows(summary) }
                if !options.dryRun { try await self.finishBulkLoad(s, types: [type] + self.referencedTypes(type)) }
                try await AuditLog.append(s, actor: actor, action: options.dryRun ? "import.dry_run" : "import", type: type.name, id: nil, changes: .object(JSONObject([
                    ("rows", .number(String(summary.rows))), ("created", .number(String(summary.created))),
                    ("updated", .number(String(summary.updated))), ("skipped", .number(String(summary.skipped))),
                    ("failed", .number(String(summary.failed))),
                ])), at: now)
                summaryBox.value = summary
                if options.dryRun { throw DryRunRollback() }
            }
            var summary = summaryBox.value
            summary.committed = true
            summary.countRows(type: type.name)
            if summary.created > 1000 { try await refreshStatistics(type) }
            return summary
        } catch is DryRunRollback {
            return summaryBox.value
        }
    }

    /// After a bulk load the planner's statistics describe the empty table; without fresh
    /// ones PostgreSQL picks sequential scans for searches and sorts.
    func refreshStatistics(_ type: RecordType) async throws {
        try await db.read { s in
            switch s.dialect {
            case .postgres:
                for table in [type.name, "record_keys", "record_members"] { try await s.execute("ANALYZE \(raw: table)") }
            case .sqlite:
                try await s.execute("PRAGMA optimize")
            }
        }
    }

    func mapColumns(_ headers: [String], type: RecordType, options: ImportOptions) throws -> [FieldSpec?] {
        var unknown: [String] = []
        var out: [FieldSpec?] = []
        for header in headers {
            let trimmed = header.trimmedWhitespace
            let target: String
            if let mapped = options.mapping[trimmed] {
                target = mapped
            } else {
                let key = SearchText.fold(trimmed).replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
                if type.field(key) != nil || key == "owner_id" {
                    target = key
                } else if let alias = HeaderAliases.common[key], type.field(alias) != nil || alias == "owner_id" {
                    target = type.name == "organizations" && alias == "display_name" ? "name" : alias
                } else if key == "name", type.field("name") != nil {
                    target = "name"
                } else if key == "id" || key == "created_at" || key == "updated_at" || key == "version" || key == "created_by" || key == "updated_by" {
                    target = "-"
                } else {
                    target = key
                }
            }
            if target == "-" { out.append(nil); continue }
            if target == "owner_id" { out.append(FieldSpec("owner_id", .user)); continue }
            // Computed columns (an export's sort_name) are recomputed, not read.
            if type.field(target)?.isDerived == true { out.append(nil); continue }
            guard let field = type.field(target) else {
                unknown.append(trimmed)
                out.append(nil)
                continue
            }
            out.append(field)
        }
        if !unknown.isEmpty { throw ImportError.unknownColumns(unknown, fields: type.fields.map(\.name)) }
        var headersOf: [String: [String]] = [:]
        for (header, field) in zip(headers, out) { if let field { headersOf[field.name, default: []].append(header.trimmedWhitespace) } }
        if let (field, dupes) = headersOf.filter({ $0.value.count > 1 }).min(by: { $0.key < $1.key }) {
            throw ImportError.duplicateColumns(dupes, field: field)
        }
        return out
    }

    struct ImportState {
        var seenKeys: [String: Int] = [:]
        var referenceCache: [String: String] = [:]
        /// Titles and domains of referenced records by id, for their referrers' search terms.
        var titles: [String: [String]] = [:]
        /// Field name → the header it came from, for error reports.
        var headers: [String: String] = [:]
    }

    /// A row after the checks that need no database: its record, unique keys and own
    /// search terms, plus references still given by name.
    struct PreparedRow: Sendable {
        var line: Int
        var record: JSONObject
        var changes: JSONObject
        var keys: [String]
        var terms: [String]
        /// Reference fields given by name or domain, resolved when the batch is written.
        var pendingReferences: [(field: String, target: String, text: String, column: String)]
    }

    struct PreparedBatch: Sendable {
        var rows = 0
        var ready: [PreparedRow] = []
        var errors: [ImportRowError] = []
        var failed = 0
    }

    /// Stands in for a reference given by name while the rest of the row is validated.
    static let pendingReferenceID = "00000000-0000-7000-8000-000000000000"

    /// Validates a batch by the API's rules without touching the database, so it can run
    /// beside the write of the previous batch.
    static func prepare(_ rows: [CSVRow], type: RecordType, columns: [FieldSpec?], headers: [String: String]) -> PreparedBatch {
        var batch = PreparedBatch()
        // An error names the header the file used for its field; a name rule's error on a
        // name field the file lacks (`display_name` when the file has `First name`) names
        // the file's first name column instead of a header the user never wrote.
        let nameHeader = columns.lazy.compactMap { $0 }.first { $0.search == .name }.flatMap { headers[$0.name] }
        func column(_ field: String) -> String {
            if let header = headers[field] { return header }
            if type.field(field)?.search == .name, let nameHeader { return nameHeader }
            return field
        }
        for row in rows {
            batch.rows += 1
            var body = JSONObject()
            var errors: [ImportRowError] = []
            var pending: [(field: String, target: String, text: String, column: String)] = []
            for (i, field) in columns.enumerated() {
                guard let field else { continue }
                let cell = i < row.fields.count ? row.fields[i] : ""
                if case .reference(let target) = field.kind {
                    let value = cell.trimmedWhitespace
                    if value.isEmpty { continue }
                    if !RecordID.isValid(value) {
                        pending.append((field.name, target, value, headers[field.name] ?? field.name))
                        body[field.name] = .string(pendingReferenceID)
                        continue
                    }
                }
                let value = RecordInput.fromCSV(cell, field: field)
                if !value.isNull { body[field.name] = value }
            }
            if row.fields.count > columns.count {
                errors.append(ImportRowError(row: row.line, column: "-", reason: "The row has \(row.fields.count) cells but the header has \(columns.count)."))
            }
            var changes = JSONObject()
            switch RecordInput.validate(body, type: type, mode: .create) {
            case .success(let c): changes = c
            case .failure(.invalid(let fe)): errors += fe.map { ImportRowError(row: row.line, column: column($0.field), reason: $0.message, code: $0.code) }
            case .failure(let other): errors.append(ImportRowError(row: row.line, column: "-", reason: "\(other)"))
            }
            var record = type.newRecord(from: changes)
            if errors.isEmpty {
                type.hooks.derive(&record)
                errors += type.hooks.validate(record).map { ImportRowError(row: row.line, column: column($0.field), reason: $0.message, code: $0.code) }
            }
            if !errors.isEmpty {
                batch.failed += 1
                batch.errors += errors
                continue
            }
            batch.ready.append(PreparedRow(
                line: row.line, record: record, changes: changes, keys: type.uniqueKeyValues(record),
                terms: type.searchTerms(record), pendingReferences: pending))
        }
        return batch
    }

    /// The database half of a batch: references by name, owners, duplicates, then the
    /// checks of the API's create (or update, for a duplicate to update) and the insert.
    ///
    /// Each row passes exactly what the same user's `POST` (or `PATCH`) would: references
    /// to live records the importer may see, owners they may assign to, the type's write
    /// rules before and after. A row one of them refuses is reported and left out; the
    /// rest of the import goes on. Types without write rules are checked and inserted a
    /// batch at a time; types with them row by row, each in a savepoint, so a rule that
    /// refuses a row after its insert takes back only that row.
    func writeBatch(
        _ s: Session, type: RecordType, prepared: PreparedBatch, options: ImportOptions,
        actor: Actor, now: String, state: inout ImportState, summary: inout ImportSummary
    ) async throws {
        summary.rows += prepared.rows
        summary.failed += prepared.failed
        summary.errors += prepared.errors
        let failures = try await resolveReferences(s, prepared.ready.flatMap(\.pendingReferences), actor: actor, now: now, state: &state, summary: &summary)
        let headers = state.headers
        func refuse(_ line: Int, _ error: RecordError) {
            summary.failed += 1
            switch error {
            case .invalid(let fe), .badRequest(_, let fe):
                summary.errors += fe.map { ImportRowError(row: line, column: headers[$0.field] ?? $0.field, reason: $0.message, code: $0.code) }
            case .duplicate(let field, _, _):
                summary.errors.append(ImportRowError(row: line, column: headers[field] ?? field, reason: "Another record already has this value.", code: "duplicate"))
            case .forbidden(let message), .conflict(let message):
                summary.errors.append(ImportRowError(row: line, column: "-", reason: message))
            case .notFound(let t, let id):
                summary.errors.append(ImportRowError(row: line, column: "-", reason: "No \(catalog[t]?.singular ?? t) has the id \(id)."))
            case .stale:
                summary.errors.append(ImportRowError(row: line, column: "-", reason: "The record changed while it was imported."))
            }
        }
        var pending: [PreparedRow] = []
        rows: for var p in prepared.ready {
            for ref in p.pendingReferences {
                let key = Self.referenceKey(ref.target, ref.text)
                guard let id = state.referenceCache[key] else {
                    summary.failed += 1
                    summary.errors.append(ImportRowError(row: p.line, column: ref.column, reason: failures[key] ?? "Cannot resolve '\(ref.text)'."))
                    continue rows
                }
                p.record[ref.field] = .string(id)
                p.changes[ref.field] = .string(id)
            }
            do {
                try checkAssignable(type, owner: p.changes["owner_id"]?.stringValue, actor)
            } catch let error as RecordError {
                refuse(p.line, error)
                continue
            }
            pending.append(p)
        }
        // Duplicates: against the database in one query, and against earlier rows of the file.
        let allKeys = pending.flatMap(\.keys)
        var existing: [String: String] = [:]
        for chunk in stride(from: 0, to: allKeys.count, by: 500).map({ Array(allKeys[$0..<min($0 + 500, allKeys.count)]) }) {
            let rows = try await s.query("SELECT key, record_id FROM record_keys WHERE record_type = \(type.name) AND key IN (\(SQL.join(chunk.map { "\($0)" }, ", ")))")
            for row in rows { if let k = row.text("key"), let id = row.text("record_id") { existing[k] = id } }
        }
        // A duplicate is named by the column of the value it repeats (Email, Domain).
        func keyColumn(_ key: String) -> String {
            let kind = String(key.prefix { $0 != ":" })
            let field = type.uniqueKeys.first { $0.kind == kind }?.field ?? type.uniqueKeys.first?.field ?? "-"
            return headers[field] ?? field
        }
        var fresh: [PreparedRow] = []
        for p in pending {
            if let dupKey = p.keys.first(where: { existing[$0] != nil }), let dupID = existing[dupKey] {
                if options.onDuplicate == .update {
                    var changes = p.changes
                    for key in changes.keys where changes[key]?.isNull == true { changes[key] = nil }
                    do {
                        _ = try await Self.savepoint(s) { try await self.update(in: s, type, id: dupID, changes: changes, ifMatch: nil, actor: actor) }
                        summary.updated += 1
                    } catch RecordError.notFound {
                        // Held by a record outside the importer's view: neither shown nor changed.
                        summary.failed += 1
                        summary.errors.append(ImportRowError(row: p.line, column: type.uniqueKeys.first.map { headers[$0.field] ?? $0.field } ?? "-", reason: "Another record already has this value."))
                    } catch let error as RecordError {
                        refuse(p.line, error)
                    }
                } else {
                    summary.skipped += 1
                    summary.errors.append(ImportRowError(row: p.line, column: keyColumn(dupKey), reason: "Another record already has this value; skipped."))
                }
                continue
            }
            let seen = state.seenKeys
            if let dupKey = p.keys.first(where: { seen[$0] != nil }), let firstLine = seen[dupKey] {
                summary.skipped += 1
                summary.errors.append(ImportRowError(row: p.line, column: keyColumn(dupKey), reason: "Same as row \(firstLine); skipped."))
                continue
            }
            for k in p.keys { state.seenKeys[k] = p.line }
            fresh.append(p)
        }
        if writeRules[type.name] == nil {
            let refused = try await createChecked(s, type: type, rows: fresh, actor: actor, now: now, state: &state)
            summary.created += fresh.count - refused.count
            for (line, error) in refused { refuse(line, error) }
        } else {
            for p in fresh {
                do {
                    try await Self.savepoint(s) { try await self.createOne(s, type: type, row: p, actor: actor, now: now) }
                    summary.created += 1
                } catch let error as RecordError {
                    for k in p.keys where state.seenKeys[k] == p.line { state.seenKeys[k] = nil }
                    refuse(p.line, error)
                }
            }
        }
    }

    /// A batch of new rows of a type without write rules: the API create's reference check
    /// for all of them at once, then one bulk insert of those that pass. Returns the rows
    /// refused, by line.
    func createChecked(
        _ s: Session, type: RecordType, rows: [PreparedRow], actor: Actor, now: String, state: inout ImportState
    ) async throws -> [(line: Int, error: RecordError)] {
        var refused: [(line: Int, error: RecordError)] = []
        let checks = rows.map { ReferenceCheck(record: $0.record, owner: $0.changes["owner_id"]?.stringValue) }
        let errors = try await referenceErrors(s, type: type, checks, actor: actor)
        var inserts: [StoredRecord] = []
        var terms: [String: [String]] = [:]
        for (p, fieldErrors) in zip(rows, errors) {
            guard fieldErrors.isEmpty else {
                for k in p.keys where state.seenKeys[k] == p.line { state.seenKeys[k] = nil }
                refused.append((p.line, .invalid(fieldErrors)))
                continue
            }
            let record = StoredRecord.new(type, fields: p.record, owner: p.changes["owner_id"]?.stringValue, actor: actor, now: now)
            terms[record.id] = p.terms
            inserts.append(record)
        }
        try await insertMany(s, type: type, records: inserts, ownTerms: terms, returningSeqs: false, titles: &state.titles)
        return refused
    }

    /// One new row of a type with write rules, in the order of the API's create: the
    /// `before` rule, references, unique keys, the insert, the `after` rule.
    func createOne(_ s: Session, type: RecordType, row p: PreparedRow, actor: Actor, now: String) async throws {
        var fields = p.record
        var owner = p.changes["owner_id"]?.stringValue
        if let before = writeRules[type.name]?.before {
            fields = try await WriteRules.$writer.withValue(actor) { [fields] in try await before(self, s, fields, nil) }
            if let chosen = WriteRules.takeOwner(&fields), type.hasOwner { owner = chosen }
        }
        try await checkReferences(s, type: type, record: fields, changedFields: nil, owner: p.changes["owner_id"]?.stringValue, actor: actor)
        let record = StoredRecord.new(type, fields: fields, owner: owner, actor: actor, now: now)
        _ = try await checkKeys(s, type: type, keys: type.uniqueKeyValues(fields), id: record.id, actor: actor)
        var titles: [String: [String]] = [:]
        try await insertMany(s, type: type, records: [record], runBefore: false, runAfter: false, titles: &titles)
        if let after = writeRules[type.name]?.after { try await after(self, s, nil, record, actor, now) }
    }

    /// Runs `body` so that its failure takes back only its own writes, leaving the
    /// surrounding transaction usable (PostgreSQL refuses every statement after an error
    /// until it rolls back to a savepoint).
    static func savepoint<T>(_ s: Session, _ body: () async throws -> T) async throws -> T {
        try await s.execute("SAVEPOINT import_row")
        do {
            let result = try await body()
            try await s.execute("RELEASE SAVEPOINT import_row")
            return result
        } catch {
            try await s.execute("ROLLBACK TO SAVEPOINT import_row")
            try await s.execute("RELEASE SAVEPOINT import_row")
            throw error
        }
    }

    /// Multi-row inserts of records, keys, memberships and search terms: the bulk path
    /// that makes a million-row import a matter of seconds.
    ///
    /// `ownTerms` are the records' own search terms when already computed; the terms of
    /// the records they reference (a person's company) are added here.
    /// Returns the rows' `seq` in input order. A caller that needs no `seq` (imports, bulk
    /// creates) passes `returningSeqs: false`, which on PostgreSQL sends the rows with
    /// `COPY` (see ``copyRows(_:type:columns:rows:)``) and returns nothing.
    @discardableResult
    func insertMany(_ s: Session, type: RecordType, records input: [StoredRecord], ownTerms: [String: [String]] = [:], runBefore: Bool = true, runAfter: Bool = true, actor: Actor = .system, returningSeqs: Bool = true, titles: inout [String: [String]]) async throws -> [Int64] {
        guard !input.isEmpty else { return [] }
        var records = input
        let rules = writeRules[type.name]
        if runBefore { try await applyBefore(s, type: type, &records, actor: actor) }
        let codec = self.codec(type)
        var columns = ["id", "custom", "owner_id", "created_by", "updated_by", "created_at", "updated_at", "version"]
        columns += type.columnFields.flatMap(\.columns)
        let isPG = s.dialect == .postgres
        if isPG { columns.append("search") }
        var termsByID: [String: String] = [:]
        try await prefetchReferencedTitles(s, type: type, records: records.map(\.fields), titles: &titles)
        for r in records {
            let referenced = try await referencedText(s, type: type, record: r.fields, titles: &titles)
            let terms = ownTerms[r.id].map { RecordType.addingReferenced(referenced, to: $0) } ?? type.searchTerms(r.fields, referenced: referenced)
            termsByID[r.id] = terms.joined(separator: " ")
        }
        var seqs: [String: Int64] = [:]
        let copying = isPG && !returningSeqs
        let perStatement = copying ? 5000 : max(1, 30_000 / columns.count / 2)
        var start = 0
        while start < records.count {
            let slice = records[start..<min(start + perStatement, records.count)]
            start += perStatement
            if copying {
                var rows: [[SQLValue]] = []
                rows.reserveCapacity(slice.count)
                for r in slice {
                    var values: [SQLValue] = [
                        .text(r.id), try codec.customColumn(r.fields, id: r.id), r.ownerID.map(SQLValue.text) ?? .null,
                        r.createdBy.map(SQLValue.text) ?? .null, r.updatedBy.map(SQLValue.text) ?? .null,
                        .text(r.createdAt), .text(r.updatedAt), .integer(Int64(r.version)),
                    ]
                    for (_, value) in codec.columns(r.fields) { values.append(value) }
                    values.append(.text(termsByID[r.id] ?? ""))
                    rows.append(values)
                }
                try await copyRows(s, type: type, columns: Array(columns.dropLast()), rows: rows)
            }
            var tuples: [SQL] = []
            for r in slice where !copying {
                let custom = try codec.customColumn(r.fields, id: r.id)
                var values: [SQL] = [
                    "\(r.id)", "\(custom)", "\(r.ownerID)", "\(r.createdBy)", "\(r.updatedBy)",
                    "\(r.createdAt)", "\(r.updatedAt)", "\(r.version)",
                ]
                for (_, value) in codec.columns(r.fields) { values.append("\(value)") }
                if isPG { values.append("array_to_tsvector(string_to_array(\(termsByID[r.id] ?? ""), ' '))") }
                tuples.append("(\(SQL.join(values, ", ")))")
            }
            var returned: [Row] = []
            if !copying {
                returned = try await s.query("INSERT INTO \(raw: type.name) (\(raw: columns.joined(separator: ", "))) VALUES \(SQL.join(tuples, ", ")) RETURNING seq, id")
            }
            for row in returned { if let id = row.text("id"), let seq = row.int("seq") { seqs[id] = seq } }
            if !isPG {
                let search = returned.map { row -> SQL in "(\(row.int("seq") ?? 0), \(termsByID[row.text("id") ?? ""] ?? ""))" }
                try await s.execute("INSERT INTO \(raw: type.name)_search (rowid, terms) VALUES \(SQL.join(search, ", "))")
            }
            var keyRows: [(key: String, id: String)] = []
            var memberRows: [SQL] = []
            for r in slice {
                for k in type.uniqueKeyValues(r.fields) { keyRows.append((k, r.id)) }
                for m in codec.members(r.fields) { memberRows.append("(\(type.name), \(m.field), \(m.value), \(r.id))") }
            }
            try await insertKeys(s, type: type, keys: keyRows, actor: actor)
            for chunk in stride(from: 0, to: memberRows.count, by: 2000).map({ Array(memberRows[$0..<min($0 + 2000, memberRows.count)]) }) {
                try await s.execute("INSERT INTO record_members (record_type, field, value, record_id) VALUES \(SQL.join(chunk, ", ")) ON CONFLICT DO NOTHING")
            }
        }
        if runAfter, let after = rules?.after {
            for r in records { try await after(self, s, nil, r, Actor(userID: r.createdBy), r.createdAt) }
        }
        return records.map { seqs[$0.id] ?? 0 }
    }

    /// Runs the type's `before` rule on new records, taking the owner it may choose.
    /// `actor` is who writes, for the rules that depend on it (``WriteRules/writer``).
    func applyBefore(_ s: Session, type: RecordType, _ records: inout [StoredRecord], actor: Actor) async throws {
        guard let before = writeRules[type.name]?.before else { return }
        for i in records.indices {
            records[i].fields = try await WriteRules.$writer.withValue(actor) { [fields = records[i].fields] in try await before(self, s, fields, nil) }
            if let chosen = WriteRules.takeOwner(&records[i].fields), type.hasOwner { records[i].ownerID = chosen }
        }
    }

    static func referenceKey(_ target: String, _ text: String) -> String {
        target + "\u{1}" + SearchText.fold(text)
    }

    /// Finds the organizations (or other referenced records) a batch names by domain or
    /// exact name among those the importer may see, in one query per kind, and creates the
    /// missing ones by name in one bulk insert when the importer may create them. Results
    /// go to `state.referenceCache`; the reasons for names that could not be used are
    /// returned by key.
    func resolveReferences(
        _ s: Session, _ refs: [(field: String, target: String, text: String, column: String)],
        actor: Actor, now: String, state: inout ImportState, summary: inout ImportSummary
    ) async throws -> [String: String] {
        var wanted: [String: [String: String]] = [:]  // target → key → text
        for ref in refs {
            let key = Self.referenceKey(ref.target, ref.text)
            if state.referenceCache[key] == nil { wanted[ref.target, default: [:]][key] = ref.text }
        }
        var failures: [String: String] = [:]
        for (target, byKey) in wanted {
            guard let base = catalog[target] else {
                for key in byKey.keys { failures[key] = "Unknown record type '\(target)'." }
                continue
            }
            var missing = byKey
            if let domainKey = base.uniqueKeys.first(where: { base.field($0.field)?.kind == .domain }) {
                var byDomainKey: [String: String] = [:]
                for (key, text) in missing where text.contains(".") {
                    if let d = Domain.normalize(text) { byDomainKey[domainKey.kind + ":" + d] = key }
                }
                if !byDomainKey.isEmpty {
                    let rows = try await s.query("SELECT key, record_id FROM record_keys WHERE record_type = \(target) AND key IN (\(SQL.join(byDomainKey.keys.map { "\($0)" }, ", ")))")
                    var holders: [String: String] = [:]
                    for row in rows {
                        guard let k = row.text("key"), let id = row.text("record_id"), let key = byDomainKey[k] else { continue }
                        holders[key] = id
                    }
                    let visible = try await visibleIDs(s, base, Set(holders.values), actor: actor)
                    for (key, id) in holders {
                        missing[key] = nil
                        if visible.contains(id) {
                            state.referenceCache[key] = id
                        } else {
                            // Its domain is taken by a record the importer may not see: as the
                            // API's create would, refuse without naming that record.
                            failures[key] = "Another \(base.singular) already has the domain '\(byKey[key] ?? "")'."
                        }
                    }
                }
            }
            if !missing.isEmpty {
                let names = Set(missing.values)
                var clauses: [SQL] = ["\(raw: base.titleField) IN (\(SQL.join(names.map { "\($0)" }, ", ")))", "deleted_at IS NULL"]
                if let visible = visibility(base, actor) { clauses.append(visible) }
                let rows = try await s.query("SELECT id, \(raw: base.titleField) AS title FROM \(raw: target) WHERE \(SQL.join(clauses, " AND ")) ORDER BY created_at, id")
                var byTitle: [String: String] = [:]
                for row in rows { if let t = row.text("title"), byTitle[t] == nil { byTitle[t] = row.text("id") } }
                for (key, text) in missing {
                    if let id = byTitle[text] {
                        state.referenceCache[key] = id
                        missing[key] = nil
                    }
                }
            }
            guard !missing.isEmpty else { continue }
            // A name that matches nothing the importer sees makes a new record only for a
            // role that could create it through the API.
            do {
                try require(.create, base, actor)
            } catch RecordError.forbidden(let message) {
                for (key, text) in missing { failures[key] = "No \(base.singular) you can see is named '\(text)'. \(message)" }
                continue
            }
            let full = try await type(named: target, in: s)
            var created: [StoredRecord] = []
            let domainField = full.uniqueKeys.first { full.field($0.field)?.kind == .domain }?.field
            for (key, text) in missing.sorted(by: { $0.key < $1.key }) {
                // A company given by its domain is created with that domain, so the next
                // import (or a person with that email domain) finds it again.
                var body = JSONObject([(full.titleField, .string(text))])
                if let domainField, text.contains("."), !text.contains(" "), let domain = Domain.normalize(text) {
                    body[domainField] = .string(domain)
                }
                switch RecordInput.validate(body, type: full, mode: .create) {
                case .success(let changes):
                    var record = full.newRecord(from: changes)
                    do { try prepare(&record, type: full) } catch RecordError.invalid(let fe) {
                        failures[key] = fe.first?.message
                        continue
                    }
                    let stored = StoredRecord.new(full, fields: record, owner: nil, actor: actor, now: now)
                    created.append(stored)
                    state.referenceCache[key] = stored.id
                case .failure(.invalid(let fe)):
                    failures[key] = fe.first.map { "\(full.singular.capitalized) '\(text)': \($0.message)" }
                case .failure:
                    failures[key] = "Cannot create \(full.singular) '\(text)'."
                }
            }
            try await insertMany(s, type: full, records: created, returningSeqs: false, titles: &state.titles)
            summary.relatedCreated += created.count
        }
        return failures
    }
}

extension RecordStore {
    /// The ids among `ids` of live `type` records the actor may see.
    func visibleIDs(_ s: Session, _ type: RecordType, _ ids: Set<String>, actor: Actor) async throws -> Set<String> {
        guard !ids.isEmpty else { return [] }
        var clauses: [SQL] = ["id IN (\(SQL.join(ids.sorted().map { "\($0)" }, ", ")))", "deleted_at IS NULL"]
        if let visible = visibility(type, actor) { clauses.append(visible) }
        return Set(try await s.query("SELECT id FROM \(raw: type.name) WHERE \(SQL.join(clauses, " AND "))").compactMap { $0.text("id") })
    }
}

/// Thrown to roll back a dry run after every check has run.
struct DryRunRollback: Error {}

/// Carries the summary out of the transaction closure.
final class SummaryBox: @unchecked Sendable {
    var value = ImportSummary()
}
