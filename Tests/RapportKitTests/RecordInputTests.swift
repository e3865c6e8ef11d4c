import Testing
@testable import RapportKit

private let ownerID = "0190a6f0-1234-7abc-8def-0123456789ab"
private let otherID = "0190a6f0-5678-7abc-9def-0123456789cd"

private func object(_ pairs: [(String, JSONValue)]) -> JSONObject { JSONObject(pairs) }

private func errors(_ result: Result<JSONObject, RecordError>) -> [FieldError] {
    if case .failure(.invalid(let e)) = result { return e }
    return []
}

private func codes(_ result: Result<JSONObject, RecordError>) -> [String] {
    errors(result).map { "\($0.field):\($0.code)" }
}

/// A whole request body is checked against the record type before anything is stored:
/// clients must never write system fields, unknown keys must not be silently dropped,
/// and every problem must come back at once so a form can show them together.
@Suite struct RecordInputValidateTests {
    @Test func createReturnsCanonicalValues() throws {
        let body = object([("name", .string("  Acme  ")), ("domain", .string("https://www.Acme.com/")), ("country", .string("kr"))])
        let out = try RecordInput.validate(body, type: Organizations.type, mode: .create).get()
        #expect(out == object([("name", .string("Acme")), ("domain", .string("acme.com")), ("country", .string("KR"))]))
    }

    @Test func unknownFieldIsRefused() {
        let result = RecordInput.validate(object([("name", .string("Acme")), ("nmae", .string("typo"))]), type: Organizations.type, mode: .create)
        #expect(codes(result) == ["nmae:unknown_field"])
    }

    @Test(arguments: ["id", "version", "created_at", "updated_at", "created_by", "updated_by"])
    func systemFieldsAreReadOnly(_ key: String) {
        let body = object([("name", .string("Acme")), (key, .string(ownerID))])
        #expect(codes(RecordInput.validate(body, type: Organizations.type, mode: .create)) == ["\(key):read_only"])
        #expect(codes(RecordInput.validate(object([(key, .null)]), type: Organizations.type, mode: .update)) == ["\(key):read_only"])
    }

    @Test func ownerIDMayBeWrittenOnOwnedTypes() throws {
        let out = try RecordInput.validate(object([("owner_id", .string(ownerID))]), type: Organizations.type, mode: .update).get()
        #expect(out == object([("owner_id", .string(ownerID))]))
        #expect(codes(RecordInput.validate(object([("owner_id", .string("me"))]), type: Organizations.type, mode: .update)) == ["owner_id:invalid_reference"])
        #expect(codes(RecordInput.validate(object([("owner_id", .null)]), type: Organizations.type, mode: .update)) == ["owner_id:required"])
    }

    @Test func ownerIDIsReadOnlyOnTypesWithoutOwners() {
        #expect(!Tags.type.hasOwner)
        let result = RecordInput.validate(object([("name", .string("vip")), ("owner_id", .string(ownerID))]), type: Tags.type, mode: .create)
        #expect(codes(result) == ["owner_id:read_only"])
    }

    @Test func requiredFieldsMissingOnCreate() {
        #expect(codes(RecordInput.validate(JSONObject(), type: Organizations.type, mode: .create)) == ["name:required"])
        #expect(codes(RecordInput.validate(JSONObject(), type: Activities.type, mode: .create)) == ["kind:required"])
        #expect(codes(RecordInput.validate(JSONObject(), type: People.type, mode: .create)) == [])
    }

    @Test func updateMayOmitRequiredFieldsButNotClearThem() throws {
        #expect(try RecordInput.validate(JSONObject(), type: Organizations.type, mode: .update).get() == JSONObject())
        #expect(codes(RecordInput.validate(object([("name", .null)]), type: Organizations.type, mode: .update)) == ["name:required"])
        #expect(codes(RecordInput.validate(object([("name", .string("   "))]), type: Organizations.type, mode: .update)) == ["name:required"])
        // Present but blank on create is one error, not two.
        #expect(codes(RecordInput.validate(object([("name", .string(" "))]), type: Organizations.type, mode: .create)) == ["name:required"])
    }

