import Foundation
import Testing
@testable import RapportKit

private let sampleID = "0190a6f0-1234-7abc-8def-0123456789ab"

private func parse(_ params: [(String, String)], _ type: RecordType = Organizations.type) -> Result<ListQuery, RecordError> {
    ListQuery.parse(params, type: type)
}

private func codes(_ result: Result<ListQuery, RecordError>) -> [String] {
    if case .failure(.badRequest(_, let errors)) = result { return errors.map { "\($0.field):\($0.code)" } }
    return []
}

private func filters(_ params: [(String, String)], _ type: RecordType = Organizations.type) throws -> [ListQuery.Filter] {
    try parse(params, type).get().filters
}

/// List parsing is strict: a typo in a parameter, field or operator must be an error,
/// because silently ignoring it would return every record and look like a correct answer.
@Suite struct ListQueryParseTests {
    @Test func defaults() throws {
        let q = try parse([]).get()
        #expect(q.limit == ListQuery.defaultLimit)
        #expect(q.search == nil)
        #expect(q.filters.isEmpty)
        #expect(q.sort == nil)
        #expect(q.cursor == nil)
        #expect(q.sortKey == "-updated_at")
    }

    @Test func searchText() throws {
        let q = try parse([("q", "  Ada Lovelace ")]).get()
        #expect(q.search == SearchQuery("Ada Lovelace"))
        #expect(q.sortKey == "~rank")
        #expect(try parse([("q", "   ")]).get().search == nil)
        #expect(try parse([("q", "-- ..")]).get().search == nil)
        #expect(try parse([("q", String(repeating: "가", count: 200))]).get().search != nil)
        #expect(codes(parse([("q", String(repeating: "a", count: 201))])) == ["q:too_long"])
    }

    @Test(arguments: [("1", 1), ("50", 50), ("500", 500)])
    func limitAccepted(_ text: String, _ expected: Int) throws {
        #expect(try parse([("limit", text)]).get().limit == expected)
    }

    @Test(arguments: ["0", "501", "abc", "-1", "", "1.5", " 5"])
    func limitRejected(_ text: String) {
        #expect(codes(parse([("limit", text)])) == ["limit:out_of_range"])
    }

    @Test(arguments: [
        ("name", "name", false), ("-name", "name", true), ("created_at", "created_at", false),
        ("-updated_at", "updated_at", true), ("id", "id", false), ("-annual_revenue", "annual_revenue", true),
    ])
    func sortAccepted(_ text: String, _ field: String, _ descending: Bool) throws {
        let q = try parse([("sort", text)]).get()
        #expect(q.sort == field)
        #expect(q.descending == descending)
        #expect(q.sortKey == text)
    }

    @Test(arguments: ["bogus", "-bogus", "phones", "tags", "-", ""])
    func sortRejected(_ text: String) {
        #expect(codes(parse([("sort", text)])) == ["sort:unknown_field"])
    }

    @Test func unknownParametersAreRefused() {
        #expect(codes(parse([("page", "2")])) == ["page:unknown_parameter"])
        #expect(codes(parse([("filter[name", "x")])) == ["filter[name:unknown_parameter"])
        #expect(codes(parse([("Q", "x")])) == ["Q:unknown_parameter"])
    }

    @Test func everyErrorIsReported() {
        let result = parse([("limit", "0"), ("sort", "nope"), ("filter[bogus]", "1"), ("x", "y"), ("cursor", "%%%")])
        #expect(codes(result) == ["limit:out_of_range", "sort:unknown_field", "filter[bogus]:unknown_field", "x:unknown_parameter", "cursor:invalid_cursor"])
    }
}

/// Filter operands are validated and canonicalised like writes, so a filter compares
/// against exactly the stored form (upper-case country, lower-case tag, digits of a phone).
@Suite struct ListQueryFilterTests {
    @Test func equalityFilter() throws {
        #expect(try filters([("filter[name]", "Acme")]) == [ListQuery.Filter(field: "name", op: .eq, values: [.string("Acme")])])
    }

    @Test func emptyValueMeansIsEmpty() throws {
        #expect(try filters([("filter[domain]", "")]) == [ListQuery.Filter(field: "domain", op: .eq, values: [.null])])
        #expect(try filters([("filter[domain][ne]", "")]) == [ListQuery.Filter(field: "domain", op: .ne, values: [.null])])
    }

