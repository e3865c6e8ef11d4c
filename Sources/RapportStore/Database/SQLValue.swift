/// A value as stored: every column is text or a 64-bit integer on both databases, so one
/// SQL path serves SQLite and PostgreSQL without per-dialect type mapping.
public enum SQLValue: Sendable, Hashable {
    case null
    case text(String)
    case integer(Int64)

    public var text: String? {
        if case .text(let s) = self { return s }
        return nil
    }

    public var integer: Int64? {
        if case .integer(let i) = self { return i }
        return nil
    }
}
