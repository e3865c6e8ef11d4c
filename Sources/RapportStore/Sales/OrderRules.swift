import Foundation
import RapportKit

/// An order without a number gets the next one (`O-2026-0001` for sales, `P-2026-0001`
/// for purchases); without a direction it is a sale; without a tax rounding mode it takes
/// the seller's country's.
enum OrderRules {
    static let rules = WriteRules(before: before, after: after)
    static let line = WriteRules(before: beforeLine, after: afterLine)

    @Sendable static func before(_ store: RecordStore, _ s: Session, _ record: JSONObject, _ existing: StoredRecord?) async throws -> JSONObject {
        var record = record
        if record["direction"]?.stringValue == nil { record["direction"] = .string("sell") }
        if record["tax_rounding"]?.stringValue == nil { record["tax_rounding"] = .string(try await CompanySettings.defaultRounding(s).rawValue) }
        if record["number"]?.stringValue == nil {
            let prefix = record["direction"]?.stringValue == "buy" ? "P" : "O"
            record["number"] = .string(try await DocumentNumbers.next(s, prefix: prefix, table: "orders", now: Timestamp.format(Date())))
        }
        try await DocumentTotals.orders.checkCurrencyChange(s, record, existing)
        return record
    }

    /// A new tax rounding mode re-totals the order.
    @Sendable static func after(_ store: RecordStore, _ s: Session, _ before: StoredRecord?, _ after: StoredRecord, _ actor: Actor, _ now: String) async throws {
        guard let before, before.fields["tax_rounding"] != after.fields["tax_rounding"] else { return }
        try await DocumentTotals.orders.recompute(s, id: after.id, now: now)
    }

    /// An order line is priced in its order's currency (a product line without a price takes
    /// the product's).
    @Sendable static func beforeLine(_ store: RecordStore, _ s: Session, _ record: JSONObject, _ existing: StoredRecord?) async throws -> JSONObject {
        guard var (record, currency) = try await DocumentTotals.orders.checkLine(s, record) else { return record }
        if let product = record["product_id"]?.stringValue {
            try await QuoteRules.fillFromPriceList(s, &record, product: product, currency: currency)
        }
        return record
    }

    @Sendable static func afterLine(_ store: RecordStore, _ s: Session, _ before: StoredRecord?, _ after: StoredRecord, _ actor: Actor, _ now: String) async throws {
        let orders = Set([before?.fields["order_id"]?.stringValue, after.fields["order_id"]?.stringValue].compactMap { $0 })
        // An order going to the trash with its lines keeps the totals they come back with.
        for order in orders where !ParentWriteRules.deleting.contains(order) { try await DocumentTotals.orders.recompute(s, id: order, now: now) }
    }
}
