import Foundation

/// One line of a quote: a quantity of something at a unit price, less a discount, plus tax.
public struct QuoteLine: Sendable, Equatable {
    /// May be fractional (1.5 hours).
    public var quantity: Decimal
    public var unitPrice: Money
    /// Percent off the line, 0 to 100.
    public var discountPercent: Decimal
    /// Percent added on the discounted amount (8.875 for New York City sales tax).
    public var taxPercent: Decimal

    public init(quantity: Decimal, unitPrice: Money, discountPercent: Decimal = 0, taxPercent: Decimal = 0) {
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.discountPercent = discountPercent
        self.taxPercent = taxPercent
    }
}

/// A line's amounts, each already rounded to the currency's minor unit.
public struct LineAmounts: Sendable, Equatable {
    public var gross: Money
    public var discount: Money
    public var net: Money
    public var tax: Money
    public var total: Money
}

/// A quote's amounts: every figure is the sum of its lines' rounded figures, so a printed
/// quote always adds up line by line.
public struct QuoteAmounts: Sendable, Equatable {
    public var lines: [LineAmounts]
    public var subtotal: Money
    public var discount: Money
    public var tax: Money
    public var total: Money
}

public enum QuoteMathError: Error, Sendable, Equatable {
    case mixedCurrencies(line: Int)
    case negativeQuantity(line: Int)
    case percentOutOfRange(line: Int, field: String)
}

/// Quote arithmetic in exact decimals and the currency's minor units (none for KRW and
/// JPY, two for USD and EUR).
///
/// The rounding rule, applied to every line on its own: gross = quantity × unit price,
/// rounded to the minor unit; discount = gross × discount %, rounded; net = gross −
/// discount; tax = net × tax %, rounded; line total = net + tax. Rounding is half away
/// from zero (0.5 → 1, −0.5 → −1). The quote's subtotal, discount, tax and total are the
/// sums of the lines' rounded amounts, never re-rounded from unrounded sums.
///
/// `3 × ₩33,333, 10% off, 10% tax` → gross ₩99,999, discount ₩10,000 (9,999.9),
/// net ₩89,999, tax ₩9,000 (8,999.9), total ₩98,999.
public enum QuoteMath {
    public static func amounts(_ lines: [QuoteLine], currency: Currency) throws(QuoteMathError) -> QuoteAmounts {
        var out: [LineAmounts] = []
        for (i, line) in lines.enumerated() {
            guard line.unitPrice.currency == currency else { throw .mixedCurrencies(line: i) }
            guard line.quantity >= 0 else { throw .negativeQuantity(line: i) }
            guard (0...100).contains(line.discountPercent) else { throw .percentOutOfRange(line: i, field: "discount_percent") }
            guard line.taxPercent >= 0, line.taxPercent <= 100 else { throw .percentOutOfRange(line: i, field: "tax_percent") }
            let gross = round(line.quantity * Decimal(line.unitPrice.minorUnits))
            let discount = round(Decimal(gross) * line.discountPercent / 100)
            let net = gross - discount
            let tax = round(Decimal(net) * line.taxPercent / 100)
            func m(_ v: Int64) -> Money { Money(minorUnits: v, currency: currency) }
            out.append(LineAmounts(gross: m(gross), discount: m(discount), net: m(net), tax: m(tax), total: m(net + tax)))
        }
        func sum(_ key: KeyPath<LineAmounts, Money>) -> Money {
            Money(minorUnits: out.reduce(0) { $0 + $1[keyPath: key].minorUnits }, currency: currency)
        }
        return QuoteAmounts(lines: out, subtotal: sum(\.gross), discount: sum(\.discount), tax: sum(\.tax), total: sum(\.total))
    }

    /// Half away from zero, to a whole number of minor units.
    public static func round(_ value: Decimal) -> Int64 {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, 0, .plain)
        return Int64(truncating: result as NSDecimalNumber)
    }

    /// A decimal from its plain text ("8.875", "3", "-0.5"); nil for anything else.
    public static func decimal(_ text: String) -> Decimal? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty, t.range(of: #"^-?[0-9]+(\.[0-9]+)?$"#, options: .regularExpression) != nil else { return nil }
        return Decimal(string: t, locale: Locale(identifier: "en_US_POSIX"))
    }
}
