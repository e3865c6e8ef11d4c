import Hummingbird
import RapportKit

/// Query parameters decoded the way browsers and HTTP clients encode them (`+` is a space,
/// keys are percent-decoded too, so `filter%5Bname%5D` works).
enum QueryString {
    static func parse(_ query: String?) throws -> [(String, String)] {
        guard let query, !query.isEmpty else { return [] }
        var out: [(String, String)] = []
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = decode(parts[0]), let value = decode(parts.count > 1 ? parts[1] : "") else {
                throw Problem.badRequest("The query string is not valid percent-encoded UTF-8.")
            }
            out.append((key, value))
        }
        return out
    }

    static func decode(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var it = text.utf8.makeIterator()
        while let c = it.next() {
            if c == UInt8(ascii: "+") {
                bytes.append(0x20)
            } else if c == UInt8(ascii: "%") {
                guard let h = it.next(), let l = it.next(), let hv = hex(h), let lv = hex(l) else { return nil }
                bytes.append(hv << 4 | lv)
            } else {
                bytes.append(c)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: return c - 48
        case 65...70: return c - 55
        case 97...102: return c - 87
        default: return nil
        }
    }
}

extension QueryString {
    /// For routes that take no query parameters: an unexpected one is a 400, not ignored.
    static func expectNone(_ request: Request) throws {
        if let (key, _) = try parse(request.uri.query).first {
            throw Problem.badRequest("Unknown query parameter '\(key)'.", errors: [FieldError(field: key, code: "unknown_parameter", message: "This route takes no query parameters.")])
        }
    }
}
