import Foundation
import RapportKit

/// An order without a number gets the next one (`O-2026-0001` for sales, `P-2026-0001`
/// for purchases); without a direction it is a sale.
enum OrderRules {
    static let rules = WriteRules(before: before)

    @Sendable static func before(_ store: RecordStore, _ s: Session, _ record: JSONObject, _ existing: StoredRecord?) async throws -> JSONObject {
        var record = record
        if record["direction"]?.stringValue == nil { record["direction"] = .string("sell") }
        if record["number"]?.stringValue == nil {
            let prefix = record["direction"]?.stringValue == "buy" ? "P" : "O"
            record["number"] = .string(try await DocumentNumbers.next(s, prefix: prefix, table: "orders", now: Timestamp.format(Date())))
        }
        return record
    }
}
