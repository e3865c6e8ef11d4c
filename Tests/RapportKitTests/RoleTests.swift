import Testing
@testable import RapportKit

private let knownTypes: Set<String> = ["people", "organizations", "tags", "activities"]

private func parseGrants(_ text: String) throws -> (grants: [String: Grant], errors: [FieldError]) {
    var errors: [FieldError] = []
    let grants = Role.parseGrants(try JSONValue.parse(text), knownTypes: knownTypes, errors: &errors)
    return (grants, errors)
}

/// Roles decide what every request may touch; a wrong fallback or a lax parser would
/// widen or lock out access for a whole company.
@Suite struct RoleTests {
    // MARK: admin and lookup

    @Test(arguments: ["people", "organizations", "tags", "activities", "no_such_type", "*"])
    func adminHasEveryActionEvenWithEmptyGrants(_ type: String) {
        let admin = Role(name: "admin", label: "Administrator", grants: [:])
        #expect(admin.isAdmin)
        #expect(admin.grant(for: type) == .everything)
        for action in RecordAction.allCases {
            #expect(admin.allows(action, on: type))
        }
    }

    @Test func adminHasEveryActionEvenWithRestrictiveStoredGrants() {
        let admin = Role(name: "admin", label: "Administrator", grants: ["*": .none, "people": .readOnly])
        #expect(admin.grant(for: "people") == .everything)
        #expect(admin.allows(.delete, on: "people"))
        #expect(admin.grant(for: "people").visibility == .all)
    }

    @Test func grantLookupPrefersTheTypeThenStarThenNone() {
        let typed = Grant([.read, .update], visibility: .team, hiddenFields: ["phones"])
        let star = Grant([.read], visibility: .all)
        let role = Role(name: "custom", label: "Custom", grants: ["people": typed, "*": star])
        #expect(role.grant(for: "people") == typed)
        #expect(role.grant(for: "organizations") == star)
        #expect(role.allows(.update, on: "people"))
        #expect(!role.allows(.update, on: "organizations"))

        let noStar = Role(name: "custom", label: "Custom", grants: ["people": typed])
        #expect(noStar.grant(for: "organizations") == .none)
        #expect(noStar.grant(for: "organizations").actions.isEmpty)
        #expect(noStar.grant(for: "organizations").visibility == .own)
        for action in RecordAction.allCases {
            #expect(!noStar.allows(action, on: "organizations"))
        }
    }

    @Test func aRoleNamedOtherThanAdminIsNotAdmin() {
        let role = Role(name: "administrator", label: "Admin-ish", grants: [:])
        #expect(!role.isAdmin)
        #expect(role.grant(for: "people") == .none)
    }

    // MARK: names

    @Test(arguments: ["field_sales", "a", "viewer", "team2", "a_1_b", String(repeating: "a", count: 40)])
    func validNames(_ name: String) {
        #expect(Role.isValidName(name))
    }

    @Test(arguments: ["", "Sales", "1abc", "_abc", "a-b", "a b", "fieldSales", "é", "영업", String(repeating: "a", count: 41)])
    func invalidNames(_ name: String) {
        #expect(!Role.isValidName(name))
    }

    // MARK: grant JSON

    @Test(arguments: [
        Grant.none,
        Grant.everything,
        Grant.readOnly,
        Grant([.read, .export], visibility: .team),
        Grant([.read, .create, .update, .import, .export], visibility: .all, hiddenFields: ["phones", "job_title"]),
        Grant([.read], visibility: .own, hidesSensitive: true),
    ])
    func grantJSONRoundTrips(_ grant: Grant) throws {
        var errors: [FieldError] = []
        let text = JSONValue.object(grant.json).serialized()
        let parsed = Grant.parse(try JSONValue.parse(text), path: "grants.people", errors: &errors)
        #expect(errors.isEmpty)
        #expect(parsed == grant)
    }

