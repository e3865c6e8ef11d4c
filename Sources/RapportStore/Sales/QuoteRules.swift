import Foundation
import RapportKit

/// Quotes get a number when created (`Q-2026-0001`); their totals are recomputed from
/// their lines whenever a line changes; a line must be priced in its quote's currency;
/// accepting a quote (it needs a line) moves its deal to the pipeline's won stage.
enum QuoteRules {
    static let quote = WriteRules(before: beforeQuote, after: afterQuote)
    static let line = WriteRules(before: beforeLine, after: afterLine)

    @Sendable static func beforeQuote(_ store: RecordStore, _ s: Session, _ record: JSONObject, _ existing: StoredRecord?) async throws -> JSONObject {
        var record = record
        if existing == nil || record["number"]?.stringValue == nil {
            let year = Calendar(identifier: .gregorian).component(.year, from: Date())
            let count = try await s.query("SELECT COUNT(*) AS n FROM quotes").first?.int("n") ?? 0
            record["number"] = .string(String(format: "Q-%04d-%04d", year, Int(count) + 1))
        }
        if existing?.fields["currency"] != nil, record["currency"] != existing?.fields["currency"],
           let id = existing?.id, try await !s.query("SELECT 1 AS found FROM quote_lines WHERE quote_id = \(id) AND deleted_at IS NULL").isEmpty {
            throw RecordError.invalid([FieldError(field: "currency", code: "invalid", message: "A quote with lines keeps its currency.")])
        }
        if record["status"]?.stringValue == "accepted", existing?.fields["status"]?.stringValue != "accepted" {
            let id = existing?.id ?? ""
            if try await s.query("SELECT 1 AS found FROM quote_lines WHERE quote_id = \(id) AND deleted_at IS NULL").isEmpty {
                throw RecordError.invalid([FieldError(field: "status", code: "invalid", message: "A quote needs a line before it can be accepted.")])
            }
        }
        return record
    }

    /// Accepting a quote wins its deal (through the deal's own rules, so the history
    /// records the move, unflagged).
    @Sendable static func afterQuote(_ store: RecordStore, _ s: Session, _ before: StoredRecord?, _ after: StoredRecord, _ actor: Actor, _ now: String) async throws {
        guard after.fields["status"]?.stringValue == "accepted", before?.fields["status"]?.stringValue != "accepted",
              let dealID = after.fields["deal_id"]?.stringValue else { return }
        let deals = try await store.type(named: Deals.type.name)
        let deal = try await store.load(s, deals, id: dealID, forUpdate: true)
        guard let pipeline = deal.fields["pipeline_id"]?.stringValue,
              let won = try await s.query("SELECT id FROM pipeline_stages WHERE pipeline_id = \(pipeline) AND outcome = 'won' AND deleted_at IS NULL ORDER BY position LIMIT 1").first?.text("id"),
              deal.fields["stage_id"]?.stringValue != won else { return }
        _ = try await store.update(in: s, deals, id: dealID, changes: JSONObject([("stage_id", .string(won))]), ifMatch: nil, actor: actor)
    }

    @Sendable static func beforeLine(_ store: RecordStore, _ s: Session, _ record: JSONObject, _ existing: StoredRecord?) async throws -> JSONObject {
        guard let quote = record["quote_id"]?.stringValue,
              let currency = try await s.query("SELECT currency FROM quotes WHERE id = \(quote) AND deleted_at IS NULL").first?.text("currency") else { return record }
        if let code = record["unit_price"]?.objectValue?["currency"]?.stringValue, code != currency {
            throw RecordError.invalid([FieldError(field: "unit_price", code: "invalid_currency", message: "Lines are priced in the quote's currency (\(currency)).")])
        }
        return record
    }

    @Sendable static func afterLine(_ store: RecordStore, _ s: Session, _ before: StoredRecord?, _ after: StoredRecord, _ actor: Actor, _ now: String) async throws {
        for quote in Set([before?.fields["quote_id"]?.stringValue, after.fields["quote_id"]?.stringValue].compactMap { $0 }) {
            try await recompute(s, quoteID: quote, now: now)
        }
    }

    /// The quote's subtotal, discount, tax and total from its live lines.
    static func recompute(_ s: Session, quoteID: String, now: String) async throws {
        guard let code = try await s.query("SELECT currency FROM quotes WHERE id = \(quoteID)").first?.text("currency"), let currency = Currency.named(code) else { return }
        let rows = try await s.query("""
            SELECT quantity, unit_price_amount, unit_price_currency, discount_percent, tax_percent FROM quote_lines
            WHERE quote_id = \(quoteID) AND deleted_at IS NULL AND unit_price_currency = \(code)
            """)
        let lines = rows.compactMap { r -> QuoteLine? in
            guard let q = r.text("quantity").flatMap(QuoteMath.decimal), let minor = r.int("unit_price_amount") else { return nil }
            return QuoteLine(quantity: q, unitPrice: Money(minorUnits: minor, currency: currency),
                             discountPercent: r.text("discount_percent").flatMap(QuoteMath.decimal) ?? 0, taxPercent: r.text("tax_percent").flatMap(QuoteMath.decimal) ?? 0)
        }
        guard let amounts = try? QuoteMath.amounts(lines, currency: currency) else { return }
        try await s.execute("""
            UPDATE quotes SET subtotal_amount = \(amounts.subtotal.minorUnits), subtotal_currency = \(code),
            discount_amount = \(amounts.discount.minorUnits), discount_currency = \(code), tax_amount = \(amounts.tax.minorUnits), tax_currency = \(code),
            total_amount = \(amounts.total.minorUnits), total_currency = \(code), updated_at = \(now), version = version + 1 WHERE id = \(quoteID)
            """)
    }
}
