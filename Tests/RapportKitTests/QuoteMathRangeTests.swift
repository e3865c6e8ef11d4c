import Foundation
import PropertyBased
import RapportKit
import Testing

/// Quote arithmetic at the edges of its ranges: every result equals an exact Int128
/// computation of the documented rule, or is refused with the error naming what is out of
/// range; nothing traps and nothing wraps.
@Suite struct QuoteMathRangeTests {
    static let krw = Currency.named("KRW")!
    static let micro: Int128 = 1_000_000

    /// n / d rounded half away from zero, exactly.
    static func roundDiv(_ n: Int128, _ d: Int128) -> Int128 {
        let q = n / d, r = n % d
        if r.magnitude * 2 >= d.magnitude { return q + (n < 0 ? -1 : 1) }
        return q
    }

    /// A decimal from a count of millionths, built exactly (no binary float in between).
    static func decimal(micros: Int64) -> Decimal {
        Decimal(sign: micros < 0 ? .minus : .plus, exponent: -6, significand: Decimal(micros.magnitude))
    }

    enum Expected: Equatable {
        case total(Int128)
        case quantityOutOfRange, percentOutOfRange, lineOutOfRange
    }

    /// The rule in integers: gross = q × p, discount = gross × d%, tax = net × t%, each
    /// rounded half away from zero; anything beyond 10^15 minor units is out of range.
    static func reference(quantityMicros q: Int64, price p: Int64, discountMicros d: Int64, taxMicros t: Int64) -> Expected {
        let limit = Int128(Money.limit)
        if Int128(q) > 1_000_000_000 * micro { return .quantityOutOfRange }
        if d > 100 * 1_000_000 || t > 100 * 1_000_000 { return .percentOutOfRange }
        if Int128(p).magnitude > limit.magnitude { return .lineOutOfRange }
        let gross = roundDiv(Int128(q) * Int128(p), micro)
        if gross.magnitude > limit.magnitude { return .lineOutOfRange }
        let discount = roundDiv(gross * Int128(d), 100 * micro)
        let net = gross - discount
        let tax = roundDiv(net * Int128(t), 100 * micro)
        if (net + tax).magnitude > limit.magnitude { return .lineOutOfRange }
        return .total(net + tax)
    }

    static func actual(quantityMicros q: Int64, price p: Int64, discountMicros d: Int64, taxMicros t: Int64) -> Expected? {
        let line = QuoteLine(quantity: decimal(micros: q), unitPrice: Money(minorUnits: p, currency: krw),
                             discountPercent: decimal(micros: d), taxPercent: decimal(micros: t))
        do {
            return .total(Int128(try QuoteMath.amounts([line], currency: krw).total.minorUnits))
        } catch .quantityOutOfRange {
            return .quantityOutOfRange
        } catch .percentOutOfRange {
            return .percentOutOfRange
        } catch .lineOutOfRange {
            return .lineOutOfRange
        } catch {
            return nil
        }
    }

    /// Amounts clustered where overflow lives: around 10^15 and around Int64's ends, and
    /// anywhere in between.
    static let prices = Gen<Int64>.oneOf(
        Gen.int64(in: -2_000_000_000_000_000...2_000_000_000_000_000),
        Gen.int64(in: 999_999_999_999_000...1_000_000_000_001_000),
        Gen.int64(in: (Int64.max - 1000)...Int64.max),
        Gen.int64(in: Int64.min...(Int64.min + 1000)),
        Gen.int64(in: -1000...1000)
    )
    static let quantities = Gen<Int64>.oneOf(
        Gen.int64(in: 0...2_000_000_000_000_000),
        Gen.int64(in: 0...10_000_000),
        Gen.int64(in: 999_999_999_000_000...1_000_000_000_000_001)
    )
    static let percents = Gen<Int64>.oneOf(
        Gen.int64(in: 0...100_000_000),
        Gen.int64(in: 99_999_990...100_000_010),
        Gen.int64(in: 0...100).map { $0 * 1_000_000 }
    )

    @Test func oneLineEqualsExactReferenceOrIsRefused() async {
        await propertyCheck(count: 2000, input: Self.quantities, Self.prices, Self.percents, Self.percents) { q, p, d, t in
            let expected = Self.reference(quantityMicros: q, price: p, discountMicros: d, taxMicros: t)
            #expect(Self.actual(quantityMicros: q, price: p, discountMicros: d, taxMicros: t) == expected, "q=\(q)µ p=\(p) d=\(d)µ% t=\(t)µ%")
        }
    }

    /// Two lines that are each fine may add up beyond the limit: refused as a total, never
    /// wrapped.
    @Test func twoLinesSumExactlyOrAreRefused() async {
        await propertyCheck(count: 1000, input: Self.prices, Self.prices) { a, b in
            let lines = [a, b].map { QuoteLine(quantity: 1, unitPrice: Money(minorUnits: $0, currency: Self.krw), taxPercent: 10) }
            let totals = [a, b].map { Self.reference(quantityMicros: 1_000_000, price: $0, discountMicros: 0, taxMicros: 10_000_000) }
            let result = Result { () throws(QuoteMathError) in try QuoteMath.amounts(lines, currency: Self.krw).total.minorUnits }
            if case .total(let x) = totals[0], case .total(let y) = totals[1] {
                if (x + y).magnitude <= Int128(Money.limit) {
                    #expect(result == .success(Int64(x + y)))
                } else {
                    #expect(result == .failure(.totalOutOfRange))
                }
            } else {
                #expect(result == .failure(.lineOutOfRange(line: totals[0] == .lineOutOfRange ? 0 : 1)))
            }
        }
    }

    /// The cases that used to trap or wrap: ₩9×10^18 at 10% tax, two of them, a negative
    /// one, 10,000 × ₩10^15, and a quantity of 10^20 × $1.00.
    @Test func formerTrapsAreRefused() {
        let usd = Currency.named("USD")!
        func line(_ q: Decimal, _ minor: Int64, _ c: Currency = Self.krw) -> QuoteLine {
            QuoteLine(quantity: q, unitPrice: Money(minorUnits: minor, currency: c), taxPercent: 10)
        }
        #expect(throws: QuoteMathError.lineOutOfRange(line: 0)) { try QuoteMath.amounts([line(1, 9_000_000_000_000_000_000)], currency: Self.krw) }
        #expect(throws: QuoteMathError.lineOutOfRange(line: 0)) { try QuoteMath.amounts([line(1, -9_000_000_000_000_000_000)], currency: Self.krw) }
        #expect(throws: QuoteMathError.totalOutOfRange) { try QuoteMath.amounts([line(1, 600_000_000_000_000), line(1, 600_000_000_000_000)], currency: Self.krw) }
        #expect(throws: QuoteMathError.lineOutOfRange(line: 0)) { try QuoteMath.amounts([line(10_000, 1_000_000_000_000_000)], currency: Self.krw) }
        #expect(throws: QuoteMathError.quantityOutOfRange(line: 0)) {
            try QuoteMath.amounts([line(Decimal(string: "100000000000000000000")!, 100, usd)], currency: usd)
        }
        #expect(throws: QuoteMathError.quantityOutOfRange(line: 0)) { try QuoteMath.amounts([line(Decimal(string: "1.0000001")!, 100)], currency: Self.krw) }
    }

    @Test func roundingSaturatesInsteadOfTrapping() {
        #expect(QuoteMath.round(Decimal(string: "1e30")!) == .max)
        #expect(QuoteMath.round(Decimal(string: "-1e30")!) == .min)
    }
}
