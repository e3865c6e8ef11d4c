/// Money as people read it: the currency's symbol, digits grouped by thousands and exactly
/// the currency's minor units (`₩33,333`, `¥1,200`, `$1,200.50`). English, Korean and
/// Japanese all group with commas and use a point, so only the symbol depends on the
/// reader: a dollar is `$` to an American and `US$` to a Korean or Japanese reader.
public enum MoneyDisplay {
    static let symbols: [String: String] = [
        "USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "KRW": "₩", "CNY": "CN¥", "INR": "₹", "VND": "₫",
    ]

    public static func format(_ money: Money, language: String) -> String {
        let code = money.currency.code
        var symbol = symbols[code] ?? code + " "
        if language == "ko" || language == "ja" {
            if code == "USD" { symbol = "US$" }
            if code == "JPY" && language == "ja" { symbol = "￥" }
        }
        var digits = money.decimalString
        let negative = digits.hasPrefix("-")
        if negative { digits.removeFirst() }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        let whole = grouped(String(parts[0]))
        let fraction = parts.count > 1 ? "." + parts[1] : ""
        return (negative ? "-" : "") + symbol + whole + fraction
    }

    /// A sum kept in minor units with its currency code (a report's total); an unknown code
    /// is shown as the code and the bare number.
    public static func format(minorUnits: Int64, currency code: String, language: String) -> String {
        guard let currency = Currency.named(code) else { return code + " " + String(minorUnits) }
        return format(Money(minorUnits: minorUnits, currency: currency), language: language)
    }

    /// `1234567` → `1,234,567`.
    public static func grouped(_ digits: String) -> String {
        var out: [Character] = []
        for (i, c) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return String(out.reversed())
    }
}
