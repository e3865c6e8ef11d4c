import Foundation
import RapportKit
import Testing

/// Japan's qualified invoice (適格請求書): consumption tax is computed once per tax rate on
/// the sum of the document's lines at that rate, rounded once, and the document shows the
/// net and tax per rate.
@Suite struct PerRateTaxTests {
    static let jpy = Currency.named("JPY")!

    static func line(_ price: Int64, tax: Decimal, quantity: Decimal = 1) -> QuoteLine {
        QuoteLine(quantity: quantity, unitPrice: Money(minorUnits: price, currency: jpy), taxPercent: tax)
    }

    /// National Tax Agency, インボイス制度に関するQ&A 問57 (注): three lines of ¥105 at
    /// 10%. Rounding each line's tax and adding them is not allowed on a qualified invoice;
    /// the tax is rounded once on ¥315. With the NTA's truncation that is ¥31 against ¥30
    /// per line; under Rapport's one rounding rule (half away from zero) ¥31.5 → ¥32 against
    /// 3 × (¥10.5 → ¥11) = ¥33. Either way the per-rate figure comes from one rounding.
    @Test func ntaQuestion57RoundsOncePerRate() throws {
        let lines = Array(repeating: Self.line(105, tax: 10), count: 3)
        let perRate = try QuoteMath.amounts(lines, currency: Self.jpy, rounding: .perRate)
        #expect(perRate.tax.minorUnits == 32)
        #expect(perRate.total.minorUnits == 347)
        #expect(perRate.lines.map(\.tax.minorUnits) == [0, 0, 0])
        #expect(perRate.rates == [RateAmounts(taxPercent: 10, net: Money(minorUnits: 315, currency: Self.jpy), tax: Money(minorUnits: 32, currency: Self.jpy))])
        let perLine = try QuoteMath.amounts(lines, currency: Self.jpy, rounding: .perLine)
        #expect(perLine.tax.minorUnits == 33)
    }

    /// The standard and reduced rates on one document (the brief's ¥10,800 at 10% and
    /// ¥5,400 at 8%, split over lines whose taxes have fractions): each rate's net is added
    /// first, then taxed and rounded once, and the document shows both rates.
    @Test func standardAndReducedRatesAreSeparate() throws {
        let lines = [
            Self.line(3_333, tax: 10), Self.line(3_333, tax: 10), Self.line(4_134, tax: 10),   // ¥10,800 at 10%
            Self.line(1_799, tax: 8), Self.line(1_799, tax: 8), Self.line(1_802, tax: 8),      // ¥5,400 at 8%
        ]
        let a = try QuoteMath.amounts(lines, currency: Self.jpy, rounding: .perRate)
        #expect(a.rates.map(\.taxPercent) == [10, 8])
        #expect(a.rates.map(\.net.minorUnits) == [10_800, 5_400])
        #expect(a.rates.map(\.tax.minorUnits) == [1_080, 432])
        #expect(a.subtotal.minorUnits == 16_200)
        #expect(a.tax.minorUnits == 1_512)
        #expect(a.total.minorUnits == 17_712)
        // Per line the same lines give 333 + 333 + 413 (413.4) = 1,079 and
        // 144 (143.92) + 144 + 144 (144.16) = 432: one yen apart at 10%.
        let perLine = try QuoteMath.amounts(lines, currency: Self.jpy, rounding: .perLine)
        #expect(perLine.rates.map(\.tax.minorUnits) == [1_079, 432])
    }

    /// 10 and 10.0 are one rate.
    @Test func equalRatesWrittenDifferentlyAreOneRate() throws {
        let a = try QuoteMath.amounts([Self.line(100, tax: 10), Self.line(100, tax: Decimal(string: "10.000")!)], currency: Self.jpy, rounding: .perRate)
        #expect(a.rates.count == 1)
    }

    @Test(arguments: [("JP", TaxRounding.perRate), ("jp", .perRate), ("KR", .perLine), ("US", .perLine)])
    func sellersCountryChoosesTheDefault(_ country: String, _ expected: TaxRounding) {
        #expect(TaxRounding.defaultFor(sellerCountry: country) == expected)
        #expect(TaxRounding.defaultFor(sellerCountry: nil) == .perLine)
    }
}
