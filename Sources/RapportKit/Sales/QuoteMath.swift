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
    /// The line's own rounded tax under `per_line`; zero under `per_rate`, where tax exists
    /// only per rate on the whole document.
    public var tax: Money
    public var total: Money
}

/// What a document owes at one tax rate: the sum of its lines' net amounts at that rate and
/// the tax on them (a qualified invoice in Japan must show both, per rate).
public struct RateAmounts: Sendable, Equatable {
    public var taxPercent: Decimal
    public var net: Money
    public var tax: Money

    public init(taxPercent: Decimal, net: Money, tax: Money) {
        self.taxPercent = taxPercent
        self.net = net
        self.tax = tax
    }
}

/// A quote's amounts: subtotal, discount and net are sums of the rounded lines; tax is the
/// sum of the lines' taxes (`per_line`) or of the per-rate taxes (`per_rate`).
public struct QuoteAmounts: Sendable, Equatable {
    public var lines: [LineAmounts]
    /// One entry per tax rate, highest rate first.
    public var rates: [RateAmounts]
    public var subtotal: Money
    public var discount: Money
    public var tax: Money
    public var total: Money
}

/// Where consumption tax is rounded on a quote or order.
public enum TaxRounding: String, Sendable, CaseIterable {
    /// Each line's tax is rounded on its own; the document adds the rounded taxes.
    case perLine = "per_line"
    /// Tax is computed once per rate on the sum of the lines at that rate and rounded once,
    /// as Japan's qualified invoice (適格請求書) requires: rounding per line and adding is not
    /// allowed there (Consumption Tax Act Enforcement Order art. 70-10; NTA Q&A 問57).
    case perRate = "per_rate"

    /// The mode a seller in a country uses unless a document chooses: JP sellers issue
    /// qualified invoices, everyone else keeps the per-line rule.
    public static func defaultFor(sellerCountry: String?) -> TaxRounding {
        sellerCountry?.uppercased() == "JP" ? .perRate : .perLine
    }
}

public enum QuoteMathError: Error, Sendable, Equatable {
    case mixedCurrencies(line: Int)
    case negativeQuantity(line: Int)
    case percentOutOfRange(line: Int, field: String)
    /// A quantity beyond ``QuoteMath/maxQuantity`` or with more than six decimals.
    case quantityOutOfRange(line: Int)
    /// A line's amount (quantity × unit price, or with its tax) beyond ``Money/limit``.
    case lineOutOfRange(line: Int)
    /// The document's total beyond ``Money/limit``.
    case totalOutOfRange
}

/// Quote arithmetic in exact decimals and the currency's minor units (none for KRW and
/// JPY, two for USD and EUR).
///
/// The rounding rule, applied to every line on its own: gross = quantity × unit price,
/// rounded to the minor unit; discount = gross × discount %, rounded; net = gross −
/// discount; then under `per_line` tax = net × tax %, rounded, and line total = net + tax;
/// under `per_rate` the nets at each tax rate are added and their tax rounded once.
/// Rounding is half away from zero (0.5 → 1, −0.5 → −1). The document's subtotal,
/// discount and net are sums of the lines' rounded amounts, never re-rounded from
/// unrounded sums.
///
/// `3 × ₩33,333, 10% off, 10% tax` → gross ₩99,999, discount ₩10,000 (9,999.9),
/// net ₩89,999, tax ₩9,000 (8,999.9), total ₩98,999.
///
/// - Important: Never traps. Quantities are at most ``maxQuantity`` with six decimals,
///   percentages 0–100 with six decimals, unit prices within ``Money/limit``, so every
///   product fits Decimal's 38 digits exactly; every amount is checked against
///   ``Money/limit`` before it becomes an Int64, and sums use checked addition.
public enum QuoteMath {
    /// The largest quantity a line may have (10^9).
    public static let maxQuantity: Decimal = 1_000_000_000
    /// Decimals a quantity or percentage may have.
    public static let maxFractionDigits = 6

