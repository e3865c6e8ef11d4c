/// What a field holds; the one switch every layer (validation, storage, OpenAPI, CSV) reads.
///
/// Kinds are deliberately coarse: each one has a single canonical JSON form, a single
/// storage shape and a single validator, so a new record type is only a list of fields.
public enum FieldKind: Sendable, Equatable {
    /// Single-line text up to `maxLength` characters.
    case text(maxLength: Int)
    /// Free text such as a note body (up to 100,000 characters).
    case longText
    /// A list of `{ "address": ..., "primary": bool }`; exactly one is primary.
    case emails
    /// A list of `{ "number": ..., "kind": ... }`.
    case phones
    /// An absolute http(s) URL.
    case url
    /// A DNS name, stored lower-case without scheme or `www.`.
    case domain
    /// A decimal number kept as its literal, never a binary float.
    case number
    /// A calendar date, `YYYY-MM-DD`.
    case date
    /// A calendar month `YYYY-MM` (a quota's month).
    case month
    /// An instant, RFC 3339, stored in UTC.
    case dateTime
    case boolean
    /// One of a fixed list of values.
    case choice([String])
    /// Any subset of a fixed list of values.
    case choices([String])
    /// `{ "amount": "1200.50", "currency": "KRW" }`.
    case money
    /// The id of one record of the named type.
    case reference(String)
    /// Ids of records of the named type.
    case references(String)
    /// `{ "type": ..., "id": ... }` pairs pointing at records of any type.
    case links
    /// Tag names.
    case tags
    /// The id of a user.
    case user
    /// The id of a team (a quota's sales team).
    case team
    /// ISO 3166-1 alpha-2 country code.
    case country
    /// BCP 47 language tag such as `ko`, `ja-JP`.
    case language
    /// IANA time zone such as `Asia/Seoul`.
    case timeZone

    /// Kinds an admin may choose for a custom field.
    public static let customFieldKinds = ["text", "number", "date", "boolean", "choice", "money"]

    /// True when the stored form is a list kept in a JSON column plus the membership index.
    public var isList: Bool {
        switch self {
        case .emails, .phones, .choices, .references, .links, .tags: return true
        default: return false
        }
    }

    /// Short name used in error messages, field listings and the custom-field API.
    public var name: String {
        switch self {
        case .text: return "text"
        case .longText: return "long_text"
        case .emails: return "emails"
        case .phones: return "phones"
        case .url: return "url"
        case .domain: return "domain"
        case .number: return "number"
        case .date: return "date"
        case .month: return "month"
        case .dateTime: return "date_time"
        case .boolean: return "boolean"
        case .choice: return "choice"
        case .choices: return "choices"
        case .money: return "money"
        case .reference: return "reference"
        case .references: return "references"
        case .links: return "links"
        case .tags: return "tags"
        case .user: return "user"
        case .team: return "team"
        case .country: return "country"
        case .language: return "language"
        case .timeZone: return "time_zone"
        }
    }
}
