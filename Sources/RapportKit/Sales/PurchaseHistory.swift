/// What a customer has bought from us and what we have bought from a supplier, as an
/// organization's or person's page shows it: lifetime revenue, how many orders, the last
/// purchase, supplier spend and the contracts still running. Cancelled orders count for
/// nothing; amounts in different currencies are never added together.
public struct PurchaseHistory: Sendable, Equatable {
    /// Orders grouped as the database sums them: one direction and currency.
    public struct OrderGroup: Sendable, Equatable {
        public var direction: String
        public var currency: String?
        public var orders: Int
        /// Minor units.
        public var total: Int64
        /// `YYYY-MM-DD` of the newest order in the group.
        public var last: String?

        public init(direction: String, currency: String?, orders: Int, total: Int64, last: String?) {
            self.direction = direction
            self.currency = currency
            self.orders = orders
            self.total = total
            self.last = last
        }
    }

    public struct Amount: Sendable, Equatable {
        public var currency: String
        public var minorUnits: Int64

        public init(currency: String, minorUnits: Int64) {
            self.currency = currency
            self.minorUnits = minorUnits
        }
    }

    public struct Side: Sendable, Equatable {
        public var orders = 0
        public var amounts: [Amount] = []
        public var last: String?
    }

    /// What they bought from us (lifetime revenue).
    public var sold = Side()
    /// What we bought from them (supplier spend).
    public var bought = Side()

    public init(_ groups: [OrderGroup]) {
        for g in groups {
            var side = g.direction == "buy" ? bought : sold
            side.orders += g.orders
            if let currency = g.currency {
                if let i = side.amounts.firstIndex(where: { $0.currency == currency }) { side.amounts[i].minorUnits += g.total } else {
                    side.amounts.append(Amount(currency: currency, minorUnits: g.total))
                }
            }
            if let last = g.last, last > (side.last ?? "") { side.last = last }
            side.amounts.sort { $0.currency < $1.currency }
            if g.direction == "buy" { bought = side } else { sold = side }
        }
    }

    public var isEmpty: Bool { sold.orders == 0 && bought.orders == 0 }
}
