import Foundation
import HTTPTypes
import NIOCore
import RapportKit
import Testing

/// Every API route for every built-in role: the status each gets follows from the role's
/// grants alone. Records are owned by the caller, so visibility does not blur the answer.
@Suite struct PermissionMatrixTests {
    static let bodies: [String: String] = [
        "organizations": #"{"name":"Matrix Org %n"}"#,
        "people": #"{"display_name":"Matrix Person %n"}"#,
        "activities": #"{"kind":"note","body":"Matrix note %n"}"#,
        "tags": #"{"name":"matrix-%n"}"#,
    ]
    static let csv: [String: String] = [
        "organizations": "name\nImported Org\n", "people": "display_name\nImported Person\n",
        "activities": "kind,body\nnote,Imported note\n", "tags": "name\nimported-tag\n",
    ]

    static let cases: [(Backend, String)] = Backend.available.flatMap { b in Role.builtIn.map { (b, $0.name) } }

    @Test(arguments: cases)
    func routesAnswerByGrant(_ backend: Backend, _ roleName: String) async throws {
        let role = Role.builtIn(named: roleName)!
        try await withAPI(backend) { api in
            let user = try await api.user("\(roleName)@example.com", role: roleName)
            var n = 0
            func body(_ type: String) -> String {
                n += 1
                return Self.bodies[type]!.replacingOccurrences(of: "%n", with: "\(roleName)-\(n)")
            }
            func expect(_ method: HTTPRequest.Method, _ uri: String, json: String? = nil, allowed: Bool, success: HTTPResponse.Status, denied: HTTPResponse.Status = .forbidden) async throws {
                let reply = try await api.call(method, uri, json: json, token: user.token)
                let want = allowed ? success : denied
                #expect(reply.status == want, "\(roleName) \(method) \(uri): got \(reply.status.code), want \(want.code): \(reply.body.prefix(200))")
            }
            for type in ["organizations", "people", "activities", "tags"] {
                let grant = role.grant(for: type)
                func may(_ a: RecordAction) -> Bool { grant.actions.contains(a) }
                // Records the caller owns, made by the admin.
                var ids: [String] = []
                for _ in 0..<3 {
                    var o = try JSONValue.parse(body(type)).objectValue!
                    if type != "tags" { o["owner_id"] = .string(user.id) }
                    ids.append(try await api.create(type, JSONValue.object(o).serialized()).string("id") ?? "")
                }
                try await expect(.get, "/api/v1/\(type)", allowed: may(.read), success: .ok)
                try await expect(.get, "/api/v1/\(type)?q=matrix", allowed: may(.read), success: .ok)
                try await expect(.get, "/api/v1/\(type)/\(ids[0])", allowed: may(.read), success: .ok)
                try await expect(.get, "/api/v1/\(type)/\(ids[0])/timeline", allowed: may(.read), success: .ok)
                try await expect(.post, "/api/v1/\(type)", json: body(type), allowed: may(.create), success: .created)
                try await expect(.patch, "/api/v1/\(type)/\(ids[0])", json: type == "tags" ? #"{"description":"x"}"# : (type == "activities" ? #"{"subject":"x"}"# : (type == "people" ? #"{"job_title":"x"}"# : #"{"industry":"x"}"#)), allowed: may(.update), success: .ok)
                try await expect(.get, "/api/v1/\(type)/export", allowed: may(.export), success: .ok)
                let merge = #"{"survivor_id":"\#(ids[1])","duplicate_id":"\#(ids[2])"}"#
                try await expect(.post, "/api/v1/\(type)/merge", json: merge, allowed: may(.update) && may(.delete), success: .ok)
                try await expect(.delete, "/api/v1/\(type)/\(ids[0])", allowed: may(.delete), success: .noContent)
                let upload = try await api.raw(.post, "/api/v1/\(type)/import", body: ByteBuffer(string: Self.csv[type]!), headers: [
                    .authorization: "Bearer \(user.token)", .contentType: "text/csv",
                ])
                let importAllowed = may(.import) && may(.create)
                #expect(upload.status == (importAllowed ? .ok : .forbidden), "\(roleName) import \(type): \(upload.status.code) \(upload.body.prefix(200))")
                // A person's data export follows the export grant; erasure is the admin's.
                if type == "people" {
                    let live = try await api.create(type, #"{"display_name":"Privacy Subject","owner_id":"\#(user.id)"}"#).string("id") ?? ""
                    try await expect(.get, "/api/v1/people/\(live)/export", allowed: may(.export) && may(.read), success: .ok)
                    try await expect(.post, "/api/v1/people/\(live)/erase", allowed: role.isAdmin, success: .ok)
                }
            }
            // Settings are the admin's; everyone may read who they are and the role list.
            let admin = role.isAdmin
            try await expect(.get, "/api/v1/me", allowed: true, success: .ok)
            try await expect(.get, "/api/v1/roles", allowed: true, success: .ok)
            try await expect(.get, "/api/v1/teams", allowed: true, success: .ok)
            try await expect(.get, "/api/v1/tokens", allowed: true, success: .ok)
            try await expect(.get, "/api/v1/fields", allowed: true, success: .ok)
            try await expect(.get, "/api/v1/users", allowed: admin, success: .ok)
            try await expect(.get, "/api/v1/audit", allowed: admin, success: .ok)
            try await expect(.post, "/api/v1/users", json: #"{"email":"new.\#(roleName)@example.com","role":"viewer"}"#, allowed: admin, success: .created)
            try await expect(.patch, "/api/v1/users/\(user.id)", json: #"{"name":"Renamed"}"#, allowed: admin, success: .ok)
            try await expect(.post, "/api/v1/teams", json: #"{"name":"Team \#(roleName)"}"#, allowed: admin, success: .created)
            try await expect(.put, "/api/v1/roles/custom_\(roleName)", json: #"{"grants":{"*":{"actions":["read"]}}}"#, allowed: admin, success: .ok)
            try await expect(.post, "/api/v1/fields", json: #"{"record_type":"people","name":"f_\#(roleName)","kind":"text"}"#, allowed: admin, success: .created)
            try await expect(.post, "/api/v1/tokens", json: #"{"name":"mine","scope":"read"}"#, allowed: true, success: .created)
        }
    }

    /// Read-scope tokens of any role, admin included, never write.
    @Test(arguments: Backend.available)
    func readScopeTokensCannotWrite(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let reader = try await api.user("reader@example.com", role: "admin", scope: "read")
            let person = try await api.create("people", #"{"display_name":"Read Only"}"#).string("id") ?? ""
            #expect(try await api.call(.get, "/api/v1/people/\(person)", token: reader.token).status == .ok)
            for (method, uri, json) in [
                (HTTPRequest.Method.post, "/api/v1/people", #"{"display_name":"x"}"#), (.patch, "/api/v1/people/\(person)", #"{"job_title":"x"}"#),
                (.delete, "/api/v1/people/\(person)", nil), (.post, "/api/v1/users", #"{"email":"x@example.com","role":"viewer"}"#),
                (.post, "/api/v1/people/\(person)/erase", nil), (.post, "/api/v1/tokens", #"{"name":"escalate","scope":"write"}"#),
            ] as [(HTTPRequest.Method, String, String?)] {
                let reply = try await api.call(method, uri, json: json, token: reader.token)
                #expect(reply.status == .forbidden, "\(method) \(uri): \(reply.status)")
            }
            #expect(try await api.names("/api/v1/people") == ["Read Only"])
        }
    }
}

/// The sales record types under every built-in role: reading, creating, changing and
/// deleting follow the role's grant for the type (set-up types such as pipelines and
/// quotas are read-only below managers).
@Suite struct SalesPermissionMatrixTests {
    @Test(arguments: PermissionMatrixTests.cases)
    func salesTypesAnswerByGrant(_ backend: Backend, _ roleName: String) async throws {
        let role = Role.builtIn(named: roleName)!
        try await withAPI(backend) { api in
            let user = try await api.user("sales.\(roleName)@example.com", role: roleName)
            let (pipeline, stage) = try await DealTests.stages(api)
            var n = 0
            // A new body per call: SKUs, pipeline names and quota months are unique.
            func body(_ type: String) -> String {
                n += 1
                switch type {
                case "deals": return #"{"title":"Deal \#(n)","pipeline_id":"\#(pipeline)","stage_id":"\#(stage["Lead"]!)"}"#
                case "products": return #"{"name":"Product \#(n)","sku":"SKU-\#(roleName)-\#(n)","billing_period":"one_time"}"#
                case "pipelines": return #"{"name":"Pipeline \#(roleName) \#(n)"}"#
                default: return #"{"month":"20\#(30 + n)-01","team_id":null,"user_id":"\#(user.id)","amount":{"amount":"1","currency":"USD"}}"#
                }
            }
            let changes = ["deals": #"{"next_step":"Call"}"#, "products": #"{"description":"x"}"#, "pipelines": #"{"description":"x"}"#, "quotas": #"{"amount":{"amount":"2","currency":"USD"}}"#]
            for type in ["deals", "products", "pipelines", "quotas"] {
                let grant = role.grant(for: type)
                func may(_ a: RecordAction) -> Bool { grant.actions.contains(a) }
                var o = try JSONValue.parse(body(type)).objectValue!
                if type == "deals" { o["owner_id"] = .string(user.id) }
                let id = try await api.create(type, JSONValue.object(o).serialized()).string("id") ?? ""
                for (method, uri, json, allowed, success) in [
                    (HTTPRequest.Method.get, "/api/v1/\(type)", nil, may(.read), HTTPResponse.Status.ok),
                    (.get, "/api/v1/\(type)/\(id)", nil, may(.read), .ok),
                    (.post, "/api/v1/\(type)", body(type), may(.create), .created),
                    (.patch, "/api/v1/\(type)/\(id)", changes[type]!, may(.update), .ok),
                    (.delete, "/api/v1/\(type)/\(id)", nil, may(.delete), .noContent),
                ] as [(HTTPRequest.Method, String, String?, Bool, HTTPResponse.Status)] {
                    let reply = try await api.call(method, uri, json: json, token: user.token)
                    let want = allowed ? success : .forbidden
                    #expect(reply.status == want, "\(roleName) \(method) \(uri): got \(reply.status.code), want \(want.code): \(reply.body.prefix(200))")
                }
            }
            // The set-up types are read-only for reps: the grant says so, and the answers followed it.
            if roleName == "sales" { #expect(!role.grant(for: "quotas").actions.contains(.create) && role.grant(for: "deals").actions.contains(.create)) }
        }
    }
}
