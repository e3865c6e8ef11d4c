/// A statement with its bound values, built by interpolation:
/// `SQL("SELECT * FROM people WHERE id = \(id)")` binds `id`; `\(raw: name)` inserts text
/// that must come from record descriptions, never from a request.
///
/// Binds render as `?` on SQLite and `$n` on PostgreSQL. Null binds are written as the
/// literal `NULL` so PostgreSQL never has to guess the type of an untyped null parameter.
public struct SQL: Sendable, ExpressibleByStringInterpolation {
    enum Part: Sendable {
        case raw(String)
        case bind(SQLValue)
    }

    var parts: [Part] = []

    public init(stringLiteral value: String) {
        parts = [.raw(value)]
    }

    public init(_ raw: String) {
        parts = [.raw(raw)]
    }

    public init(stringInterpolation: Interpolation) {
        parts = stringInterpolation.parts
    }

    public struct Interpolation: StringInterpolationProtocol {
        var parts: [Part] = []
        public init(literalCapacity: Int, interpolationCount: Int) {}
        public mutating func appendLiteral(_ literal: String) { parts.append(.raw(literal)) }
        public mutating func appendInterpolation(_ value: SQLValue) { parts.append(.bind(value)) }
        public mutating func appendInterpolation(_ value: String) { parts.append(.bind(.text(value))) }
        public mutating func appendInterpolation(_ value: String?) { parts.append(.bind(value.map(SQLValue.text) ?? .null)) }
        public mutating func appendInterpolation(_ value: Int) { parts.append(.bind(.integer(Int64(value)))) }
        public mutating func appendInterpolation(_ value: Int64) { parts.append(.bind(.integer(value))) }
        public mutating func appendInterpolation(_ value: Int64?) { parts.append(.bind(value.map(SQLValue.integer) ?? .null)) }
        public mutating func appendInterpolation(raw: String) { parts.append(.raw(raw)) }
        public mutating func appendInterpolation(_ sql: SQL) { parts += sql.parts }
    }

    public mutating func append(_ other: SQL) { parts += other.parts }
    public mutating func append(raw: String) { parts.append(.raw(raw)) }
    public mutating func append(bind value: SQLValue) { parts.append(.bind(value)) }

    public static func + (lhs: SQL, rhs: SQL) -> SQL {
        var out = lhs
        out.parts += rhs.parts
        return out
    }

    /// `a, b, c` joined by `separator`.
    public static func join(_ items: [SQL], _ separator: String) -> SQL {
        var out = SQL("")
        for (i, item) in items.enumerated() {
            if i > 0 { out.append(raw: separator) }
            out.append(item)
        }
        return out
    }

    public var bindCount: Int {
        parts.reduce(0) { if case .bind(let v) = $1, v != .null { return $0 + 1 }; return $0 }
    }

    /// The text with `?` (SQLite) or `$n` (PostgreSQL) placeholders and the values to bind.
    func rendered(numbered: Bool) -> (String, [SQLValue]) {
        var text = ""
        var binds: [SQLValue] = []
        for part in parts {
            switch part {
            case .raw(let s): text += s
            case .bind(.null): text += "NULL"
            case .bind(let v):
                binds.append(v)
                text += numbered ? "$\(binds.count)" : "?"
            }
        }
        return (text, binds)
    }
}
