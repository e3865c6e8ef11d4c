/// A running total of money in minor units that says when it left Int64 instead of
/// wrapping (`&+` turned 2 × 5×10^18 into a negative figure on Home) or trapping (`+`
/// crashes the server). Once it overflows it stays at the bound it passed, and
/// ``overflowed`` tells the page to say "more than" rather than show the bound as exact.
public struct MoneyTotal: Sendable, Equatable {
    public private(set) var value: Int64
    /// True once a sum went past Int64; ``value`` then holds `Int64.max` or `Int64.min`.
    public private(set) var overflowed: Bool

    public init(_ value: Int64 = 0, overflowed: Bool = false) {
        self.value = value
        self.overflowed = overflowed
    }

    public mutating func add(_ amount: Int64) {
        // Past the bound, further amounts cannot make the figure exact again.
        guard !overflowed else { return }
        let (sum, overflow) = value.addingReportingOverflow(amount)
        if overflow {
            value = amount < 0 ? .min : .max
            overflowed = true
        } else {
            value = sum
        }
    }

    /// Adds another total, carrying its overflow.
    public mutating func add(_ other: MoneyTotal) {
        add(other.value)
        if other.overflowed {
            if !overflowed { value = other.value < 0 ? .min : .max }
            overflowed = true
        }
    }

    public static func sum(_ amounts: some Sequence<Int64>) -> MoneyTotal {
        var total = MoneyTotal()
        for a in amounts { total.add(a) }
        return total
    }
}
