extension QuoteMath {
    /// The field error a client sees for a line or document ``QuoteMath`` cannot total, so
    /// quotes and orders word their limits the same way.
    public static func fieldError(_ error: QuoteMathError) -> FieldError {
        switch error {
        case .mixedCurrencies:
            return FieldError(field: "unit_price", code: "invalid_currency", message: "Lines are priced in their document's currency.")
        case .negativeQuantity:
            return FieldError(field: "quantity", code: "out_of_range", message: "A quantity is zero or more.")
        case .quantityOutOfRange:
            return FieldError(field: "quantity", code: "out_of_range", message: "A quantity is at most 1000000000, with at most \(maxFractionDigits) decimals.")
        case .percentOutOfRange(_, let field):
            return FieldError(field: field, code: "out_of_range", message: "A percentage from 0 to 100, with at most \(maxFractionDigits) decimals.")
        case .lineOutOfRange:
            return FieldError(field: "quantity", code: "out_of_range", message: "Quantity × unit price (with tax) is beyond the largest amount, \(Money.limit) minor units.")
        case .totalOutOfRange:
            return FieldError(field: "quantity", code: "out_of_range", message: "The document's total would be beyond the largest amount, \(Money.limit) minor units.")
        }
    }
}