    public static func amounts(_ lines: [QuoteLine], currency: Currency, rounding: TaxRounding = .perLine) throws(QuoteMathError) -> QuoteAmounts {
        var out: [LineAmounts] = []
        var rateNets: [Decimal: Int64] = [:]
        var rateTaxes: [Decimal: Int64] = [:]
        func m(_ v: Int64) -> Money { Money(minorUnits: v, currency: currency) }
        for (i, line) in lines.enumerated() {
            guard line.unitPrice.currency == currency else { throw .mixedCurrencies(line: i) }
            guard line.quantity >= 0 else { throw .negativeQuantity(line: i) }
            guard line.quantity <= maxQuantity, hasAtMostSixDecimals(line.quantity) else { throw .quantityOutOfRange(line: i) }
            guard (0...100).contains(line.discountPercent), hasAtMostSixDecimals(line.discountPercent) else { throw .percentOutOfRange(line: i, field: "discount_percent") }
            guard (0...100).contains(line.taxPercent), hasAtMostSixDecimals(line.taxPercent) else { throw .percentOutOfRange(line: i, field: "tax_percent") }
            guard line.unitPrice.isWithinLimit else { throw .lineOutOfRange(line: i) }
            guard let gross = bounded(line.quantity * Decimal(line.unitPrice.minorUnits)) else { throw .lineOutOfRange(line: i) }
            // |discount| ≤ |gross| and |tax| ≤ |net| ≤ |gross|: both fit once gross does.
            let discount = round(Decimal(gross) * line.discountPercent / 100)
            let net = gross - discount
            let lineTax = rounding == .perLine ? round(Decimal(net) * line.taxPercent / 100) : 0
            let total = net + lineTax
            guard total.magnitude <= Money.limit.magnitude else { throw .lineOutOfRange(line: i) }
            let rate = compact(line.taxPercent)
            rateNets[rate] = try add(rateNets[rate] ?? 0, net)
            rateTaxes[rate] = try add(rateTaxes[rate] ?? 0, lineTax)
            out.append(LineAmounts(gross: m(gross), discount: m(discount), net: m(net), tax: m(lineTax), total: m(total)))
        }
        var rates: [RateAmounts] = []
        for (rate, net) in rateNets.sorted(by: { $0.key > $1.key }) {
            let tax: Int64
            if rounding == .perRate {
                guard let t = bounded(Decimal(net) * rate / 100) else { throw .totalOutOfRange }
                tax = t
            } else {
                tax = rateTaxes[rate] ?? 0
            }
            rates.append(RateAmounts(taxPercent: rate, net: m(net), tax: m(tax)))
        }
        var subtotal: Int64 = 0, discount: Int64 = 0, tax: Int64 = 0
        for line in out {
            subtotal = try add(subtotal, line.gross.minorUnits)
            discount = try add(discount, line.discount.minorUnits)
        }
        for rate in rates { tax = try add(tax, rate.tax.minorUnits) }
        let total = try add(try add(subtotal, -discount), tax)
        return QuoteAmounts(lines: out, rates: rates, subtotal: m(subtotal), discount: m(discount), tax: m(tax), total: m(total))
    }

    /// Checked addition that also keeps the sum within ``Money/limit``.
    static func add(_ a: Int64, _ b: Int64) throws(QuoteMathError) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        guard !overflow, sum.magnitude <= Money.limit.magnitude else { throw .totalOutOfRange }
        return sum
    }

    /// Rounded to a whole number of minor units, or nil beyond ``Money/limit``.
    static func bounded(_ value: Decimal) -> Int64? {
        let limit = Decimal(Money.limit)
        guard value.isFinite, value.magnitude <= limit + Decimal(sign: .plus, exponent: -1, significand: 5) else { return nil }
        let r = round(value)
        return r.magnitude <= Money.limit.magnitude ? r : nil
    }

    /// One representation per value, so 10 and 10.0 are one rate when used as a key.
    static func compact(_ value: Decimal) -> Decimal {
        var v = value
        NSDecimalCompact(&v)
        return v
    }

    static func hasAtMostSixDecimals(_ value: Decimal) -> Bool {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, maxFractionDigits, .plain)
        return result == value
    }

    /// Half away from zero, to a whole number of minor units; saturates at the ends of Int64
    /// instead of trapping (callers that must not saturate bound the value first).
    public static func round(_ value: Decimal) -> Int64 {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, 0, .plain)
        if result.isNaN { return 0 }
        if result >= Decimal(Int64.max) { return .max }
        if result <= Decimal(Int64.min) { return .min }
        return Int64(truncating: result as NSDecimalNumber)
    }

    /// A decimal from its plain text ("8.875", "3", "-0.5"); nil for anything else.
    public static func decimal(_ text: String) -> Decimal? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty, t.count <= 40, t.range(of: #"^-?[0-9]+(\.[0-9]+)?$"#, options: .regularExpression) != nil else { return nil }
        return Decimal(string: t, locale: Locale(identifier: "en_US_POSIX"))
    }
}
