import RapportKit
import Testing

/// A contract's own rules, without a database: it ends on or after it starts, its notice
/// and reminder periods are whole days from 0; a list price is zero or more.
@Suite struct ContractTermsTests {
    func fields(_ pairs: [(String, JSONValue)]) -> [String] {
        Contracts.type.hooks.validate(JSONObject(pairs)).map(\.field)
    }

    @Test func datesAndDayCounts() {
        #expect(fields([("start_date", .string("2026-07-01")), ("end_date", .string("2026-07-01"))]) == [])
        #expect(fields([("start_date", .string("2026-07-01")), ("end_date", .string("2026-06-30"))]) == ["end_date"])
        #expect(fields([("notice_days", .number("30")), ("reminder_days", .number("0"))]) == [])
        #expect(fields([("notice_days", .number("30.0"))]) == [])
        #expect(fields([("notice_days", .number("30.5"))]) == ["notice_days"])
        #expect(fields([("reminder_days", .number("-1"))]) == ["reminder_days"])
        #expect(fields([("notice_days", .number("1e12"))]) == ["notice_days"])
    }

    @Test func listPricesAreNotNegative() {
        func price(_ amount: String) -> [String] {
            ProductPrices.type.hooks.validate(JSONObject([("unit_price", .object(JSONObject([("amount", .string(amount)), ("currency", .string("USD"))])))])).map(\.field)
        }
        #expect(price("0.00") == [] && price("19.99") == [])
        #expect(price("-0.01") == ["unit_price"] && price("-5") == ["unit_price"])
    }
}
