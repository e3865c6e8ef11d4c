import RapportKit

/// Sums of money in minor units that neither the database nor Swift can overflow or wrap.
///
/// SQLite's SUM raises "integer overflow" past Int64 and PostgreSQL's SUM over BIGINT is
/// NUMERIC that no longer fits the BIGINT it is cast to; either was a 500 on every report.
/// Each amount is summed as two parts, `amount / 10^9` and `amount % 10^9` (both databases
/// truncate toward zero, so the parts share the amount's sign): the first part is at most
/// 9.3 × 10^9 per row and the second under 10^9, so neither sum can overflow below a
/// billion rows. Swift joins them exactly in Int128; a total that does not fit Int64 is
/// reported as a 422, never wrapped, trapped on or clamped silently.
enum MoneySum {
    static let split: Int128 = 1_000_000_000

    /// The two sums of `column`, named `name_hi` and `name_lo`.
    static func select(_ column: String, as name: String) -> String {
        "CAST(SUM(\(column) / 1000000000) AS BIGINT) AS \(name)_hi, CAST(SUM(\(column) % 1000000000) AS BIGINT) AS \(name)_lo"
    }

    /// The sum selected by ``select(_:as:)``.
    static func read(_ row: Row, _ name: String) throws -> Int64 {
        try fit(Int128(row.int(name + "_hi") ?? 0) * split + Int128(row.int(name + "_lo") ?? 0))
    }

    /// `a + b`, refused when it leaves Int64.
    static func add(_ a: Int64, _ b: Int64) throws -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        if overflow { throw tooLarge }
        return sum
    }

    static func fit(_ value: Int128) throws -> Int64 {
        guard let v = Int64(exactly: value) else { throw tooLarge }
        return v
    }

    static var tooLarge: RecordError {
        .invalid([FieldError(field: "amount", code: "out_of_range", message: "These amounts add up to more than \(Int64.max) minor units, beyond what one figure can hold; narrow the report.")])
    }
}