    @Test func nullClearsOptionalFields() throws {
        let out = try RecordInput.validate(object([("website", .null), ("city", .string(" "))]), type: Organizations.type, mode: .update).get()
        #expect(out == object([("website", .null), ("city", .null)]))
    }

    @Test func allErrorsAreReportedTogetherInBodyOrder() {
        let body = object([
            ("id", .string(ownerID)),
            ("bogus", .number("1")),
            ("website", .string("ftp://acme.com")),
            ("country", .string("XX")),
            ("annual_revenue", .object(object([("amount", .string("1.5")), ("currency", .string("KRW"))]))),
        ])
        let result = RecordInput.validate(body, type: Organizations.type, mode: .create)
        #expect(codes(result) == [
            "id:read_only", "bogus:unknown_field", "website:invalid_url", "country:invalid_country",
            "annual_revenue:invalid_amount", "name:required",
        ])
        #expect(errors(result).allSatisfy { !$0.message.isEmpty })
    }

    @Test func customFieldsValidateLikeBuiltIns() throws {
        let type = People.type.extended(with: [FieldSpec("vip", .boolean, isCustom: true)])
        #expect(try RecordInput.validate(object([("vip", .bool(true))]), type: type, mode: .update).get() == object([("vip", .bool(true))]))
        #expect(codes(RecordInput.validate(object([("vip", .string("yes"))]), type: type, mode: .update)) == ["vip:invalid_type"])
        #expect(Tags.type.extended(with: [FieldSpec("vip", .boolean, isCustom: true)]).fields.count == Tags.type.fields.count)
    }
}

/// CSV import must follow exactly the API's rules and export must read back to the same
/// record; lists use `;` because the comma already belongs to CSV.
@Suite struct RecordInputCSVTests {
    private func roundTrip(_ cell: String, _ field: FieldSpec) throws -> (JSONValue, String) {
        let value = try FieldValidator.canonical(RecordInput.fromCSV(cell, field: field), for: field).get()
        return (value, RecordInput.toCSV(value, field: field))
    }

    @Test(arguments: [
        ("ada@example.com;ada.l@work.example", FieldSpec("emails", .emails)),
        ("010-1234-5678;+82 2 123 4567", FieldSpec("phones", .phones)),
        ("vip;한국;partner", FieldSpec("tags", .tags)),
        ("customer;supplier", FieldSpec("relationship_roles", .choices(Organizations.relationshipRoles))),
        ("\(ownerID);\(otherID)", FieldSpec("participants", .references("people"))),
        ("organizations/\(ownerID);people/\(otherID)", FieldSpec("links", .links)),
        ("12.50 USD", FieldSpec("annual_revenue", .money)),
        ("1200000 KRW", FieldSpec("annual_revenue", .money)),
        ("true", FieldSpec("vip", .boolean)),
        ("false", FieldSpec("vip", .boolean)),
        ("7.5", FieldSpec("score", .number)),
        ("2024-02-29", FieldSpec("born", .date)),
        ("2026-01-31T00:00:00.000Z", FieldSpec("occurred_at", .dateTime)),
        ("Acme, Inc.", FieldSpec("name", .text(maxLength: 200))),
        ("KR", FieldSpec("country", .country)),
    ])
    func canonicalCellsRoundTrip(_ cell: String, _ field: FieldSpec) throws {
        let (value, back) = try roundTrip(cell, field)
        #expect(back == cell)
        // And the exported text imports to the same stored value.
        #expect(try FieldValidator.canonical(RecordInput.fromCSV(back, field: field), for: field).get() == value)
    }

