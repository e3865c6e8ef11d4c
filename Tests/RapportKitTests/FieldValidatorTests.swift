import Testing
@testable import RapportKit

private func canonical(_ value: JSONValue, _ kind: FieldKind, name: String = "f") -> Result<JSONValue, FieldError> {
    FieldValidator.canonical(value, for: FieldSpec(name, kind))
}

private func code(_ result: Result<JSONValue, FieldError>) -> String? {
    if case .failure(let e) = result { return e.field == "f" ? e.code : "wrong field \(e.field)" }
    return nil
}

private func value(_ result: Result<JSONValue, FieldError>) -> JSONValue? {
    if case .success(let v) = result { return v }
    return nil
}

private func email(_ address: String, primary: Bool) -> JSONValue {
    .object(JSONObject([("address", .string(address)), ("primary", .bool(primary))]))
}

private let sampleID = "0190a6f0-1234-7abc-8def-0123456789ab"

/// Every stored value has one canonical form; dedupe, filters, search and exports all
/// rely on it, so each kind must accept its documented inputs and refuse the rest with a
/// stable error code that clients can switch on.
@Suite struct FieldValidatorTests {
    // MARK: text and long text

    @Test(arguments: [
        (JSONValue.string("  Ada  "), JSONValue.string("Ada")),
        (.string("김보경"), .string("김보경")),
        (.string("   "), .null),
        (.string(""), .null),
        (.string("12345"), .string("12345")),
    ])
    func textAccepts(_ input: JSONValue, _ expected: JSONValue) {
        #expect(value(canonical(input, .text(maxLength: 5))) == expected)
    }

    @Test(arguments: [
        (JSONValue.number("1"), "invalid_type"),
        (.bool(true), "invalid_type"),
        (.string("123456"), "too_long"),
        (.string("a\u{7}b"), "invalid_characters"),
        (.string("a\nb"), "invalid_characters"),
        (.string("a\u{7F}"), "invalid_characters"),
    ])
    func textRejects(_ input: JSONValue, _ expectedCode: String) {
        #expect(code(canonical(input, .text(maxLength: 5))) == expectedCode)
    }

    @Test func textLengthCountsCharactersNotBytes() {
        #expect(value(canonical(.string("山田太郎さ"), .text(maxLength: 5))) == .string("山田太郎さ"))
    }

    @Test func longTextKeepsLineBreaksAndWhitespace() {
        #expect(value(canonical(.string(" line1\r\n\tline2 "), .longText)) == .string(" line1\r\n\tline2 "))
        #expect(value(canonical(.string(""), .longText)) == .null)
        #expect(code(canonical(.string("a\u{0}b"), .longText)) == "invalid_characters")
        #expect(code(canonical(.number("1"), .longText)) == "invalid_type")
        let limit = FieldValidator.longTextLimit
        #expect(value(canonical(.string(String(repeating: "a", count: limit)), .longText)) != nil)
        #expect(code(canonical(.string(String(repeating: "a", count: limit + 1)), .longText)) == "too_long")
    }

    // MARK: emails

    @Test func emailsAreLowerCasedAndFirstBecomesPrimary() {
        let result = canonical(.array([.string(" Ada@Example.COM "), .string("ada.l@work.example")]), .emails)
        #expect(value(result) == .array([email("ada@example.com", primary: true), email("ada.l@work.example", primary: false)]))
    }