    @Test(arguments: [
        ("filter[created_at][gte]", "2024-01-01", ListQuery.Op.gte, JSONValue.string("2024-01-01")),
        ("filter[created_at][lte]", "2024-01-01T09:00:00+09:00", .lte, .string("2024-01-01T00:00:00.000Z")),
        ("filter[updated_at][gte]", "2024-01-01T00:00:00Z", .gte, .string("2024-01-01T00:00:00.000Z")),
        ("filter[country][ne]", "kr", .ne, .string("KR")),
        ("filter[domain]", "https://www.Acme.com/", .eq, .string("acme.com")),
        ("filter[relationship_roles]", "Customer", .eq, .string("customer")),
        ("filter[tags]", " VIP ", .eq, .string("vip")),
        ("filter[phones]", "010-1234", .eq, .string("0101234")),
        ("filter[owner_id]", sampleID, .eq, .string(sampleID)),
        ("filter[id]", sampleID, .eq, .string(sampleID)),
        ("filter[parent_id]", sampleID, .eq, .string(sampleID)),
        ("filter[lifecycle_stage]", "LEAD", .eq, .string("lead")),
    ])
    func operatorsAndCanonicalValues(_ key: String, _ value: String, _ op: ListQuery.Op, _ expected: JSONValue) throws {
        let f = try #require(try filters([(key, value)]).first)
        #expect(f.op == op)
        #expect(f.values == [expected])
        #expect(key.hasPrefix("filter[\(f.field)]"))
    }

    @Test func inSplitsOnCommas() throws {
        #expect(try filters([("filter[country][in]", "kr,jp,US")]) == [ListQuery.Filter(field: "country", op: .in, values: [.string("KR"), .string("JP"), .string("US")])])
        #expect(try filters([("filter[size_band][in]", "1-10,11-50")]).first?.values == [.string("1-10"), .string("11-50")])
        let many = (0..<101).map { _ in "KR" }.joined(separator: ",")
        #expect(codes(parse([("filter[country][in]", many)])) == ["filter[country][in]:invalid_filter"])
    }

    @Test func emailFilterOnPeople() throws {
        #expect(try filters([("filter[emails]", "Ada@Example.com")], People.type).first?.values == [.string("ada@example.com")])
        #expect(codes(parse([("filter[emails]", "nope")], People.type)) == ["filter[emails]:invalid_email"])
    }

    @Test func booleanCustomFieldFilter() throws {
        let type = Organizations.type.extended(with: [FieldSpec("vip", .boolean, isCustom: true)])
        #expect(try filters([("filter[vip]", "yes")], type).first?.values == [.bool(true)])
        #expect(try filters([("filter[vip]", "false")], type).first?.values == [.bool(false)])
        #expect(codes(parse([("filter[vip]", "maybe")], type)) == ["filter[vip]:invalid_type"])
    }

    @Test(arguments: [
        ("filter[bogus]", "1", "unknown_field"),
        ("filter[name][like]", "x", "invalid_filter"),
        ("filter[name][EQ]", "x", "invalid_filter"),
        ("filter[name][eq][x]", "x", "invalid_filter"),
        ("filter[]", "x", "invalid_filter"),
        ("filter[tags][gte]", "a", "invalid_filter"),
        ("filter[relationship_roles][lte]", "customer", "invalid_filter"),
        ("filter[phones][gte]", "010", "invalid_filter"),
        ("filter[country]", "XX", "invalid_country"),
        ("filter[created_at][gte]", "yesterday", "invalid_date_time"),
        ("filter[owner_id]", "me", "invalid_reference"),
        ("filter[id]", "42", "invalid_reference"),
        ("filter[lifecycle_stage][in]", "lead,nope", "invalid_choice"),
    ])
    func rejected(_ key: String, _ value: String, _ expectedCode: String) {
        #expect(codes(parse([(key, value)])) == ["\(key):\(expectedCode)"])
    }

    @Test func longTextIsSearchedNotFiltered() {
        #expect(codes(parse([("filter[body]", "x")], Activities.type)) == ["filter[body]:invalid_filter"])
    }