    @Test(arguments: [
        (" Ada@Example.com ;; b@example.com ", FieldSpec("emails", .emails), "ada@example.com;b@example.com"),
        ("USD 12.5", FieldSpec("annual_revenue", .money), "12.50 USD"),
        ("12.5 usd", FieldSpec("annual_revenue", .money), "12.50 USD"),
        ("yes", FieldSpec("vip", .boolean), "true"),
        ("Y", FieldSpec("vip", .boolean), "true"),
        ("1", FieldSpec("vip", .boolean), "true"),
        ("No", FieldSpec("vip", .boolean), "false"),
        ("0", FieldSpec("vip", .boolean), "false"),
        ("007.50", FieldSpec("score", .number), "7.5"),
        ("2026-01-31T09:00:00+09:00", FieldSpec("occurred_at", .dateTime), "2026-01-31T00:00:00.000Z"),
        ("Customer; SUPPLIER", FieldSpec("relationship_roles", .choices(Organizations.relationshipRoles)), "customer;supplier"),
    ])
    func looseCellsImportToCanonicalForm(_ cell: String, _ field: FieldSpec, _ exported: String) throws {
        #expect(try roundTrip(cell, field).1 == exported)
    }

    @Test func blankCellsAreNull() {
        #expect(RecordInput.fromCSV("", field: FieldSpec("tags", .tags)) == .null)
        #expect(RecordInput.fromCSV("   ", field: FieldSpec("name", .text(maxLength: 10))) == .null)
        #expect(RecordInput.toCSV(nil, field: FieldSpec("tags", .tags)) == "")
        #expect(RecordInput.toCSV(.null, field: FieldSpec("tags", .tags)) == "")
        #expect(RecordInput.toCSV(.array([]), field: FieldSpec("tags", .tags)) == "")
    }

    @Test func fromCSVShapes() {
        #expect(RecordInput.fromCSV("a; ;b", field: FieldSpec("tags", .tags)) == .array([.string("a"), .string("b")]))
        #expect(RecordInput.fromCSV("maybe", field: FieldSpec("vip", .boolean)) == .string("maybe"))
        #expect(RecordInput.fromCSV("12.50", field: FieldSpec("m", .money)) == .string("12.50"))
        #expect(RecordInput.fromCSV("12.50 USD", field: FieldSpec("m", .money))
            == .object(JSONObject([("amount", .string("12.50")), ("currency", .string("USD"))])))
        #expect(RecordInput.fromCSV("3.0", field: FieldSpec("n", .number)) == .string("3.0"))
    }

    @Test func badCellsFailLikeTheAPI() {
        let vip = FieldSpec("vip", .boolean)
        let money = FieldSpec("annual_revenue", .money)
        #expect(throws: FieldError.self) { try FieldValidator.canonical(RecordInput.fromCSV("maybe", field: vip), for: vip).get() }
        #expect(throws: FieldError.self) { try FieldValidator.canonical(RecordInput.fromCSV("12.50", field: money), for: money).get() }
        #expect(throws: FieldError.self) { try FieldValidator.canonical(RecordInput.fromCSV("12.505 USD", field: money), for: money).get() }
    }
}

/// People are named in many scripts: East Asian names are family name first with no
/// space, others given name first, and a record without a name is still identifiable.
@Suite struct PeopleTests {
    @Test(arguments: [
        ("김", "보경", "김보경"),
        ("山田", "太郎", "山田太郎"),
        ("Lovelace", "Ada", "Ada Lovelace"),
        ("Müller", "José", "José Müller"),
        ("やまだ", "たろう", "やまだたろう"),
    ])
    func displayNameOrdering(_ family: String, _ given: String, _ expected: String) {
        #expect(People.displayName(family: family, given: given) == expected)
    }

    @Test func displayNameWithOnePart() {
        #expect(People.displayName(family: nil, given: "Ada") == "Ada")
        #expect(People.displayName(family: "Lovelace", given: "") == "Lovelace")
        #expect(People.displayName(family: "", given: nil) == nil)
        #expect(People.displayName(family: nil, given: nil) == nil)
    }

