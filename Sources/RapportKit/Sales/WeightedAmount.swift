import Foundation

/// The one rounding rule for weighted pipeline figures, shared by the forecast and the
/// quota report so the same deals give the same figure in both.
///
/// A report row (a month and currency in the forecast; a rep or team, month and currency in
/// the quota report) adds the exact products amount × probability ÷ 100 of all its open
/// deal groups and rounds the sum once, half away from zero. Rounding per stage or per rep
/// and then adding drifts by a minor unit per group (550.00 against 550.01).
public struct WeightedAmount: Sendable, Equatable {
    private var exact: Decimal = 0

    public init() {}

    /// Adds an amount in minor units at a win probability in percent.
    public mutating func add(_ amount: Int64, probability: Double) {
        exact += Decimal(amount) * Self.decimal(probability) / 100
    }

    /// The sum rounded once to the minor unit.
    public var rounded: Int64 { QuoteMath.round(exact) }

    /// False when the rounded sum lies outside Int64, so ``rounded`` is only the bound.
    public var fits: Bool { exact < Decimal(Int64.max) && exact > Decimal(Int64.min) }

    /// A probability as the decimal it was typed as (55.5, not 55.49999…): Double's
    /// shortest round-tripping text is that decimal.
    static func decimal(_ value: Double) -> Decimal {
        guard value.isFinite else { return 0 }
        return Decimal(string: String(value), locale: Locale(identifier: "en_US_POSIX")) ?? 0
    }
}
