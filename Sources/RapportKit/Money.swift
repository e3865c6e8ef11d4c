import Foundation

/// ISO 4217 currency with the number of minor-unit digits (KRW and JPY have none, USD two, BHD three).
///
/// The minor units decide how many decimals an amount may have, so they come from a fixed table
/// rather than from locale data that differs between platforms.
public struct Currency: Sendable, Hashable, CustomStringConvertible {
    public let code: String
    public let minorUnits: Int

    init(code: String, minorUnits: Int) {
        self.code = code
        self.minorUnits = minorUnits
    }

    public var description: String { code }

    /// Case-insensitive, so user input such as "krw" works; nil for codes not in `all`.
    public static func named(_ code: String) -> Currency? {
        byCode[code.uppercased()]
    }

    /// Minor units follow the ISO 4217 table, not common practice (IDR, HUF and TWD officially have two).
    public static let all: [Currency] = [
        ("USD", 2), ("EUR", 2), ("JPY", 0), ("KRW", 0), ("GBP", 2), ("CNY", 2), ("TWD", 2), ("HKD", 2),
        ("SGD", 2), ("AUD", 2), ("CAD", 2), ("CHF", 2), ("SEK", 2), ("NOK", 2), ("DKK", 2), ("INR", 2),
        ("IDR", 2), ("THB", 2), ("VND", 0), ("PHP", 2), ("MYR", 2), ("BRL", 2), ("MXN", 2), ("ZAR", 2),
        ("NZD", 2), ("PLN", 2), ("CZK", 2), ("HUF", 2), ("ILS", 2), ("AED", 2), ("SAR", 2), ("TRY", 2),
        ("RUB", 2), ("BHD", 3), ("KWD", 3), ("OMR", 3), ("JOD", 3), ("TND", 3), ("CLP", 0), ("ISK", 0),
        ("UGX", 0), ("LYD", 3), ("IQD", 3), ("PYG", 0), ("XAF", 0), ("XOF", 0), ("XPF", 0), ("RWF", 0),
        ("EGP", 2), ("PKR", 2), ("BDT", 2), ("NGN", 2), ("KES", 2), ("COP", 2), ("ARS", 2), ("PEN", 2),
        ("UAH", 2), ("RON", 2), ("QAR", 2), ("MOP", 2),
    ].map { Currency(code: $0.0, minorUnits: $0.1) }

    private static let byCode: [String: Currency] = Dictionary(
        uniqueKeysWithValues: all.map { ($0.code, $0) })
}

/// Why an amount could not be turned into `Money`.
public enum MoneyError: Error, Sendable, Equatable {
    case invalidAmount
    case tooManyDecimals(allowed: Int)
    case outOfRange
    case unknownCurrency
}

/// Money stored as an integer count of the currency's minor units, so sums and comparisons are exact.
///
/// Floating point cannot represent most decimal fractions, and rounding errors in ledgers are
/// visible to users; an Int64 of minor units is exact and cheap to store in SQL.
public struct Money: Sendable, Hashable {
    public var minorUnits: Int64
    public var currency: Currency

    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// The largest magnitude an amount may have, in minor units: 10^15 (₩1,000,000,000,000,000,
    /// $10,000,000,000,000.00).
    ///
    /// Far beyond any real deal, and 9,223 times below `Int64.max`, so a line's net plus its
    /// tax, a document's lines and thousands of deals add up without leaving Int64. Input
    /// beyond it is refused where it enters (``FieldValidator``), never wrapped or trapped on.
    public static let limit: Int64 = 1_000_000_000_000_000

    /// True when the amount is within ±``limit``.
    public var isWithinLimit: Bool { minorUnits.magnitude <= Money.limit.magnitude }

    /// The largest amount allowed in a currency, for messages and the API description.
    public static func largest(in currency: Currency) -> Money { Money(minorUnits: limit, currency: currency) }

    /// Parses a plain decimal string ("1200.50", "-3", "0.5"); no exponent, no grouping separators, no sign "+".
    ///
    /// Throws `.tooManyDecimals` when the string has more fraction digits than the currency allows
    /// (e.g. "10.5" KRW), `.invalidAmount` for anything not a decimal, `.outOfRange` on Int64 overflow.
    /// Trailing zeros beyond the minor units are allowed ("10.500" USD) because they change nothing,
    /// whereas "10.505" USD would have to be rounded, and rounding is the caller's decision.
    public init(decimal: String, currency: Currency) throws(MoneyError) {
        let bytes = Array(decimal.utf8)
        var index = 0
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { index = 1 }

        let integerStart = index
        while index < bytes.count, Money.isDigit(bytes[index]) { index += 1 }
        let integerDigits = bytes[integerStart..<index]
        var fractionDigits = bytes[index..<index]
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            let fractionStart = index + 1
            index = fractionStart
            while index < bytes.count, Money.isDigit(bytes[index]) { index += 1 }
            fractionDigits = bytes[fractionStart..<index]
            if fractionDigits.isEmpty { throw .invalidAmount }
        }
        guard index == bytes.count, !integerDigits.isEmpty else { throw .invalidAmount }

        let allowed = currency.minorUnits
        if fractionDigits.count > allowed, fractionDigits.dropFirst(allowed).contains(where: { $0 != UInt8(ascii: "0") }) {
            throw .tooManyDecimals(allowed: allowed)
        }

        // Accumulating toward the sign of the result lets Int64.min parse without overflowing.
        var value: Int64 = 0
        func push(_ digit: UInt8) throws(MoneyError) {
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: 10)
            let amount = Int64(digit - UInt8(ascii: "0"))
            let (next, overflowB) = negative
                ? shifted.subtractingReportingOverflow(amount)
                : shifted.addingReportingOverflow(amount)
            if overflowA || overflowB { throw .outOfRange }
            value = next
        }
        for digit in integerDigits { try push(digit) }
        for position in 0..<allowed {
            let offset = fractionDigits.startIndex + position
            try push(offset < fractionDigits.endIndex ? fractionDigits[offset] : UInt8(ascii: "0"))
        }
        self.init(minorUnits: value, currency: currency)
    }

    /// Canonical decimal string with exactly minorUnits fraction digits: "1200.50", "33333", "-0.05".
    ///
    /// Uses no grouping or locale so the text is stable in CSV exports and parses back with `init(decimal:currency:)`.
    public var decimalString: String {
        let magnitude = minorUnits.magnitude
        var scale: UInt64 = 1
        for _ in 0..<currency.minorUnits { scale *= 10 }
        let whole = String(magnitude / scale)
        var text = minorUnits < 0 ? "-" + whole : whole
        if currency.minorUnits > 0 {
            let fraction = String(magnitude % scale)
            text += "." + String(repeating: "0", count: currency.minorUnits - fraction.count) + fraction
        }
        return text
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
