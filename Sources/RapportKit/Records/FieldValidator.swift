import Foundation

/// Turns one incoming JSON value into the field's canonical JSON form, or says why not.
///
/// Canonical forms make storage, dedupe and search deterministic: emails lower-case,
/// instants in UTC, money with exactly the currency's minor digits, choices as listed.
public enum FieldValidator {
    public static let longTextLimit = 100_000

    /// The most items a list field (emails, phones, tags, choices, references, links) holds.
    ///
    /// One request must not tie up a core: every list item costs validation, index rows and
    /// search terms, and no real record has more than a hundred tags or addresses.
    public static let maxListItems = 100

    /// Validates a non-null value. Null handling (required, clearing) is the caller's.
    public static func canonical(_ value: JSONValue, for field: FieldSpec) -> Result<JSONValue, FieldError> {
        func fail(_ code: String, _ message: String) -> Result<JSONValue, FieldError> {
            .failure(FieldError(field: field.name, code: code, message: message))
        }
        if field.kind.isList, let items = value.arrayValue, items.count > maxListItems {
            return fail("too_many", "At most \(maxListItems) items.")
        }
        func wrongType(_ expected: String) -> Result<JSONValue, FieldError> {
            fail("invalid_type", "Expected \(expected).")
        }
        switch field.kind {
        case .text(let maxLength):
            guard let s = value.stringValue else { return wrongType("a string") }
            let t = s.trimmedWhitespace
            if t.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                return fail("invalid_characters", "Control characters are not allowed.")
            }
            if t.count > maxLength { return fail("too_long", "At most \(maxLength) characters.") }
            return .success(t.isVisiblyBlank ? .null : .string(t))
        case .longText:
            guard let s = value.stringValue else { return wrongType("a string") }
            if s.unicodeScalars.contains(where: { ($0.value < 0x20 && $0 != "\n" && $0 != "\r" && $0 != "\t") }) {
                return fail("invalid_characters", "Control characters are not allowed.")
            }
            if s.count > longTextLimit { return fail("too_long", "At most \(longTextLimit) characters.") }
            return .success(s.isEmpty ? .null : .string(s))
        case .emails:
            return emails(value, field: field)
        case .phones:
            return phones(value, field: field)
        case .url:
            guard let s = value.stringValue?.trimmedWhitespace else { return wrongType("a URL string") }
            if s.isEmpty { return .success(.null) }
            guard s.count <= 2048, let url = URL(string: s), let scheme = url.scheme?.lowercased(),
                  scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty
            else { return fail("invalid_url", "Expected an http or https URL.") }
            return .success(.string(s))
        case .domain:
            guard let s = value.stringValue else { return wrongType("a domain string") }
            if s.trimmedWhitespace.isEmpty { return .success(.null) }
            guard let d = Domain.normalize(s) else { return fail("invalid_domain", "Expected a domain such as example.com.") }
            return .success(.string(d))
        case .number:
            let literal: String
            if let n = value.numberLiteral { literal = n } else if let s = value.stringValue { literal = s.trimmedWhitespace } else { return wrongType("a number") }
            guard let canonical = DecimalText.canonical(literal) else { return fail("invalid_number", "Expected a decimal number.") }
            return .success(.number(canonical))
        case .date:
            guard let s = value.stringValue else { return wrongType("a date string YYYY-MM-DD") }
            guard CivilDate.parseISO(s) != nil else { return fail("invalid_date", "Expected a date as YYYY-MM-DD.") }
            return .success(.string(s))
        case .month:
            guard let s = value.stringValue?.trimmedWhitespace else { return wrongType("a month string YYYY-MM") }
            guard CalendarMonth(s) != nil else { return fail("invalid_month", "Expected a month as YYYY-MM, such as 2026-11.") }
            return .success(.string(s))
        case .dateTime:
            guard let s = value.stringValue else { return wrongType("an RFC 3339 date-time string") }
            guard let n = Timestamp.normalize(s) else { return fail("invalid_date_time", "Expected an RFC 3339 date-time such as 2026-01-31T09:00:00+09:00.") }
            return .success(.string(n))
        case .boolean:
            if let b = value.boolValue { return .success(.bool(b)) }
            return wrongType("true or false")
        case .choice(let options):
            guard let s = value.stringValue else { return wrongType("a string") }
            guard let match = options.first(where: { $0.caseInsensitiveCompare(s.trimmedWhitespace) == .orderedSame })
            else { return fail("invalid_choice", "Expected one of: \(options.joined(separator: ", ")).") }
            return .success(.string(match))
        case .choices(let options):
            guard let items = value.arrayValue else { return wrongType("an array of strings") }
            var out: [String] = []
            for item in items {
                guard let s = item.stringValue else { return wrongType("an array of strings") }
                guard let match = options.first(where: { $0.caseInsensitiveCompare(s.trimmedWhitespace) == .orderedSame })
                else { return fail("invalid_choice", "'\(s)' is not one of: \(options.joined(separator: ", ")).") }
                if !out.contains(match) { out.append(match) }
            }
            return .success(.array(out.map(JSONValue.string)))
        case .money:
            return money(value, field: field)
        case .reference, .user, .team:
            guard let s = value.stringValue else { return wrongType("an id string") }
            guard RecordID.isValid(s) else { return fail("invalid_reference", "Expected the id of an existing record.") }
            return .success(.string(s))
        case .references:
            guard let items = value.arrayValue else { return wrongType("an array of ids") }
            var out: [String] = []
            var seen = Set<String>()
            for item in items {
                guard let s = item.stringValue, RecordID.isValid(s) else { return fail("invalid_reference", "Expected ids of existing records.") }
                if seen.insert(s).inserted { out.append(s) }
            }
            return .success(.array(out.map(JSONValue.string)))
        case .links:
            guard let items = value.arrayValue else { return wrongType("an array of {type, id}") }
            var out: [JSONValue] = []
            var seen = Set<String>()
            for item in items {
                guard let o = item.objectValue, let t = o["type"]?.stringValue, let id = o["id"]?.stringValue,
                      o.count == 2, RecordID.isValid(id), t.allSatisfy({ $0.isLetter || $0 == "_" })
                else { return fail("invalid_link", "Expected objects of the form {\"type\": \"organizations\", \"id\": \"…\"}.") }
                if seen.insert(t + "/" + id).inserted { out.append(.object(JSONObject([("type", .string(t)), ("id", .string(id))]))) }
            }
            return .success(.array(out))
        case .tags:
            guard let items = value.arrayValue else { return wrongType("an array of tag names") }
            var out: [String] = []
            var seen = Set<String>()
            for item in items {
                guard let s = item.stringValue?.trimmedWhitespace else { return wrongType("an array of tag names") }
                guard !s.isEmpty, s.count <= 50, !s.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\"" || $0 == "\\" || $0 == "," })
                else { return fail("invalid_tag", "Tags are 1 to 50 characters without commas, quotes or backslashes.") }
                if seen.insert(s.lowercased()).inserted { out.append(s) }
            }
            return .success(.array(out.map(JSONValue.string)))
        case .country:
            guard let s = value.stringValue?.trimmedWhitespace else { return wrongType("a country code") }
            if s.isEmpty { return .success(.null) }
            let up = s.uppercased()
            guard up.count == 2, up.unicodeScalars.allSatisfy({ $0.value >= 65 && $0.value <= 90 }), Locale.Region.isoRegions.contains(where: { $0.identifier == up })
            else { return fail("invalid_country", "Expected an ISO 3166 country code such as KR, JP or US.") }
            return .success(.string(up))
        case .language:
            guard let s = value.stringValue?.trimmedWhitespace else { return wrongType("a language tag") }
            if s.isEmpty { return .success(.null) }
            guard let tag = LanguageTag.canonical(s) else { return fail("invalid_language", "Expected a language tag such as ko, ja or en-US.") }
            return .success(.string(tag))
        case .timeZone:
            guard let s = value.stringValue?.trimmedWhitespace else { return wrongType("a time zone") }
            if s.isEmpty { return .success(.null) }
            guard s.contains("/") || s == "UTC", TimeZone(identifier: s) != nil else { return fail("invalid_time_zone", "Expected an IANA time zone such as Asia/Seoul.") }
            return .success(.string(s))
        }
    }

    private static func emails(_ value: JSONValue, field: FieldSpec) -> Result<JSONValue, FieldError> {
        guard let items = value.arrayValue else {
            return .failure(FieldError(field: field.name, code: "invalid_type", message: "Expected an array of email addresses."))
        }
        var out: [(String, Bool)] = []
        for item in items {
            var address: String
            var primary = false
            if let s = item.stringValue {
                address = s
            } else if let o = item.objectValue, let a = o["address"]?.stringValue {
                address = a
                if let p = o["primary"] {
                    guard let pb = p.boolValue else { return .failure(FieldError(field: field.name, code: "invalid_type", message: "primary must be true or false.")) }
                    primary = pb
                }
                if o.keys.contains(where: { $0 != "address" && $0 != "primary" }) {
                    return .failure(FieldError(field: field.name, code: "unknown_field", message: "Email entries have only address and primary."))
                }
            } else {
                return .failure(FieldError(field: field.name, code: "invalid_type", message: "Expected email addresses or {address, primary} objects."))
            }
            address = address.trimmedWhitespace
            guard let normalized = Email.normalize(address) else {
                return .failure(FieldError(field: field.name, code: "invalid_email", message: "'\(address)' is not a valid email address."))
            }
            if let i = out.firstIndex(where: { $0.0 == normalized }) {
                out[i].1 = out[i].1 || primary
            } else {
                out.append((normalized, primary))
            }
        }
        let primaries = out.filter(\.1).count
        if primaries > 1 {
            return .failure(FieldError(field: field.name, code: "multiple_primary", message: "Only one email can be primary."))
        }
        if primaries == 0, !out.isEmpty { out[0].1 = true }
        // The primary address comes first so the first entry is always the one to write to.
        out.sort { $0.1 && !$1.1 }
        return .success(.array(out.map { .object(JSONObject([("address", .string($0.0)), ("primary", .bool($0.1))])) }))
    }

    public static let phoneKinds = ["mobile", "work", "home", "fax", "other"]

    private static func phones(_ value: JSONValue, field: FieldSpec) -> Result<JSONValue, FieldError> {
        guard let items = value.arrayValue else {
            return .failure(FieldError(field: field.name, code: "invalid_type", message: "Expected an array of phone numbers."))
        }
        var out: [JSONValue] = []
        for item in items {
            var number: String
            var kind = "other"
            if let s = item.stringValue {
                number = s
            } else if let o = item.objectValue, let n = o["number"]?.stringValue {
                number = n
                if let k = o["kind"] {
                    guard let ks = k.stringValue, phoneKinds.contains(ks) else {
                        return .failure(FieldError(field: field.name, code: "invalid_choice", message: "Phone kind is one of: \(phoneKinds.joined(separator: ", "))."))
                    }
                    kind = ks
                }
                if o.keys.contains(where: { $0 != "number" && $0 != "kind" }) {
                    return .failure(FieldError(field: field.name, code: "unknown_field", message: "Phone entries have only number and kind."))
                }
            } else {
                return .failure(FieldError(field: field.name, code: "invalid_type", message: "Expected phone numbers or {number, kind} objects."))
            }
            number = number.trimmedWhitespace
            guard Phone.isValid(number) else {
                return .failure(FieldError(field: field.name, code: "invalid_phone", message: "'\(number)' is not a phone number (4 to 20 digits, optional + ( ) - . and spaces)."))
            }
            out.append(.object(JSONObject([("number", .string(number)), ("kind", .string(kind))])))
        }
        return .success(.array(out))
    }

    private static func outOfRange(_ field: FieldSpec, _ currency: Currency) -> FieldError {
        let largest = Money.largest(in: currency).decimalString
        return FieldError(field: field.name, code: "out_of_range", message: "Amounts are from -\(largest) to \(largest) \(currency.code).")
    }

    private static func money(_ value: JSONValue, field: FieldSpec) -> Result<JSONValue, FieldError> {
        guard let o = value.objectValue else {
            return .failure(FieldError(field: field.name, code: "invalid_type", message: "Expected {\"amount\": \"1200.50\", \"currency\": \"USD\"}."))
        }
        guard let code = o["currency"]?.stringValue, let currency = Currency.named(code) else {
            return .failure(FieldError(field: field.name, code: "invalid_currency", message: "Expected an ISO 4217 currency code such as KRW, JPY or USD."))
        }
        // A JSON number is refused, not read: most clients produce it from a binary float,
        // whose 0.1 + 0.2 is already not the amount the user typed.
        guard let literal = o["amount"]?.stringValue else {
            return .failure(FieldError(field: field.name, code: "invalid_amount", message: "Expected the amount as a decimal string such as \"1200.50\", not a number."))
        }
        if o.keys.contains(where: { $0 != "amount" && $0 != "currency" }) {
            return .failure(FieldError(field: field.name, code: "unknown_field", message: "Money has only amount and currency."))
        }
        do {
            let m = try Money(decimal: literal, currency: currency)
            guard m.isWithinLimit else { return .failure(outOfRange(field, currency)) }
            return .success(m.json)
        } catch .tooManyDecimals(let allowed) {
            return .failure(FieldError(field: field.name, code: "invalid_amount", message: "\(currency.code) amounts have at most \(allowed) decimal places."))
        } catch .outOfRange {
            return .failure(outOfRange(field, currency))
        } catch {
            return .failure(FieldError(field: field.name, code: "invalid_amount", message: "Expected the amount as a decimal string such as \"1200.50\"."))
        }
    }
}

extension Money {
    /// The API form: `{ "amount": "1200.50", "currency": "USD" }`.
    public var json: JSONValue {
        .object(JSONObject([("amount", .string(decimalString)), ("currency", .string(currency.code))]))
    }
}
