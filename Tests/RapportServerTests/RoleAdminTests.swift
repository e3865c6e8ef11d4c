import Foundation
import RapportKit
import Testing

@Suite struct RoleAdminTests {
    @Test(arguments: Backend.available)
    func customRolesAndChangedGrantsTakeEffect(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let saved = try await api.call(.put, "/api/v1/roles/field_sales", json: #"{"label":"Field sales","grants":{"people":{"actions":["read","create"],"visibility":"own"},"*":{"actions":["read"]}}}"#)
            #expect(saved.status == .ok, "\(saved.body)")
            let field = try await api.user("field@example.com", role: "field_sales")
            let created = try await api.call(.post, "/api/v1/people", json: #"{"display_name":"Field Find"}"#, token: field.token)
            #expect(created.status == .created)
            let id = try created.object().string("id") ?? ""
            #expect(try await api.call(.delete, "/api/v1/people/\(id)", token: field.token).status == .forbidden)
            #expect(try await api.call(.post, "/api/v1/organizations", json: #"{"name":"No"}"#, token: field.token).status == .forbidden)

            // Sales reps see only their own people until an admin widens the grant.
            let rep = try await api.user("rep@example.com", role: "sales")
            #expect(try await api.call(.get, "/api/v1/people/\(id)", token: rep.token).status == .notFound)
            let widened = try await api.call(.put, "/api/v1/roles/sales", json: #"{"grants":{"*":{"actions":["read","create","update"],"visibility":"all"}}}"#)
            #expect(widened.status == .ok)
            #expect(try await api.call(.get, "/api/v1/people/\(id)", token: rep.token).status == .ok)
            let roles = try await api.call(.get, "/api/v1/roles").object()["data"]?.arrayValue?.compactMap { $0.objectValue?.string("name") } ?? []
            #expect(roles.prefix(8) == ["admin", "manager", "sales", "support", "marketing", "partner_manager", "partner", "viewer"])
            #expect(roles.contains("field_sales"))

            // Bad grants are named field by field; the admin role is fixed; held roles stay.
            let bad = try await api.call(.put, "/api/v1/roles/odd", json: #"{"grants":{"campaigns":{"actions":["read"]},"people":{"actions":["fly"],"visibility":"everyone"}}}"#)
            #expect(bad.status == .unprocessableContent)
            #expect(Set(try bad.errorFields()) == ["grants.campaigns", "grants.people.actions", "grants.people.visibility"])
            #expect(try await api.call(.put, "/api/v1/roles/admin", json: #"{"grants":{}}"#).status == .conflict)
            #expect(try await api.call(.delete, "/api/v1/roles/field_sales").status == .conflict)
            #expect(try await api.call(.patch, "/api/v1/users/\(field.id)", json: #"{"role":"viewer"}"#).status == .ok)
            #expect(try await api.call(.delete, "/api/v1/roles/field_sales").status == .noContent)
            #expect(try await api.call(.delete, "/api/v1/roles/sales").status == .conflict)
            let changes = try await api.call(.get, "/api/v1/audit?action=permission.change").object()["data"]?.arrayValue ?? []
            #expect(changes.count >= 4)
        }
    }

    @Test(arguments: Backend.available)
    func teamsAndUsersAreValidated(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let lead = try await api.user("lead@example.com", role: "manager")
            try await api.team("Osaka")
            let teams = try await api.call(.get, "/api/v1/teams").object()["data"]?.arrayValue ?? []
            let teamID = teams.first?.objectValue?.string("id") ?? ""
            let patched = try await api.call(.patch, "/api/v1/teams/\(teamID)", json: #"{"manager_id":"\#(lead.id)"}"#)
            #expect(try patched.object().string("manager_id") == lead.id)
            #expect(try await api.call(.post, "/api/v1/teams", json: #"{"name":"Osaka"}"#).status == .conflict)
            let rep = try await api.user("osaka.rep@example.com", role: "sales", teams: ["Osaka"])
            _ = try await api.call(.post, "/api/v1/people", json: #"{"display_name":"山本一郎"}"#, token: rep.token)
            #expect(try await api.names("/api/v1/people", field: "display_name").contains("山本一郎"))
            #expect(try await api.call(.get, "/api/v1/people", token: lead.token).body.contains("山本一郎"))
            // Bad user input is a 422 naming the fields, a second account for an email a 409.
            let bad = try await api.call(.post, "/api/v1/users", json: #"{"email":"not an email","role":"wizard","teams":["Nowhere"],"time_zone":"Mars/Base","password":"short"}"#)
            #expect(bad.status == .unprocessableContent)
            #expect(Set(try bad.errorFields()) == ["email", "role", "teams", "time_zone", "password"])
            #expect(try await api.call(.post, "/api/v1/users", json: #"{"email":"LEAD@example.com","role":"viewer"}"#).status == .conflict)
            // Nobody disables or demotes themselves.
            let me = try await api.call(.get, "/api/v1/me").object().string("id") ?? ""
            #expect(try await api.call(.patch, "/api/v1/users/\(me)", json: #"{"active":false}"#).status == .conflict)
            #expect(try await api.call(.get, "/api/v1/users/\(lead.id)", token: rep.token).status == .forbidden)
            #expect(try await api.call(.get, "/api/v1/users/\(rep.id)", token: rep.token).status == .ok)
        }
    }
}

@Suite struct RoleChangeTests {
    @Test(arguments: Backend.available)
    func aNewRoleAppliesAtOnce(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let user = try await api.user("switch@example.com", role: "sales")
            #expect(try await api.call(.post, "/api/v1/people", json: #"{"display_name":"Before"}"#, token: user.token).status == .created)
            #expect(try await api.call(.patch, "/api/v1/users/\(user.id)", json: #"{"role":"viewer"}"#).status == .ok)
            #expect(try await api.call(.post, "/api/v1/people", json: #"{"display_name":"After"}"#, token: user.token).status == .forbidden)
        }
    }
}
