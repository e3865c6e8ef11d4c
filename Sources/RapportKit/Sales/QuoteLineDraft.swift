import Foundation

/// One row of the quote builder as typed, before it is saved: the text of each box. The
/// builder's live totals and its save both start here, so what the preview adds up is
/// what the save stores.
public struct QuoteLineDraft: Sendable, Equatable {
    /// The stored line this row edits; nil for a new row.
    public var id: String?
    public var productID: String?
    public var description: String
    public var quantity: String
    /// The amount alone ("1200.50"); the currency is always the quote's.
    public var unitPrice: String
    public var discountPercent: String
    public var taxPercent: String
    /// Ticked "remove" on a stored line.
    public var remove: Bool

    public init(id: String? = nil, productID: String? = nil, description: String = "", quantity: String = "", unitPrice: String = "",
                discountPercent: String = "", taxPercent: String = "", remove: Bool = false) {
        self.id = id
        self.productID = productID
        self.description = description
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.discountPercent = discountPercent
        self.taxPercent = taxPercent
        self.remove = remove
    }

    /// A new row nobody typed into: the builder's spare rows, skipped on save.
    public var isBlank: Bool {
        id == nil && (productID ?? "").isEmpty && [description, quantity, unitPrice, discountPercent, taxPercent].allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    /// The body the record engine validates for this row, in `currency`: the same fields
    /// an API client sends, so the save has the API's checks. Empty boxes clear a value on
    /// a stored line and are left out of a new one.
    public func body(currency: Currency, position: Int) -> JSONObject {
        func text(_ s: String) -> String? {
            let t = s.trimmingCharacters(in: .whitespaces)
            return t.isEmpty ? nil : t
        }
        // A number that does not parse goes on as text, so the engine names the field.
        func number(_ s: String) -> JSONValue {
            guard let t = text(s) else { return .null }
            return QuoteMath.decimal(t) != nil ? .number(t) : .string(t)
        }
        var body = JSONObject()
        body["product_id"] = text(productID ?? "").map(JSONValue.string) ?? .null
        body["description"] = text(description).map(JSONValue.string) ?? .null
        body["quantity"] = number(quantity)
        body["unit_price"] = text(unitPrice).map { .object(JSONObject([("amount", .string($0)), ("currency", .string(currency.code))])) } ?? .null
        body["discount_percent"] = number(discountPercent)
        body["tax_percent"] = number(taxPercent)
        body["position"] = .number(String(position))
        if id == nil {
            for key in body.keys where body[key]?.isNull == true { body[key] = nil }
        }
        return body
    }

    public enum Problem: Error, Sendable, Equatable {
        /// `field` of row `row` (0-based) cannot be read or totalled.
        case field(row: Int, FieldError)
    }

    /// The rows as ``QuoteMath`` reads them. `listPrice` answers a product row left without
    /// a price, as the save would fill it; rows still without one are left out, as the
    /// save refuses them. Throws the first row that cannot be read.
    public static func lines(_ rows: [QuoteLineDraft], currency: Currency, listPrice: (String) -> Money?) throws(Problem) -> [(row: Int, line: QuoteLine)] {
        var out: [(row: Int, line: QuoteLine)] = []
        for (i, row) in rows.enumerated() where !row.isBlank && !row.remove {
            func decimal(_ s: String, _ field: String, default value: Decimal?) throws(Problem) -> Decimal? {
                let t = s.trimmingCharacters(in: .whitespaces)
                if t.isEmpty { return value }
                guard let d = QuoteMath.decimal(t) else { throw .field(row: i, FieldError(field: field, code: "invalid_number", message: "A number such as 2 or 1.5.")) }
                return d
            }
            guard let quantity = try decimal(row.quantity, "quantity", default: nil) else { continue }
            let price: Money
            let amount = row.unitPrice.trimmingCharacters(in: .whitespaces)
            if amount.isEmpty {
                guard let product = row.productID, !product.isEmpty, let listed = listPrice(product) else { continue }
                price = listed
            } else {
                do { price = try Money(decimal: amount, currency: currency) } catch {
                    throw .field(row: i, FieldError(field: "unit_price", code: "invalid_number", message: "An amount in \(currency.code) such as 1200.50."))
                }
            }
            let discount = try decimal(row.discountPercent, "discount_percent", default: 0) ?? 0
            let tax = try decimal(row.taxPercent, "tax_percent", default: 0) ?? 0
            out.append((i, QuoteLine(quantity: quantity, unitPrice: price, discountPercent: discount, taxPercent: tax)))
        }
        return out
    }
}
