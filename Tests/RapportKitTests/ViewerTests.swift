import Testing
@testable import RapportKit

private func viewer(_ visibility: Visibility, user: String = "u1", team: Set<String> = ["u2", "u3"]) -> Viewer {
    Viewer(userID: user, role: Role(name: "custom", label: "Custom", grants: ["*": Grant([.read, .update], visibility: visibility)]), teamMembers: team)
}

/// Visibility is enforced by turning a grant into a set of owner ids; these tests pin
/// down that translation for each visibility level.
@Suite struct ViewerTests {
    @Test func teamMembersAlwaysIncludeTheUser() {
        #expect(viewer(.team).teamMembers == ["u1", "u2", "u3"])
        #expect(viewer(.team, team: []).teamMembers == ["u1"])
    }

    @Test(arguments: Visibility.allCases)
    func typesWithoutOwnersAreVisibleWhole(_ visibility: Visibility) {
        let v = viewer(visibility)
        #expect(v.visibleOwners(Tags.type) == nil)
        #expect(v.canSee(Tags.type, ownerID: nil))
        #expect(v.canSee(Tags.type, ownerID: "stranger"))
        #expect(v.mayAssign(Tags.type, to: "stranger"))
    }

    @Test func ownSeesOnlyTheUser() {
        let v = viewer(.own)
        #expect(v.visibleOwners(People.type) == ["u1"])
        #expect(v.canSee(People.type, ownerID: "u1"))
        #expect(!v.canSee(People.type, ownerID: "u2"))
        #expect(!v.canSee(People.type, ownerID: nil))
        #expect(v.mayAssign(People.type, to: "u1"))
        #expect(!v.mayAssign(People.type, to: "u2"))
    }

    @Test func teamSeesMembersAndTheUser() {
        let v = viewer(.team)
        #expect(v.visibleOwners(People.type) == ["u1", "u2", "u3"])
        #expect(v.canSee(People.type, ownerID: "u1"))
        #expect(v.canSee(People.type, ownerID: "u3"))
        #expect(!v.canSee(People.type, ownerID: "stranger"))
        #expect(!v.canSee(People.type, ownerID: nil))
        #expect(v.mayAssign(People.type, to: "u2"))
        #expect(!v.mayAssign(People.type, to: "stranger"))
    }

    @Test func allSeesEveryone() {
        let v = viewer(.all)
        #expect(v.visibleOwners(People.type) == nil)
        #expect(v.canSee(People.type, ownerID: nil))
        #expect(v.canSee(People.type, ownerID: "stranger"))
        #expect(v.mayAssign(People.type, to: "stranger"))
    }

    @Test func visibilityFollowsThePerTypeGrant() throws {
        let sales = try #require(Role.builtIn(named: "sales"))
        let v = Viewer(userID: "u1", role: sales, teamMembers: ["u2"])
        #expect(v.visibleOwners(People.type) == ["u1"])
        #expect(v.visibleOwners(Activities.type) == ["u1"])
        #expect(v.visibleOwners(Organizations.type) == nil)
        #expect(v.canSee(Organizations.type, ownerID: nil))
    }

    @Test func adminSeesEverythingWhateverItsGrants() {
        let v = Viewer(userID: "u1", role: Role(name: "admin", label: "Administrator", grants: ["*": .none]), teamMembers: [])
        #expect(v.visibleOwners(People.type) == nil)
        #expect(v.canSee(People.type, ownerID: nil))
        #expect(v.hiddenFields(People.type) == [])
    }

    @Test func noGrantMeansOwnOnly() {
        let v = Viewer(userID: "u1", role: Role(name: "nothing", label: "Nothing", grants: [:]), teamMembers: ["u2"])
        #expect(v.visibleOwners(People.type) == ["u1"])
    }

    @Test func hiddenFieldsComeFromTheRole() throws {
        let viewerRole = try #require(Role.builtIn(named: "viewer"))
        let marketing = try #require(Role.builtIn(named: "marketing"))
        #expect(Viewer(userID: "u1", role: viewerRole, teamMembers: []).hiddenFields(People.type) == ["emails", "phones"])
        #expect(Viewer(userID: "u1", role: viewerRole, teamMembers: []).hiddenFields(Organizations.type) == [])
        #expect(Viewer(userID: "u1", role: marketing, teamMembers: []).hiddenFields(People.type) == ["phones"])
        #expect(Viewer(userID: "u1", role: marketing, teamMembers: []).hiddenFields(Organizations.type) == [])
        let custom = Role(name: "custom", label: "Custom", grants: ["people": Grant([.read], hiddenFields: ["job_title"], hidesSensitive: true)])
        #expect(Viewer(userID: "u1", role: custom, teamMembers: []).hiddenFields(People.type) == ["job_title", "emails", "phones"])
    }
}

@Suite struct RecordTypeHidingTests {
    @Test func removesTheNamedFieldsAndKeepsTheRestInOrder() {
        let hidden = People.type.hiding(["emails", "phones"])
        let expected = People.type.fields.map(\.name).filter { $0 != "emails" && $0 != "phones" }
        #expect(hidden.fields.map(\.name) == expected)
        #expect(hidden.fields.map(\.name) == [
            "display_name", "family_name", "given_name", "name_reading", "job_title", "organization_id",
            "language", "time_zone", "lifecycle_stage", "source", "tags", "sort_name",
        ])
        #expect(hidden.field("emails") == nil)
        #expect(hidden.field("job_title") != nil)
        #expect(hidden.name == "people")
        #expect(hidden.titleField == People.type.titleField)
    }

    @Test func emptyOrUnknownNamesChangeNothing() {
        #expect(People.type.hiding([]).fields.map(\.name) == People.type.fields.map(\.name))
        #expect(People.type.hiding(["no_such_field"]).fields.map(\.name) == People.type.fields.map(\.name))
    }

    @Test func leavesTheOriginalUntouched() {
        let before = Tags.type.fields.map(\.name)
        _ = Tags.type.hiding(["color"])
        #expect(Tags.type.fields.map(\.name) == before)
        #expect(Tags.type.hiding(["color"]).fields.map(\.name) == ["name", "description"])
    }
}