    @Test func explicitPrimaryMovesFirst() {
        let result = canonical(.array([
            .string("b@example.com"),
            .object(JSONObject([("address", .string("C@example.com"))])),
            .object(JSONObject([("address", .string("A@example.com")), ("primary", .bool(true))])),
        ]), .emails)
        #expect(value(result) == .array([
            email("a@example.com", primary: true), email("b@example.com", primary: false), email("c@example.com", primary: false),
        ]))
    }

    @Test func duplicatesAreMergedKeepingPrimary() {
        let result = canonical(.array([
            .string("x@example.com"),
            .string("Ada@Example.com"),
            .object(JSONObject([("address", .string("ada@example.com")), ("primary", .bool(true))])),
        ]), .emails)
        #expect(value(result) == .array([email("ada@example.com", primary: true), email("x@example.com", primary: false)]))
    }

    @Test func emptyEmailListStaysEmpty() {
        #expect(value(canonical(.array([]), .emails)) == .array([]))
    }

    @Test(arguments: [
        (JSONValue.string("a@example.com"), "invalid_type"),
        (.array([.number("1")]), "invalid_type"),
        (.array([.string("not-an-email")]), "invalid_email"),
        (.array([.string("a@localhost")]), "invalid_email"),
        (.array([.string("a..b@example.com")]), "invalid_email"),
        (.array([.string(".a@example.com")]), "invalid_email"),
        (.array([.string("\"quoted\"@example.com")]), "invalid_email"),
        (.array([.string("a@example.123")]), "invalid_email"),
        (.array([.object(JSONObject([("address", .string("a@example.com")), ("primary", .string("yes"))]))]), "invalid_type"),
        (.array([.object(JSONObject([("address", .string("a@example.com")), ("label", .string("work"))]))]), "unknown_field"),
        (.array([email("a@example.com", primary: true), email("b@example.com", primary: true)]), "multiple_primary"),
    ])
    func emailsReject(_ input: JSONValue, _ expectedCode: String) {
        #expect(code(canonical(input, .emails)) == expectedCode)
    }

    @Test(arguments: ["ada+crm@example.co.kr", "user@münchen.de", "보경@example.kr", "o'brien@example.com"])
    func emailShapesAccepted(_ address: String) {
        #expect(Email.normalize(address) == address)
    }

    // MARK: phones

    @Test func phonesKeepTypedFormWithKind() {
        let result = canonical(.array([
            .string(" +82 10-1234-5678 "),
            .object(JSONObject([("number", .string("(03) 1234.5678")), ("kind", .string("work"))])),
        ]), .phones)
        #expect(value(result) == .array([
            .object(JSONObject([("number", .string("+82 10-1234-5678")), ("kind", .string("other"))])),
            .object(JSONObject([("number", .string("(03) 1234.5678")), ("kind", .string("work"))])),
        ]))
    }

    @Test(arguments: [
        (JSONValue.string("0101234"), "invalid_type"),
        (.array([.bool(true)]), "invalid_type"),
        (.array([.string("123")]), "invalid_phone"),
        (.array([.string("123456789012345678901")]), "invalid_phone"),
        (.array([.string("10+1234")]), "invalid_phone"),
        (.array([.string("call me")]), "invalid_phone"),
        (.array([.object(JSONObject([("number", .string("01012345678")), ("kind", .string("pager"))]))]), "invalid_choice"),
        (.array([.object(JSONObject([("number", .string("01012345678")), ("ext", .string("1"))]))]), "unknown_field"),
    ])
    func phonesReject(_ input: JSONValue, _ expectedCode: String) {
        #expect(code(canonical(input, .phones)) == expectedCode)
    }

    // MARK: url and domain

    @Test(arguments: ["https://example.com", "http://x.example/a?b=1", "HTTPS://Example.com/path"])
    func urlAccepts(_ url: String) {
        #expect(value(canonical(.string(" \(url) "), .url)) == .string(url))
    }

    @Test(arguments: ["ftp://x.com", "example.com", "https://", "javascript:alert(1)", "https:///path"])
    func urlRejects(_ url: String) {
        #expect(code(canonical(.string(url), .url)) == "invalid_url")
    }

    @Test func urlEmptyAndWrongType() {
        #expect(value(canonical(.string("  "), .url)) == .null)
        #expect(code(canonical(.number("1"), .url)) == "invalid_type")
        #expect(code(canonical(.string("https://example.com/" + String(repeating: "a", count: 2048)), .url)) == "invalid_url")
    }

    @Test(arguments: [
        ("https://www.Example.com/about", "example.com"),
        ("example.com", "example.com"),
        ("EXAMPLE.COM.", "example.com"),
        ("x.example.com:8080", "x.example.com"),
        ("http://shop.example.co.kr?x#y", "shop.example.co.kr"),
        ("münchen.de", "münchen.de"),
    ])
    func domainAccepts(_ input: String, _ expected: String) {
        #expect(value(canonical(.string(input), .domain)) == .string(expected))
    }

    @Test(arguments: ["localhost", "1.2.3.4", "-a.com", "a-.com", "a..com", "a_b.com"])
    func domainRejects(_ input: String) {
        #expect(code(canonical(.string(input), .domain)) == "invalid_domain")
    }

    @Test func domainEmptyAndWrongType() {
        #expect(value(canonical(.string(" "), .domain)) == .null)
        #expect(code(canonical(.bool(false), .domain)) == "invalid_type")
    }

    // MARK: number

    @Test(arguments: [
        (JSONValue.number("007.50"), "7.5"),
        (.string(" -0 "), "0"),
        (.string("-0.000"), "0"),
        (.number("12"), "12"),
        (.string(".5"), "0.5"),
        (.string("-12.340"), "-12.34"),
        (.string("123456789012345678901234567890"), "123456789012345678901234567890"),
    ])
    func numberAccepts(_ input: JSONValue, _ expected: String) {
        #expect(value(canonical(input, .number)) == .number(expected))
    }

    @Test(arguments: [
        (JSONValue.number("1e3"), "invalid_number"),
        (.string("1,000"), "invalid_number"),
        (.string("1."), "invalid_number"),
        (.string("-"), "invalid_number"),
        (.string(""), "invalid_number"),
        (.string("+1"), "invalid_number"),
        (.string("1.2.3"), "invalid_number"),
        (.string("1234567890123456789012345678901"), "invalid_number"),
        (.bool(true), "invalid_type"),
    ])
    func numberRejects(_ input: JSONValue, _ expectedCode: String) {
        #expect(code(canonical(input, .number)) == expectedCode)
    }

    // MARK: date and date-time

    @Test func dateAcceptsValidCalendarDays() {
        #expect(value(canonical(.string("2024-02-29"), .date)) == .string("2024-02-29"))
        #expect(value(canonical(.string("2000-02-29"), .date)) == .string("2000-02-29"))
    }

    @Test(arguments: ["2023-02-29", "1900-02-29", "2024-13-01", "2024-04-31", "2024-1-01", "24-01-01", "2024/01/01", "2024-01-01T00:00:00Z", "0000-01-01"])
    func dateRejects(_ input: String) {
        #expect(code(canonical(.string(input), .date)) == "invalid_date")
    }

    @Test(arguments: [
        ("2026-01-31T09:00:00+09:00", "2026-01-31T00:00:00.000Z"),
        ("1996-12-19T16:39:57-08:00", "1996-12-20T00:39:57.000Z"),
        ("2026-01-01T00:30:00+01:00", "2025-12-31T23:30:00.000Z"),
        ("2026-11-25 17:34:51.5z", "2026-11-25T17:34:51.500Z"),
    ])
    func dateTimeNormalisesToUTC(_ input: String, _ expected: String) {
        #expect(value(canonical(.string(input), .dateTime)) == .string(expected))
    }

    @Test func dateTimeRejects() {
        #expect(code(canonical(.string("2026-01-31"), .dateTime)) == "invalid_date_time")
        #expect(code(canonical(.string("2026-01-31T09:00:00"), .dateTime)) == "invalid_date_time")
        #expect(code(canonical(.number("0"), .dateTime)) == "invalid_type")
        #expect(code(canonical(.number("1"), .date)) == "invalid_type")
    }

    // MARK: boolean, choice, choices

    @Test func booleanOnlyAcceptsJSONBooleans() {
        #expect(value(canonical(.bool(true), .boolean)) == .bool(true))
        #expect(value(canonical(.bool(false), .boolean)) == .bool(false))
        #expect(code(canonical(.string("true"), .boolean)) == "invalid_type")
        #expect(code(canonical(.number("1"), .boolean)) == "invalid_type")
    }

    @Test func choiceMatchesCaseInsensitivelyAndReturnsListedSpelling() {
        let kind = FieldKind.choice(["lead", "MQL", "customer"])
        #expect(value(canonical(.string(" Lead "), kind)) == .string("lead"))
        #expect(value(canonical(.string("mql"), kind)) == .string("MQL"))
        #expect(code(canonical(.string("prospect"), kind)) == "invalid_choice")
        #expect(code(canonical(.array([.string("lead")]), kind)) == "invalid_type")
    }

    @Test func choicesDeduplicateAndCanonicalise() {
        let kind = FieldKind.choices(Organizations.relationshipRoles)
        #expect(value(canonical(.array([.string("Customer"), .string("supplier"), .string("CUSTOMER")]), kind))
            == .array([.string("customer"), .string("supplier")]))
        #expect(value(canonical(.array([]), kind)) == .array([]))
        #expect(code(canonical(.array([.string("rival")]), kind)) == "invalid_choice")
        #expect(code(canonical(.array([.number("1")]), kind)) == "invalid_type")
        #expect(code(canonical(.string("customer"), kind)) == "invalid_type")
    }

    // MARK: money

    @Test(arguments: [
        (JSONValue.string("1200.5"), "USD", "1200.50", "USD"),
        (.string("1200.50"), "usd", "1200.50", "USD"),
        (.string("-10000000000000.00"), "USD", "-10000000000000.00", "USD"),   // the range's end
        (.string("33333"), "KRW", "33333", "KRW"),
        (.string("10.000"), "JPY", "10", "JPY"),
        (.string("-0.05"), "EUR", "-0.05", "EUR"),
        (.string("1.5"), "BHD", "1.500", "BHD"),
    ])
    func moneyAccepts(_ amount: JSONValue, _ currency: String, _ expectedAmount: String, _ expectedCurrency: String) throws {
        let input = JSONValue.object(JSONObject([("amount", amount), ("currency", .string(currency))]))
        let out = try #require(value(canonical(input, .money)))
        #expect(out == .object(JSONObject([("amount", .string(expectedAmount)), ("currency", .string(expectedCurrency))])))
        let money = try Money(decimal: expectedAmount, currency: #require(Currency.named(expectedCurrency)))
        #expect(out == money.json)
    }

    @Test(arguments: [
        (JSONValue.string("12 USD"), "invalid_type"),
        (.object(JSONObject([("amount", .string("1"))])), "invalid_currency"),
        (.object(JSONObject([("amount", .string("1")), ("currency", .string("XYZ"))])), "invalid_currency"),
        (.object(JSONObject([("currency", .string("USD"))])), "invalid_amount"),
        (.object(JSONObject([("amount", .bool(true)), ("currency", .string("USD"))])), "invalid_amount"),
        (.object(JSONObject([("amount", .string("10.5")), ("currency", .string("KRW"))])), "invalid_amount"),
        (.object(JSONObject([("amount", .string("10.005")), ("currency", .string("USD"))])), "invalid_amount"),
        (.object(JSONObject([("amount", .string("1,000")), ("currency", .string("USD"))])), "invalid_amount"),
        (.object(JSONObject([("amount", .number("1e3")), ("currency", .string("USD"))])), "invalid_amount"),
        // Beyond ±10^15 minor units, and a JSON number (a binary float in most clients).
        (.object(JSONObject([("amount", .string("99999999999999999999")), ("currency", .string("KRW"))])), "out_of_range"),
        (.object(JSONObject([("amount", .string("1000000000000001")), ("currency", .string("KRW"))])), "out_of_range"),
        (.object(JSONObject([("amount", .string("10000000000000.01")), ("currency", .string("USD"))])), "out_of_range"),
        (.object(JSONObject([("amount", .number("1200.50")), ("currency", .string("USD"))])), "invalid_amount"),
        (.object(JSONObject([("amount", .string("1")), ("currency", .string("USD")), ("note", .null)])), "unknown_field"),
    ])
    func moneyRejects(_ input: JSONValue, _ expectedCode: String) {
        #expect(code(canonical(input, .money)) == expectedCode)
    }

    // MARK: references, user, links, tags

    @Test func referencesAndUsersNeedCanonicalIDs() {
        let id = RecordID.make()
        #expect(value(canonical(.string(id), .reference("organizations"))) == .string(id))
        #expect(value(canonical(.string(id), .user)) == .string(id))
        #expect(code(canonical(.string(id.uppercased()), .reference("organizations"))) == "invalid_reference")
        #expect(code(canonical(.string("42"), .user)) == "invalid_reference")
        #expect(code(canonical(.number("42"), .reference("people"))) == "invalid_type")
        #expect(value(canonical(.array([.string(sampleID), .string(id), .string(sampleID)]), .references("people")))
            == .array([.string(sampleID), .string(id)]))
        #expect(code(canonical(.array([.string("nope")]), .references("people"))) == "invalid_reference")
        #expect(code(canonical(.string(sampleID), .references("people"))) == "invalid_type")
    }

    @Test func linksAreDeduplicatedTypeIDPairs() {
        let link = JSONValue.object(JSONObject([("type", .string("organizations")), ("id", .string(sampleID))]))
        let reordered = JSONValue.object(JSONObject([("id", .string(sampleID)), ("type", .string("organizations"))]))
        #expect(value(canonical(.array([link, reordered]), .links)) == .array([link]))
        let bad: [JSONValue] = [
            .object(JSONObject([("type", .string("organizations")), ("id", .string("x"))])),
            .object(JSONObject([("type", .string("../etc")), ("id", .string(sampleID))])),
            .object(JSONObject([("type", .string("people")), ("id", .string(sampleID)), ("extra", .null)])),
            .string(sampleID),
        ]
        for item in bad {
            #expect(code(canonical(.array([item]), .links)) == "invalid_link")
        }
        #expect(code(canonical(link, .links)) == "invalid_type")
    }

    @Test func tagsAreTrimmedAndDeduplicatedCaseInsensitively() {
        #expect(value(canonical(.array([.string(" VIP "), .string("vip"), .string("한국")]), .tags)) == .array([.string("VIP"), .string("한국")]))
        for bad in ["", "a,b", "say \"hi\"", "back\\slash", String(repeating: "x", count: 51)] {
            #expect(code(canonical(.array([.string(bad)]), .tags)) == "invalid_tag", "\(bad)")
        }
        #expect(code(canonical(.string("vip"), .tags)) == "invalid_type")
        #expect(code(canonical(.array([.number("1")]), .tags)) == "invalid_type")
    }

    // MARK: country, language, time zone

    @Test(arguments: [("kr", "KR"), (" jp ", "JP"), ("US", "US")])
    func countryAccepts(_ input: String, _ expected: String) {
        #expect(value(canonical(.string(input), .country)) == .string(expected))
    }

    @Test(arguments: ["XX", "KOR", "zz", "UK", "K1"])
    func countryRejects(_ input: String) {
        #expect(code(canonical(.string(input), .country)) == "invalid_country")
    }

    @Test(arguments: [("ko", "ko"), ("ja_jp", "ja-JP"), ("zh-hant-tw", "zh-Hant-TW"), ("EN-us", "en-US"), ("es-419", "es-419"), ("de-CH-1996", "de-CH-1996")])
    func languageAccepts(_ input: String, _ expected: String) {
        #expect(value(canonical(.string(input), .language)) == .string(expected))
    }

    @Test(arguments: ["e", "english", "en-", "12", "en-x"])
    func languageRejects(_ input: String) {
        #expect(code(canonical(.string(input), .language)) == "invalid_language")
    }

    @Test(arguments: ["Asia/Seoul", "Asia/Tokyo", "America/New_York", "UTC", "Etc/UTC"])
    func timeZoneAccepts(_ input: String) {
        #expect(value(canonical(.string(input), .timeZone)) == .string(input))
    }

    @Test(arguments: ["Mars/Olympus", "EST", "GMT", "+09:00"])
    func timeZoneRejects(_ input: String) {
        #expect(code(canonical(.string(input), .timeZone)) == "invalid_time_zone")
    }

    @Test func blankOptionalCodesClearTheField() {
        #expect(value(canonical(.string(" "), .country)) == .null)
        #expect(value(canonical(.string(""), .language)) == .null)
        #expect(value(canonical(.string(""), .timeZone)) == .null)
        #expect(code(canonical(.number("82"), .country)) == "invalid_type")
        #expect(code(canonical(.bool(true), .language)) == "invalid_type")
        #expect(code(canonical(.null, .timeZone)) == "invalid_type")
    }

    @Test func errorsNameTheField() {
        let result = FieldValidator.canonical(.string("x"), for: FieldSpec("annual_revenue", .money))
        guard case .failure(let e) = result else {
            Issue.record("expected failure")
            return
        }
        #expect(e.field == "annual_revenue")
        #expect(e.code == "invalid_type")
        #expect(!e.message.isEmpty)
    }
}