    @Test func deriveFillsDisplayNameFromNames() {
        var record = JSONObject([("family_name", .string("김")), ("given_name", .string("보경"))])
        People.type.hooks.derive(&record)
        #expect(record["display_name"] == .string("김보경"))
    }

    @Test func deriveFallsBackToPrimaryEmail() throws {
        let emails = try FieldValidator.canonical(.array([.string("b@example.com"), .object(JSONObject([("address", .string("Ada@Example.com")), ("primary", .bool(true))]))]), for: FieldSpec("emails", .emails)).get()
        var record = JSONObject([("display_name", .null), ("emails", emails)])
        People.type.hooks.derive(&record)
        #expect(record["display_name"] == .string("ada@example.com"))
    }

    @Test func deriveKeepsAnExplicitDisplayName() {
        var record = JSONObject([("display_name", .string("Lady Byron")), ("given_name", .string("Ada"))])
        People.type.hooks.derive(&record)
        #expect(record["display_name"] == .string("Lady Byron"))
    }

    @Test func deriveWithNothingLeavesNull() {
        var record = JSONObject([("emails", .array([]))])
        People.type.hooks.derive(&record)
        #expect(record["display_name"] == .null)
    }

    @Test func validateNeedsNameOrEmail() {
        let email = JSONValue.array([.object(JSONObject([("address", .string("a@example.com")), ("primary", .bool(true))]))])
        #expect(People.type.hooks.validate(JSONObject([("given_name", .string("Ada"))])).isEmpty)
        #expect(People.type.hooks.validate(JSONObject([("family_name", .string("김"))])).isEmpty)
        #expect(People.type.hooks.validate(JSONObject([("emails", email)])).isEmpty)
        let missing = People.type.hooks.validate(JSONObject([("display_name", .null), ("emails", .array([]))]))
        #expect(missing.map(\.code) == ["required"])
        #expect(missing.map(\.field) == ["display_name"])
        #expect(People.type.hooks.validate(JSONObject()).count == 1)
    }
}

/// Organizations are deduplicated by domain, so a website alone must still yield the key.
@Suite struct OrganizationsTests {
    @Test func deriveTakesDomainFromWebsite() {
        var record = JSONObject([("name", .string("Acme")), ("domain", .null), ("website", .string("https://www.Acme.co.kr/about"))])
        Organizations.type.hooks.derive(&record)
        #expect(record["domain"] == .string("acme.co.kr"))
    }

    @Test func deriveKeepsExplicitDomainAndIgnoresBadWebsite() {
        var explicit = JSONObject([("domain", .string("acme.com")), ("website", .string("https://other.example"))])
        Organizations.type.hooks.derive(&explicit)
        #expect(explicit["domain"] == .string("acme.com"))
        var bad = JSONObject([("website", .string("https://localhost/"))])
        Organizations.type.hooks.derive(&bad)
        #expect(bad["domain"] == nil)
    }

    @Test func uniqueKeyIsFoldedDomain() {
        #expect(Organizations.type.uniqueKeyValues(JSONObject([("domain", .string("acme.com"))])) == ["domain:acme.com"])
        #expect(Organizations.type.uniqueKeyValues(JSONObject([("domain", .null)])) == [])
        #expect(Organizations.type.uniqueKeyValues(JSONObject()) == [])
    }
}

/// Only tasks are scheduled; a due date on a call would be silently meaningless.
@Suite struct ActivitiesTests {
    private func codes(_ pairs: [(String, JSONValue)]) -> [String] {
        Activities.type.hooks.validate(JSONObject(pairs)).map { "\($0.field):\($0.code)" }
    }

    @Test(arguments: ["call", "email", "meeting", "note", "message"])
    func dueAndCompletedAreTaskOnly(_ kind: String) {
        #expect(codes([("kind", .string(kind)), ("subject", .string("Hi")), ("due_at", .string("2026-01-01T00:00:00.000Z"))]) == ["due_at:task_only"])
        #expect(codes([("kind", .string(kind)), ("body", .string("x")), ("completed_at", .string("2026-01-01T00:00:00.000Z"))]) == ["completed_at:task_only"])
        #expect(codes([("kind", .string(kind)), ("subject", .string("Hi")), ("due_at", .null)]) == [])
    }