    @Test func builtInGrantsRoundTrip() {
        for role in Role.builtIn {
            for (type, grant) in role.grants {
                var errors: [FieldError] = []
                let parsed = Grant.parse(.object(grant.json), path: "grants.\(type)", errors: &errors)
                #expect(errors.isEmpty, "\(role.name) \(type)")
                #expect(parsed == grant, "\(role.name) \(type)")
            }
        }
    }

    @Test func grantJSONListsActionsInDeclarationOrderAndFieldsSorted() {
        let grant = Grant([.export, .read, .delete], visibility: .team, hiddenFields: ["phones", "emails"])
        #expect(JSONValue.object(grant.json).serialized()
            == #"{"actions":["read","delete","export"],"visibility":"team","hidden_fields":["emails","phones"],"hides_sensitive":false}"#)
    }

    @Test func missingVisibilityMeansAll() throws {
        var errors: [FieldError] = []
        let grant = Grant.parse(try JSONValue.parse(#"{"actions":["read"]}"#), path: "grants.people", errors: &errors)
        #expect(errors.isEmpty)
        #expect(grant == Grant([.read], visibility: .all))
    }

    @Test func unknownVisibilityNamesThePath() throws {
        let (_, errors) = try parseGrants(#"{"people":{"actions":["read"],"visibility":"everyone"}}"#)
        #expect(errors.map(\.field) == ["grants.people.visibility"])
        #expect(errors.map(\.code) == ["invalid_choice"])
    }

    @Test func unknownActionNamesThePath() throws {
        let (grants, errors) = try parseGrants(#"{"people":{"actions":["read","fly"],"visibility":"all"}}"#)
        #expect(errors.map(\.field) == ["grants.people.actions"])
        #expect(errors.map(\.code) == ["invalid_choice"])
        #expect(grants["people"]?.actions == [.read])
    }

    @Test func unknownKeyIsReported() throws {
        let (_, errors) = try parseGrants(#"{"people":{"actions":["read"],"colour":"red"}}"#)
        #expect(errors.map(\.field) == ["grants.people.colour"])
        #expect(errors.map(\.code) == ["unknown_field"])
    }

    @Test(arguments: [
        (#"{"people":"all"}"#, "grants.people"),
        (#"{"people":{"actions":"read"}}"#, "grants.people.actions"),
        (#"{"people":{"actions":[1]}}"#, "grants.people.actions"),
        (#"{"people":{"hidden_fields":"phones"}}"#, "grants.people.hidden_fields"),
        (#"{"people":{"hidden_fields":[""]}}"#, "grants.people.hidden_fields"),
        (#"{"people":{"hides_sensitive":"yes"}}"#, "grants.people.hides_sensitive"),
    ])
    func wrongShapesAreInvalidTypeOrChoiceAtThePath(_ text: String, _ field: String) throws {
        let (_, errors) = try parseGrants(text)
        #expect(errors.map(\.field) == [field])
        #expect(errors.allSatisfy { ["invalid_type", "invalid_choice"].contains($0.code) })
    }

    @Test func parseGrantsRejectsUnknownTypesAndAcceptsStar() throws {
        let (grants, errors) = try parseGrants(#"{"*":{"actions":["read"]},"widgets":{"actions":["read"]},"people":{"actions":["read","update"],"visibility":"own"}}"#)
        #expect(errors.map(\.field) == ["grants.widgets"])
        #expect(errors.map(\.code) == ["unknown_type"])
        #expect(Set(grants.keys) == ["*", "people"])
        #expect(grants["*"] == Grant([.read], visibility: .all))
        #expect(grants["people"] == Grant([.read, .update], visibility: .own))
    }

    @Test func parseGrantsRejectsANonObject() throws {
        let (grants, errors) = try parseGrants(#"["people"]"#)
        #expect(grants.isEmpty)
        #expect(errors.map(\.field) == ["grants"])
        #expect(errors.map(\.code) == ["invalid_type"])
    }

    // MARK: hidden fields

    @Test func hiddenIncludesSensitiveFieldsOnlyWhenAsked() {
        #expect(Grant([.read]).hidden(in: People.type) == [])
        #expect(Grant([.read], hidesSensitive: true).hidden(in: People.type) == ["emails", "phones"])
        #expect(Grant([.read], hiddenFields: ["job_title"]).hidden(in: People.type) == ["job_title"])
        #expect(Grant([.read], hiddenFields: ["job_title"], hidesSensitive: true).hidden(in: People.type) == ["emails", "phones", "job_title"])
        // Organizations, tags and activities have no sensitive built-in fields.
        #expect(Grant([.read], hidesSensitive: true).hidden(in: Organizations.type) == [])
        #expect(Grant([.read], hidesSensitive: true).hidden(in: Tags.type) == [])
        #expect(Grant([.read], hidesSensitive: true).hidden(in: Activities.type) == [])
    }
}

@Suite struct BuiltInRoleTests {
    @Test func namesAndOrder() {
        #expect(Role.builtIn.map(\.name) == ["admin", "manager", "sales", "support", "marketing", "partner_manager", "partner", "viewer"])
        #expect(Role.builtIn.allSatisfy { $0.isBuiltIn })
        #expect(Role.builtIn.allSatisfy { Role.isValidName($0.name) })
        #expect(Role.builtIn(named: "sales")?.label == "Sales")
        #expect(Role.builtIn(named: "nobody") == nil)
    }

    private func role(_ name: String) throws -> Role {
        try #require(Role.builtIn(named: name))
    }

    @Test func viewerOnlyReadsAndHidesContactDetails() throws {
        let viewer = try role("viewer")
        for type in [People.type, Organizations.type, Tags.type, Activities.type] {
            #expect(viewer.grant(for: type.name).actions == [.read])
            #expect(viewer.grant(for: type.name).visibility == .all)
        }
        #expect(viewer.grant(for: "people").hidden(in: People.type) == ["emails", "phones"])
    }

    @Test func marketingHidesPeoplesPhonesButNotEmails() throws {
        let marketing = try role("marketing")
        let hidden = marketing.grant(for: "people").hidden(in: People.type)
        #expect(hidden == ["phones"])
        #expect(marketing.grant(for: "people").actions == [.read, .create, .update, .import, .export])
        #expect(marketing.grant(for: "organizations") == Grant([.read], visibility: .all))
        #expect(marketing.grant(for: "organizations").hidden(in: Organizations.type) == [])
    }

    @Test func salesSeesOwnPeopleAndAllOrganizations() throws {
        let sales = try role("sales")
        #expect(sales.grant(for: "people").visibility == .own)
        #expect(sales.grant(for: "activities").visibility == .own)
        #expect(sales.allows(.delete, on: "people"))
        #expect(sales.grant(for: "organizations") == Grant([.read, .create, .update], visibility: .all))
        #expect(sales.grant(for: "tags") == Grant([.read, .create], visibility: .all))
    }

    @Test func managerSeesTeamAndHasEveryAction() throws {
        let manager = try role("manager")
        for type in ["people", "organizations", "tags", "activities"] {
            #expect(manager.grant(for: type).visibility == .team)
            #expect(manager.grant(for: type).actions == Set(RecordAction.allCases))
        }
    }

    @Test func supportAndPartnerManagerDefaults() throws {
        let support = try role("support")
        #expect(support.grant(for: "people") == Grant([.read, .create, .update], visibility: .all))
        #expect(support.grant(for: "tags") == Grant([.read], visibility: .all))
        let partner = try role("partner_manager")
        #expect(partner.grant(for: "people") == Grant([.read, .create, .update], visibility: .own))
        #expect(partner.grant(for: "organizations") == Grant([.read, .create, .update], visibility: .all))
        #expect(partner.grant(for: "tags") == Grant([.read], visibility: .all))
    }

    @Test func onlyAdminAndManagerMayDeleteOrganizations() {
        let deleters = Role.builtIn.filter { $0.allows(.delete, on: "organizations") }.map(\.name)
        #expect(deleters == ["admin", "manager"])
    }

    @Test func onlyAdminAndManagerMayDeleteTags() {
        let deleters = Role.builtIn.filter { $0.allows(.delete, on: "tags") }.map(\.name)
        #expect(deleters == ["admin", "manager"])
    }
}
