import Foundation
import RapportKit

/// Quotes and orders are totalled from their lines by this one piece of code, with
/// ``QuoteMath`` in the document's tax rounding mode: the document's subtotal, discount,
/// tax and total, and each line's total (its net plus its own tax under `per_line`, its
/// net alone under `per_rate`, where tax exists only per rate).
struct DocumentTotals: Sendable {
    /// The document table, its lines' table and the lines' column naming their document.
    let table: String
    let lineTable: String
    let parentColumn: String

    static let quotes = DocumentTotals(table: "quotes", lineTable: "quote_lines", parentColumn: "quote_id")
    static let orders = DocumentTotals(table: "orders", lineTable: "order_lines", parentColumn: "order_id")

    /// Recomputes a document from its live lines; a line that would take the document
    /// beyond ``Money/limit`` is refused with a 422 and the write rolls back.
    func recompute(_ s: Session, id: String, now: String) async throws {
        guard let doc = try await s.query("SELECT currency, tax_rounding FROM \(raw: table) WHERE id = \(id)").first,
              let code = doc.text("currency"), let currency = Currency.named(code) else { return }
        let rounding = doc.text("tax_rounding").flatMap(TaxRounding.init(rawValue:)) ?? .perLine
        let rows = try await s.query("""
            SELECT id, quantity, unit_price_amount, discount_percent, tax_percent, line_total_amount FROM \(raw: lineTable)
            WHERE \(raw: parentColumn) = \(id) AND deleted_at IS NULL AND unit_price_currency = \(code) ORDER BY id
            """)
        var ids: [String] = [], stored: [Int64?] = [], lines: [QuoteLine] = []
        for r in rows {
            guard let q = r.text("quantity").flatMap(QuoteMath.decimal), let minor = r.int("unit_price_amount"), let lineID = r.text("id") else { continue }
            ids.append(lineID)
            stored.append(r.int("line_total_amount"))
            lines.append(QuoteLine(quantity: q, unitPrice: Money(minorUnits: minor, currency: currency),
                                   discountPercent: r.text("discount_percent").flatMap(QuoteMath.decimal) ?? 0,
                                   taxPercent: r.text("tax_percent").flatMap(QuoteMath.decimal) ?? 0))
        }
        let amounts: QuoteAmounts
        do { amounts = try QuoteMath.amounts(lines, currency: currency, rounding: rounding) } catch { throw RecordError.invalid([QuoteMath.fieldError(error)]) }
        for (i, line) in amounts.lines.enumerated() where stored[i] != line.total.minorUnits {
            try await s.execute("UPDATE \(raw: lineTable) SET line_total_amount = \(line.total.minorUnits), line_total_currency = \(code) WHERE id = \(ids[i])")
        }
        try await s.execute("""
            UPDATE \(raw: table) SET subtotal_amount = \(amounts.subtotal.minorUnits), subtotal_currency = \(code),
            discount_amount = \(amounts.discount.minorUnits), discount_currency = \(code), tax_amount = \(amounts.tax.minorUnits), tax_currency = \(code),
            total_amount = \(amounts.total.minorUnits), total_currency = \(code), updated_at = \(now), version = version + 1 WHERE id = \(id)
            """)
    }

    /// A line's currency must be its document's (its owner is the document's by the
    /// lines' ``ParentRule``).
    func checkLine(_ s: Session, _ record: JSONObject) async throws -> (JSONObject, currency: String)? {
        guard let parent = record[parentColumn]?.stringValue,
              let row = try await s.query("SELECT currency FROM \(raw: table) WHERE id = \(parent) AND deleted_at IS NULL").first,
              let currency = row.text("currency") else { return nil }
        if let code = record["unit_price"]?.objectValue?["currency"]?.stringValue, code != currency {
            throw RecordError.invalid([FieldError(field: "unit_price", code: "invalid_currency", message: "Lines are priced in their document's currency (\(currency)).")])
        }
        return (record, currency)
    }

    /// A document with lines keeps its currency: its lines were priced in it.
    func checkCurrencyChange(_ s: Session, _ record: JSONObject, _ existing: StoredRecord?) async throws {
        guard let existing, existing.fields["currency"] != nil, record["currency"] != existing.fields["currency"],
              try await !s.query("SELECT 1 AS found FROM \(raw: lineTable) WHERE \(raw: parentColumn) = \(existing.id) AND deleted_at IS NULL").isEmpty else { return }
        throw RecordError.invalid([FieldError(field: "currency", code: "invalid", message: "A document with lines keeps its currency.")])
    }
}