    @Test func tasksMayHaveDueDatesButNeedSubjects() {
        #expect(codes([("kind", .string("task")), ("subject", .string("Call back")), ("due_at", .string("2026-01-01T00:00:00.000Z")),
                       ("completed_at", .string("2026-01-02T00:00:00.000Z"))]) == [])
        #expect(codes([("kind", .string("task")), ("body", .string("no subject"))]) == ["subject:required"])
    }

    @Test func nonTasksNeedSubjectOrBody() {
        #expect(codes([("kind", .string("note"))]) == ["body:required"])
        #expect(codes([("kind", .string("note")), ("body", .string("text"))]) == [])
        #expect(codes([("kind", .string("call")), ("subject", .string("Intro"))]) == [])
    }
}

/// The record type description drives uniqueness and the shape of every response.
@Suite struct RecordTypeTests {
    @Test func peopleUniqueKeysAreEveryEmail() throws {
        let emails = try FieldValidator.canonical(.array([.string("Ada@Example.com"), .string("ada.l@work.example")]), for: FieldSpec("emails", .emails)).get()
        #expect(People.type.uniqueKeyValues(JSONObject([("emails", emails)])) == ["email:ada@example.com", "email:ada.l@work.example"])
        #expect(People.type.uniqueKeyValues(JSONObject([("emails", .array([]))])) == [])
    }

    @Test func tagUniqueKeyIsCaseFolded() {
        #expect(Tags.type.uniqueKeyValues(JSONObject([("name", .string("VIP"))])) == ["tag:vip"])
        #expect(Tags.type.uniqueKeyValues(JSONObject([("name", .string("ＶＩＰ"))])) == ["tag:vip"])
    }

    @Test func newRecordHasEveryFieldInOrder() {
        let record = People.type.newRecord(from: JSONObject([("given_name", .string("Ada")), ("not_a_field", .bool(true)), ("tags", .null)]))
        #expect(record.keys == People.type.fields.map(\.name))
        #expect(record["given_name"] == .string("Ada"))
        #expect(record["not_a_field"] == nil)
        for field in People.type.fields where field.name != "given_name" {
            #expect(record[field.name] == (field.kind.isList ? .array([]) : .null), "\(field.name)")
        }
    }

    @Test func catalogFindsBuiltInTypes() {
        #expect(RecordCatalog.builtIn.types.map(\.name) == ["organizations", "people", "activities", "tags", "deals", "pipelines", "pipeline_stages", "products", "product_prices", "quotes", "quote_lines", "orders", "order_lines", "contracts", "deal_contacts", "quotas", "lost_reasons", "tickets", "ticket_messages", "ticket_macros", "nps_programs", "partnerships", "partnership_contacts", "partnership_goals", "key_results", "responsibilities", "milestones", "risks", "conflicts", "decisions", "partner_reviews", "review_actions", "deal_registrations"])
        #expect(RecordCatalog.builtIn["people"]?.singular == "person")
        #expect(RecordCatalog.builtIn["campaigns"] == nil)
        for type in RecordCatalog.builtIn.types {
            #expect(type.field(type.titleField) != nil, "\(type.name)")
            for key in type.uniqueKeys { #expect(type.field(key.field) != nil) }
        }
    }
}

/// Ids made in one process sort in creation order, which keyset paging and field order rely on.
@Suite struct RecordIDOrderTests {
    @Test func monotonicWithinAMillisecond() {
        let ids = (0..<5000).map { _ in RecordID.make(millisecondsSince1970: 1_790_000_000_000) }
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy(RecordID.isValid))
        #expect(ids.allSatisfy { $0.dropFirst(14).first == "7" })
    }
}
