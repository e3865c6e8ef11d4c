import Foundation
import RapportKit
import Testing

/// Quote totals under the documented rule: per line, half away from zero, in the
/// currency's minor units; the quote sums the rounded lines.
@Suite struct QuoteMathTests {
    static func money(_ amount: String, _ code: String) -> Money {
        try! Money(decimal: amount, currency: Currency.named(code)!)
    }

    static func line(_ q: String, _ price: String, _ code: String, discount: String = "0", tax: String = "0") -> QuoteLine {
        QuoteLine(quantity: QuoteMath.decimal(q)!, unitPrice: money(price, code), discountPercent: QuoteMath.decimal(discount)!, taxPercent: QuoteMath.decimal(tax)!)
    }

    /// 3 × ₩33,333 = ₩99,999; 10% off is ₩9,999.9 → ₩10,000; net ₩89,999; 10% tax is
    /// ₩8,999.9 → ₩9,000; total ₩98,999. KRW has no minor unit.
    @Test func wonQuoteWithDiscountAndTax() throws {
        let a = try QuoteMath.amounts([Self.line("3", "33333", "KRW", discount: "10", tax: "10")], currency: Currency.named("KRW")!)
        #expect(a.subtotal.decimalString == "99999")
        #expect(a.discount.decimalString == "10000")
        #expect(a.lines[0].net.decimalString == "89999")
        #expect(a.tax.decimalString == "9000")
        #expect(a.total.decimalString == "98999")
        #expect(MoneyDisplay.format(a.total, language: "ko") == "₩98,999")
    }

    /// $19.99 × 3 = $59.97; 8.875% tax is $5.3223375 → $5.32; total $65.29.
    @Test func dollarQuoteWithNewYorkSalesTax() throws {
        let a = try QuoteMath.amounts([Self.line("3", "19.99", "USD", tax: "8.875")], currency: Currency.named("USD")!)
        #expect(a.subtotal.decimalString == "59.97")
        #expect(a.tax.decimalString == "5.32")
        #expect(a.total.decimalString == "65.29")
    }

    @Test(arguments: [
        // quantity, price, currency, discount %, tax %, expected line total
        ("1", "0.05", "USD", "10", "0", "0.04"),       // discount 0.005 → 0.01 (half away from zero)
        ("1", "0.15", "USD", "10", "0", "0.13"),       // discount 0.015 → 0.02
        ("1.5", "10.01", "USD", "0", "0", "15.02"),    // gross 15.015 → 15.02
        ("2", "999", "JPY", "0", "10", "2198"),        // tax 199.8 → 200
        ("1", "100", "EUR", "100", "20", "0.00"),      // fully discounted: no tax on nothing
        ("7", "1.005", "BHD", "0", "5", "7.387"),      // three minor units: 7.035 + 0.35175 → 0.352
        ("0", "50", "USD", "0", "8", "0.00"),
    ])
    func lineRounding(_ q: String, _ price: String, _ code: String, _ discount: String, _ tax: String, _ expected: String) throws {
        let a = try QuoteMath.amounts([Self.line(q, price, code, discount: discount, tax: tax)], currency: Currency.named(code)!)
        #expect(a.total.decimalString == expected)
    }

    /// Each line rounds on its own; the quote adds the rounded lines (three lines of
    /// $0.333 tax each give $0.99, not $1.00).
    @Test func quoteSumsRoundedLines() throws {
        let line = Self.line("1", "3.33", "USD", tax: "10")
        let a = try QuoteMath.amounts([line, line, line], currency: Currency.named("USD")!)
        #expect(a.lines.map(\.tax.decimalString) == ["0.33", "0.33", "0.33"])
        #expect(a.tax.decimalString == "0.99")
        #expect(a.total.decimalString == "10.98")
    }

    @Test func refusesWhatCannotBeTotalled() {
        let usd = Currency.named("USD")!
        #expect(throws: QuoteMathError.mixedCurrencies(line: 1)) {
            try QuoteMath.amounts([Self.line("1", "1", "USD"), Self.line("1", "1", "EUR")], currency: usd)
        }
        #expect(throws: QuoteMathError.negativeQuantity(line: 0)) { try QuoteMath.amounts([Self.line("-1", "1", "USD")], currency: usd) }
        #expect(throws: QuoteMathError.percentOutOfRange(line: 0, field: "discount_percent")) {
            try QuoteMath.amounts([Self.line("1", "1", "USD", discount: "120")], currency: usd)
        }
    }

    @Test(arguments: [("8.875", true), ("3", true), ("-0.5", true), ("1e3", false), ("", false), ("1,5", false), (".5", false)])
    func decimalText(_ text: String, _ valid: Bool) {
        #expect((QuoteMath.decimal(text) != nil) == valid)
    }

    @Test(arguments: [("0.5", Int64(1)), ("-0.5", -1), ("1.49", 1), ("2.5", 3), ("-2.5", -3), ("-1.51", -2)])
    func halfAwayFromZero(_ value: String, _ expected: Int64) {
        #expect(QuoteMath.round(QuoteMath.decimal(value)!) == expected)
    }
}