    @Test func moneyFilterNeedsACurrency() throws {
        let f = try #require(try filters([("filter[annual_revenue][gte]", "1000000 KRW")]).first)
        #expect(f.op == .gte)
        #expect(f.values == [.object(JSONObject([("amount", .string("1000000")), ("currency", .string("KRW"))]))])
        #expect(try filters([("filter[annual_revenue][lte]", "USD 12.5")]).first?.values
            == [.object(JSONObject([("amount", .string("12.50")), ("currency", .string("USD"))]))])
        #expect(codes(parse([("filter[annual_revenue][gte]", "1000000")])) == ["filter[annual_revenue][gte]:invalid_filter"])
        #expect(codes(parse([("filter[annual_revenue]", "10.5 KRW")])) == ["filter[annual_revenue]:invalid_amount"])
        #expect(codes(parse([("filter[annual_revenue]", "10 XYZ")])) == ["filter[annual_revenue]:invalid_currency"])
    }

    @Test func filtersAccumulate() throws {
        let f = try filters([("filter[country]", "kr"), ("filter[created_at][gte]", "2024-01-01"), ("filter[created_at][lte]", "2024-12-31")])
        #expect(f.map(\.field) == ["country", "created_at", "created_at"])
        #expect(f.map(\.op) == [.eq, .gte, .lte])
    }
}

/// Cursors are opaque to clients but must survive the round trip exactly, refuse tampered
/// text, and never be replayed under a different sort order (which would skip or repeat rows).
@Suite struct CursorTests {
    @Test(arguments: [
        Cursor(sort: "-updated_at", value: .string("2026-01-31T00:00:00.000Z"), id: sampleID),
        Cursor(sort: "name", value: .string("김보경 & 山田 <x>"), id: sampleID),
        Cursor(sort: "~rank", value: .array([.number("80"), .string("2026-01-31T00:00:00.000Z")]), id: sampleID),
        Cursor(sort: "-annual_revenue", value: .null, id: sampleID),
        Cursor(sort: "score", value: .number("-12.5"), id: ""),
    ])
    func roundTrips(_ cursor: Cursor) throws {
        let text = cursor.encoded
        #expect(!text.contains("+") && !text.contains("/") && !text.contains("="))
        #expect(Cursor(encoded: text) == cursor)
    }

    @Test func encodingIsURLSafeBase64OfJSON() throws {
        let cursor = Cursor(sort: "name", value: .string("???>>>"), id: "x")
        var b64 = cursor.encoded.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while b64.count % 4 != 0 { b64 += "=" }
        let data = try #require(Data(base64Encoded: b64))
        #expect(try JSONValue.parse([UInt8](data)) == .array([.string("name"), .string("???>>>"), .string("x")]))
    }

    private static func encode(_ json: String) -> String {
        Data(json.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
    }

    @Test(arguments: [
        "", "%%%", "not base64!", encode("{}"), encode("[\"name\",1]"), encode("[1,2,\"id\"]"),
        encode("[\"name\",1,2]"), encode("[\"name\",1,\"id\",4]"), encode("[\"name\","),
        String(repeating: "A", count: 2004),
    ])
    func garbageIsRejected(_ text: String) {
        #expect(Cursor(encoded: text) == nil)
    }

    @Test func cursorMustMatchTheSortOrder() throws {
        let byName = Cursor(sort: "name", value: .string("Acme"), id: sampleID).encoded
        #expect(try parse([("sort", "name"), ("cursor", byName)]).get().cursor?.value == .string("Acme"))
        #expect(try parse([("cursor", byName), ("sort", "name")]).get().cursor != nil)
        #expect(codes(parse([("sort", "-name"), ("cursor", byName)])) == ["cursor:invalid_cursor"])
        #expect(codes(parse([("cursor", byName)])) == ["cursor:invalid_cursor"])

        let byDefault = Cursor(sort: "-updated_at", value: .string("2026-01-31T00:00:00.000Z"), id: sampleID).encoded
        #expect(try parse([("cursor", byDefault)]).get().cursor != nil)
        #expect(codes(parse([("q", "acme"), ("cursor", byDefault)])) == ["cursor:invalid_cursor"])

        let byRank = Cursor(sort: "~rank", value: .number("80"), id: sampleID).encoded
        #expect(try parse([("q", "acme"), ("cursor", byRank)]).get().cursor != nil)
        #expect(codes(parse([("cursor", byRank)])) == ["cursor:invalid_cursor"])
    }

    @Test func garbageCursorParameter() {
        #expect(codes(parse([("cursor", "garbage")])) == ["cursor:invalid_cursor"])
    }
}
