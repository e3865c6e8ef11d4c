import Foundation
import RapportKit

extension RecordStore {
    /// Saves a quote's lines as the builder's table shows them, in one transaction: rows
    /// ticked for removal are deleted, stored rows updated, new rows created, and every
    /// kept row numbered by its place in the table. Each line goes through the engine with
    /// the API's checks (grants, fields, the quote's currency, the quote's finality), is
    /// audited on its own, and the quote is re-totalled; any refusal rolls back all of it.
    ///
    /// `ifMatch` is the quote's version the table was drawn from: the quote's version moves
    /// with every change to its lines, so a table saved over someone else's change is
    /// refused (412) instead of silently undoing it. A row's error names its place as
    /// `lines[i].field` (0-based), so the builder can mark the row.
    @discardableResult
    public func saveQuoteLines(quoteID: String, rows: [QuoteLineDraft], ifMatch: Int?, actor: Actor) async throws -> StoredRecord {
        let quotes = try await type(named: Quotes.type.name), lines = try await type(named: QuoteLines.type.name)
        try require(.read, quotes, actor)
        let kept = rows.enumerated().filter { !$0.element.isBlank && !$0.element.remove }
        if rows.contains(where: { $0.id != nil && $0.remove }) { try require(.delete, lines, actor) }
        if kept.contains(where: { $0.element.id != nil }) { try require(.update, lines, actor) }
        if kept.contains(where: { $0.element.id == nil }) { try require(.create, lines, actor) }
        let view = self.view(lines, for: actor)
        let saved = try await db.transaction { s -> StoredRecord in
            let quote = try await self.load(s, quotes, id: quoteID, forUpdate: true, actor: actor)
            if let ifMatch, ifMatch != quote.version { throw RecordError.stale(current: quote.version) }
            // The lines' own rule, asked once before any row: a final quote refuses the
            // whole table, even one with nothing to save.
            if let parent = lines.parent { try await ParentWriteRules.checkFinal(parent, of: quotes, s, parentID: quote.id) }
            guard let code = quote.fields["currency"]?.stringValue, let currency = Currency.named(code) else {
                throw RecordError.invalid([FieldError(field: "currency", code: "invalid_currency", message: "The quote needs a currency before it has lines.")])
            }
            let stored = Set(try await s.query("SELECT id FROM quote_lines WHERE quote_id = \(quote.id) AND deleted_at IS NULL").compactMap { $0.text("id") })
            for (i, row) in rows.enumerated() {
                if let id = row.id, !stored.contains(id) {
                    throw RecordError.invalid([FieldError(field: "lines[\(i)].id", code: "not_found", message: "This line is no longer on the quote; reload it.")])
                }
            }
            func numbered<T>(_ row: Int, _ body: () async throws -> T) async throws -> T {
                do { return try await body() } catch RecordError.invalid(let errors) {
                    throw RecordError.invalid(errors.map { FieldError(field: "lines[\(row)].\($0.field)", code: $0.code, message: $0.message) })
                }
            }
            let now = Timestamp.format(Date())
            for (i, row) in rows.enumerated() where row.remove {
                guard let id = row.id else { continue }
                try await numbered(i) { try await self.delete(in: s, lines, id: id, ifMatch: nil, actor: actor, now: now) }
            }
            for (place, (i, row)) in kept.enumerated() {
                var body = row.body(currency: currency, position: place + 1)
                try await numbered(i) {
                    if let id = row.id {
                        let changes = try RecordInput.validate(body, type: view, mode: .update).get()
                        _ = try await self.update(in: s, lines, id: id, changes: changes, ifMatch: nil, actor: actor)
                    } else {
                        body["quote_id"] = .string(quote.id)
                        let changes = try RecordInput.validate(body, type: view, mode: .create).get()
                        _ = try await self.create(in: s, lines, changes: changes, actor: actor)
                    }
                }
            }
            return try await self.load(s, quotes, id: quote.id, forUpdate: false, actor: actor)
        }
        return redact(saved, quotes, actor)
    }

    /// A quote's live lines in their order on the quote (then as created).
    public func quoteLines(quoteID: String, actor: Actor) async throws -> [StoredRecord] {
        let lines = try await type(named: QuoteLines.type.name)
        guard case .success(let query) = ListQuery.parse([("filter[quote_id]", quoteID), ("limit", "500"), ("sort", "position")], type: lines) else { return [] }
        return try await list(lines, query: query, actor: actor).records
    }

    /// The price a product line left without one would take on save, by product, in
    /// `currency` (the builder's live totals show it before saving).
    public func listPrices(products: [String], currency: Currency) async throws -> [String: Money] {
        guard !products.isEmpty else { return [:] }
        return try await db.read { s in
            var out: [String: Money] = [:]
            for product in Set(products) where RecordID.isValid(product) {
                if let minor = try await QuoteRules.listPrice(s, product: product, currency: currency.code) {
                    out[product] = Money(minorUnits: minor, currency: currency)
                }
            }
            return out
        }
    }
}
