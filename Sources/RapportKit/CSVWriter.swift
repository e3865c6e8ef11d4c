import Foundation

/// Writes CSV that `CSVParser` and common spreadsheets read back to the same fields.
///
/// Lines end with CRLF as RFC 4180 asks, which is also what spreadsheet importers expect.
public enum CSVWriter {
    /// Quotes only when needed (delimiter, quote, CR, LF, leading/trailing space); doubles quotes.
    ///
    /// Leading and trailing spaces are quoted because several spreadsheets trim them from bare fields.
    public static func field(_ value: String) -> String {
        let utf8 = value.utf8
        var needsQuotes = utf8.first == UInt8(ascii: " ") || utf8.last == UInt8(ascii: " ")
            || utf8.first == UInt8(ascii: "\t") || utf8.last == UInt8(ascii: "\t")
        var hasQuote = false
        if !needsQuotes {
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: ","), UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                    needsQuotes = true
                case UInt8(ascii: "\""):
                    needsQuotes = true
                    hasQuote = true
                default:
                    continue
                }
                if hasQuote { break }
            }
        } else {
            hasQuote = utf8.contains(UInt8(ascii: "\""))
        }
        guard needsQuotes else { return value }
        let body = hasQuote ? value.replacingOccurrences(of: "\"", with: "\"\"") : value
        return "\"" + body + "\""
    }

    /// Joined with ",", ends with "\r\n".
    public static func line(_ fields: [String]) -> String {
        var result = ""
        for (position, value) in fields.enumerated() {
            if position > 0 { result += "," }
            result += field(value)
        }
        result += "\r\n"
        return result
    }
}
