import Foundation

/// The seller's tax registration number as its country writes it, checked by the
/// country's published check-digit rule so a mistyped number is refused before it is
/// printed on an invoice the buyer cannot deduct tax from.
public enum TaxRegistrationNumber {
    /// The number in its canonical form (spaces and hyphens dropped, Japan's `T`
    /// upper-cased), or nil when it does not follow the country's format. Countries
    /// without a rule here accept any 1 to 40 printable characters.
    public static func canonical(_ raw: String, country: String?) -> String? {
        let compact = String(raw.filter { $0 != " " && $0 != "-" })
        switch country?.uppercased() {
        case "JP": return japan(compact)
        case "KR": return korea(compact)
        default:
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            guard (1...40).contains(trimmed.count), !trimmed.unicodeScalars.contains(where: { $0.value < 0x20 }) else { return nil }
            return trimmed
        }
    }

    /// The format a country's numbers follow, for an error message.
    public static func expected(country: String?) -> String {
        switch country?.uppercased() {
        case "JP": return "Japan's qualified invoice issuer number: T and 13 digits with a valid check digit, such as T7000012050002."
        case "KR": return "Korea's 10-digit business registration number with a valid check digit, such as 124-81-00998."
        default: return "1 to 40 printable characters."
        }
    }

    /// `T` + 13 digits; the first digit checks the other twelve: 9 − (Σ Pn·Qn mod 9), where
    /// Pn is the n-th digit counted from the right and Qn is 1 for odd n, 2 for even n
    /// (法人番号の指定等に関する省令 第2条; the NTA's own number is T7000012050002).
    static func japan(_ s: String) -> String? {
        let upper = s.uppercased()
        guard upper.count == 14, upper.first == "T" else { return nil }
        let digits = upper.dropFirst().compactMap(\.wholeNumberValue)
        guard digits.count == 13, upper.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let base = digits.dropFirst().reversed()
        let sum = base.enumerated().reduce(0) { $0 + $1.element * ($1.offset % 2 == 0 ? 1 : 2) }
        return digits[0] == 9 - sum % 9 ? upper : nil
    }

    /// 10 digits (`124-81-00998`): the first nine weighted 1,3,7,1,3,7,1,3,5, plus the
    /// tens of the ninth digit × 5; the tenth digit makes the sum a multiple of ten.
    /// Stored as the tax office prints it, `XXX-XX-XXXXX`.
    static func korea(_ s: String) -> String? {
        guard s.count == 10, s.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let d = s.compactMap(\.wholeNumberValue)
        let weights = [1, 3, 7, 1, 3, 7, 1, 3, 5]
        let sum = zip(d, weights).reduce(0) { $0 + $1.0 * $1.1 } + d[8] * 5 / 10
        guard (10 - sum % 10) % 10 == d[9] else { return nil }
        return "\(s.prefix(3))-\(s.dropFirst(3).prefix(2))-\(s.suffix(5))"
    }
}
