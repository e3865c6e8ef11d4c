import Testing
@testable import RapportKit

private func currency(_ code: String) throws -> Currency {
    try #require(Currency.named(code))
}

@Suite struct CurrencyTests {
    @Test func looksUpCaseInsensitively() throws {
        #expect(Currency.named("krw")?.code == "KRW")
        #expect(Currency.named("Usd") == Currency.named("USD"))
        #expect(Currency.named("XYZ") == nil)
        #expect(Currency.named("") == nil)
        #expect(try currency("BHD").description == "BHD")
    }

    @Test(arguments: [
        ("USD", 2), ("EUR", 2), ("JPY", 0), ("KRW", 0), ("GBP", 2), ("CNY", 2), ("TWD", 2), ("HKD", 2),
        ("SGD", 2), ("AUD", 2), ("CAD", 2), ("CHF", 2), ("SEK", 2), ("NOK", 2), ("DKK", 2), ("INR", 2),
        ("IDR", 2), ("THB", 2), ("VND", 0), ("PHP", 2), ("MYR", 2), ("BRL", 2), ("MXN", 2), ("ZAR", 2),
        ("NZD", 2), ("PLN", 2), ("CZK", 2), ("HUF", 2), ("ILS", 2), ("AED", 2), ("SAR", 2), ("TRY", 2),
        ("RUB", 2), ("BHD", 3), ("KWD", 3), ("OMR", 3), ("JOD", 3), ("TND", 3), ("CLP", 0), ("ISK", 0),
        ("UGX", 0),
    ])
    func hasISOMinorUnits(_ code: String, _ minorUnits: Int) throws {
        #expect(try currency(code).minorUnits == minorUnits)
    }

    @Test func codesAreUniqueUppercaseAndThreeLetters() {
        let codes = Currency.all.map(\.code)
        #expect(Set(codes).count == codes.count)
        for code in codes {
            #expect(code.count == 3 && code == code.uppercased(), "bad code \(code)")
        }
    }
}

@Suite struct MoneyTests {
    @Test(arguments: [
        ("KRW", "1200", Int64(1200), "1200"),
        ("KRW", "33333", 33333, "33333"),
        ("KRW", "10.000", 10, "10"),
        ("KRW", "-5000", -5000, "-5000"),
        ("JPY", "0", 0, "0"),
        ("JPY", "-0", 0, "0"),
        ("JPY", "007", 7, "7"),
        ("USD", "1200.50", 120050, "1200.50"),
        ("USD", "1200.5", 120050, "1200.50"),
        ("USD", "0.5", 50, "0.50"),
        ("USD", "-3", -300, "-3.00"),
        ("USD", "-0.05", -5, "-0.05"),
        ("USD", "10.500", 1050, "10.50"),
        ("USD", "0", 0, "0.00"),
        ("BHD", "1.234", 1234, "1.234"),
        ("BHD", "-0.001", -1, "-0.001"),
        ("BHD", "7", 7000, "7.000"),
        ("BHD", "7.1", 7100, "7.100"),
    ])
    func parsesAndFormats(_ code: String, _ text: String, _ minor: Int64, _ canonical: String) throws {
        let money = try Money(decimal: text, currency: currency(code))
        #expect(money.minorUnits == minor)
        #expect(money.decimalString == canonical)
        #expect(try Money(decimal: canonical, currency: currency(code)) == money)
    }

    @Test func formatsFromMinorUnits() throws {
        #expect(Money(minorUnits: 5, currency: try currency("USD")).decimalString == "0.05")
        #expect(Money(minorUnits: -120050, currency: try currency("USD")).decimalString == "-1200.50")
        #expect(Money(minorUnits: 1, currency: try currency("KWD")).decimalString == "0.001")
        #expect(Money(minorUnits: -33333, currency: try currency("KRW")).decimalString == "-33333")
    }

    @Test func rejectsTooManyDecimals() throws {
        #expect(throws: MoneyError.tooManyDecimals(allowed: 0)) { try Money(decimal: "10.5", currency: currency("KRW")) }
        #expect(throws: MoneyError.tooManyDecimals(allowed: 0)) { try Money(decimal: "1.01", currency: currency("JPY")) }
        #expect(throws: MoneyError.tooManyDecimals(allowed: 2)) { try Money(decimal: "10.505", currency: currency("USD")) }
        #expect(throws: MoneyError.tooManyDecimals(allowed: 3)) { try Money(decimal: "-0.0001", currency: currency("BHD")) }
    }

    @Test(arguments: ["", "-", "abc", "1e3", "1,000", "+1", ".5", "5.", " 1", "1 ", "1..2", "--1", "1.2.3", "１２", "0x10", "NaN", "1-"])
    func rejectsNonDecimals(_ text: String) throws {
        #expect(throws: MoneyError.invalidAmount) { try Money(decimal: text, currency: currency("USD")) }
    }

    @Test func handlesInt64Limits() throws {
        let krw = try currency("KRW")
        let usd = try currency("USD")
        #expect(try Money(decimal: "9223372036854775807", currency: krw).minorUnits == .max)
        #expect(try Money(decimal: "-9223372036854775808", currency: krw).minorUnits == .min)
        #expect(try Money(decimal: "-92233720368547758.08", currency: usd).minorUnits == .min)
        #expect(Money(minorUnits: .min, currency: usd).decimalString == "-92233720368547758.08")
        #expect(throws: MoneyError.outOfRange) { try Money(decimal: "9223372036854775808", currency: krw) }
        #expect(throws: MoneyError.outOfRange) { try Money(decimal: "-9223372036854775809", currency: krw) }
        #expect(throws: MoneyError.outOfRange) { try Money(decimal: "92233720368547758.08", currency: usd) }
        #expect(throws: MoneyError.outOfRange) { try Money(decimal: "99999999999999999999999", currency: krw) }
    }

    @Test func equalityIncludesCurrency() throws {
        let usd = Money(minorUnits: 100, currency: try currency("USD"))
        let eur = Money(minorUnits: 100, currency: try currency("EUR"))
        #expect(usd != eur)
        #expect(Set([usd, eur, usd]).count == 2)
    }
}
