/// Builds HTML in Swift for the parts of a page repeated per row (a list's fifty rows, a
/// value's pieces). Mustache looks every name up through the context stack with dynamic
/// casts; at fifty rows of eight cells that was more than half of a list page's time.
/// Text is escaped exactly as the templates escape it, so the two can be mixed.
struct HTMLWriter {
    private(set) var html = ""

    init(capacity: Int = 0) {
        html.reserveCapacity(capacity)
    }

    /// Markup written by the program, never text from a user.
    mutating func raw(_ markup: String) {
        html += markup
    }

    /// Text or an attribute value, escaped.
    mutating func text(_ text: String) {
        Self.escape(text, into: &html)
    }

    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        escape(text, into: &out)
        return out
    }

    /// The five characters Mustache escapes, found by byte: each is ASCII, so a slice cut
    /// beside one always falls on a character boundary.
    static func escape(_ text: String, into out: inout String) {
        let bytes = text.utf8
        var start = bytes.startIndex
        var i = start
        while i != bytes.endIndex {
            let replacement: String? = switch bytes[i] {
            case UInt8(ascii: "<"): "&lt;"
            case UInt8(ascii: ">"): "&gt;"
            case UInt8(ascii: "&"): "&amp;"
            case UInt8(ascii: "\""): "&quot;"
            case UInt8(ascii: "'"): "&#39;"
            default: nil
            }
            if let replacement {
                out += text[start..<i]
                out += replacement
                start = bytes.index(after: i)
            }
            i = bytes.index(after: i)
        }
        out += text[start...]
    }
}
