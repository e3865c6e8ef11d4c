import RapportStore
import RapportKit

/// The access half of the OpenAPI document: users, teams, roles, tokens, the audit log
/// and a person's export and erasure.
extension OpenAPIDocument {
    static func accessSchemas(types: [RecordType]) -> [(String, JSONValue)] {
        let grant = obj([
            ("type", .string("object")), ("additionalProperties", .bool(false)),
            ("properties", obj([
                ("actions", obj([("type", .string("array")), ("items", obj([("type", .string("string")), ("enum", strings(RecordAction.allCases.map(\.rawValue)))]))])),
                ("visibility", obj([("type", .string("string")), ("enum", strings(Visibility.allCases.map(\.rawValue)))])),
                ("hidden_fields", obj([("type", .string("array")), ("items", str())])),
                ("hides_sensitive", obj([("type", .string("boolean"))])),
            ])),
        ])
        let bool = obj([("type", .string("boolean"))])
        return [
            ("Grant", grant),
            ("Role", obj([
                ("type", .string("object")),
                ("properties", obj([
                    ("name", str()), ("label", str()), ("built_in", bool),
                    ("grants", obj([("type", .string("object")), ("additionalProperties", ref("Grant"))])),
                ])),
            ])),
            ("User", obj([
                ("type", .string("object")),
                ("properties", obj([
                    ("id", uuid()), ("email", str()), ("name", str()), ("role", str()), ("language", nullable(str())), ("time_zone", nullable(str())),
                    ("active", bool), ("two_factor", bool), ("teams", obj([("type", .string("array")), ("items", str())])), ("created_at", dateTime()),
                    ("skills", obj([("type", .string("array")), ("items", str())])),
                ])),
            ])),
            ("Team", obj([
                ("type", .string("object")),
                ("properties", obj([("id", uuid()), ("name", str()), ("manager_id", nullable(uuid())), ("support_address", nullable(str())), ("assignment", nullable(obj([("type", .string("string")), ("enum", strings(TicketAssignment.rules + ["none"]))]))), ("unknown_senders", nullable(obj([("type", .string("string")), ("enum", strings(["create", "review"]))]))), ("members", obj([("type", .string("array")), ("items", uuid())]))])),
            ])),
            ("Token", obj([
                ("type", .string("object")),
                ("properties", obj([
                    ("id", uuid()), ("name", str()), ("scope", obj([("type", .string("string")), ("enum", strings(["read", "write"]))])), ("user_id", uuid()),
                    ("user_email", str()), ("created_at", dateTime()), ("last_used_at", nullable(dateTime())), ("expires_at", nullable(dateTime())),
                    ("revoked_at", nullable(dateTime())), ("token", obj([("type", .string("string")), ("description", .string("Only in the answer to creating it."))])),
                ])),
            ])),
            ("AuditEntry", obj([
                ("type", .string("object")),
                ("properties", obj([
                    ("id", uuid()), ("seq", obj([("type", .string("integer"))])), ("at", dateTime()), ("actor_id", nullable(uuid())), ("action", str()),
                    ("record_type", nullable(str())), ("record_id", nullable(str())), ("changes", obj([])), ("request_id", nullable(str())),
                    ("address", nullable(str())), ("redacted", bool), ("hash", nullable(str())), ("prev_hash", nullable(str())),
                ])),
            ])),
        ]
    }

    static func listOf(_ name: String) -> JSONValue {
        obj([
            ("type", .string("object")),
            ("properties", obj([("data", obj([("type", .string("array")), ("items", ref(name))])), ("next_cursor", nullable(str()))])),
        ])
    }

    static func accessPaths(types: [RecordType]) -> [(String, JSONValue)] {
        let id = obj([("name", .string("id")), ("in", .string("path")), ("required", .bool(true)), ("schema", uuid())])
        let query = { (name: String) in obj([("name", .string(name)), ("in", .string("query")), ("schema", str())]) }
        var paths: [(String, JSONValue)] = [
            ("/api/v1/me", obj([("get", operation("me", "Who the token or session acts for, with the role's grants", tag: "access", responses: [("200", jsonResponse("The caller", ref("User")))]))])),
            ("/api/v1/users", obj([
                ("get", operation("listUsers", "List users (admins)", tag: "access", responses: [("200", jsonResponse("Users", listOf("User")))])),
                ("post", operation("createUser", "Add a user (admins)", tag: "access", body: obj([
                    ("type", .string("object")), ("required", strings(["email"])), ("additionalProperties", .bool(false)),
                    ("properties", obj([
                        ("email", str()), ("name", str()), ("role", str()), ("teams", obj([("type", .string("array")), ("items", str())])),
                        ("language", str()), ("time_zone", str()), ("password", obj([("type", .string("string")), ("minLength", .number(String(10)))])),
                    ])),
                ]), responses: [("201", jsonResponse("Added", ref("User"))), ("409", problem("Email already used")), ("422", problem("Invalid"))])),
            ])),
            ("/api/v1/users/{id}", obj([
                ("get", operation("getUser", "Read a user (admins, or oneself)", tag: "access", parameters: [id], responses: [("200", jsonResponse("The user", ref("User"))), ("404", problem("Not found"))])),
                ("patch", operation("updateUser", "Change a user's name, role, teams, language, time zone, active flag or skills (admins)", tag: "access", parameters: [id], body: obj([
                    ("type", .string("object")), ("additionalProperties", .bool(false)),
                    ("properties", obj([
                        ("name", str()), ("role", str()), ("teams", obj([("type", .string("array")), ("items", str())])), ("language", nullable(str())),
                        ("time_zone", nullable(str())), ("active", obj([("type", .string("boolean"))])),
                        ("skills", obj([("type", .string("array")), ("maxItems", .number("100")), ("items", obj([("type", .string("string")), ("minLength", .number("1")), ("maxLength", .number("50"))]))])),
                    ])),
                ]), responses: [("200", jsonResponse("Updated", ref("User"))), ("404", problem("Not found")), ("409", problem("Not on oneself")), ("422", problem("Invalid"))])),
            ])),
            ("/api/v1/teams", obj([
                ("get", operation("listTeams", "List teams", tag: "access", responses: [("200", jsonResponse("Teams", listOf("Team")))])),
                ("post", operation("createTeam", "Add a team (admins)", tag: "access", body: obj([
                    ("type", .string("object")), ("required", strings(["name"])), ("additionalProperties", .bool(false)),
                    ("properties", obj([("name", str()), ("manager_id", uuid()), ("support_address", str()), ("assignment", nullable(obj([("type", .string("string")), ("enum", strings(TicketAssignment.rules + ["none"]))]))), ("unknown_senders", nullable(obj([("type", .string("string")), ("enum", strings(["create", "review"]))])))])),
                ]), responses: [("201", jsonResponse("Added", ref("Team"))), ("409", problem("Name taken")), ("422", problem("Invalid"))])),
            ])),
            ("/api/v1/teams/{id}", obj([
                ("patch", operation("updateTeam", "Rename a team or change its manager (admins)", tag: "access", parameters: [id], body: obj([
                    ("type", .string("object")), ("additionalProperties", .bool(false)),
                    ("properties", obj([("name", str()), ("manager_id", nullable(uuid())), ("support_address", nullable(str())), ("assignment", nullable(obj([("type", .string("string")), ("enum", strings(TicketAssignment.rules + ["none"]))]))), ("unknown_senders", nullable(obj([("type", .string("string")), ("enum", strings(["create", "review"]))])))])),
                ]), responses: [("200", jsonResponse("The team", ref("Team"))), ("404", problem("Not found")), ("409", problem("Name taken")), ("422", problem("Invalid"))])),
            ])),
            ("/api/v1/roles", obj([("get", operation("listRoles", "List roles and their grants", tag: "access", responses: [("200", jsonResponse("Roles", listOf("Role")))]))])),
            ("/api/v1/roles/{name}", obj([
                ("put", operation("saveRole", "Create a custom role or change a role's grants (admins)", tag: "access", parameters: [
                    obj([("name", .string("name")), ("in", .string("path")), ("required", .bool(true)), ("schema", str())]),
                ], body: obj([
                    ("type", .string("object")), ("additionalProperties", .bool(false)),
                    ("properties", obj([("label", str()), ("grants", obj([("type", .string("object")), ("additionalProperties", ref("Grant"))]))])),
                ]), responses: [("200", jsonResponse("The role", ref("Role"))), ("409", problem("The admin role is fixed")), ("422", problem("Invalid"))])),
                ("delete", operation("deleteRole", "Remove a custom role no active user holds (admins)", tag: "access", parameters: [
                    obj([("name", .string("name")), ("in", .string("path")), ("required", .bool(true)), ("schema", str())]),
                ], responses: [("204", obj([("description", .string("Removed"))])), ("404", problem("Not found")), ("409", problem("Built in, or still held"))])),
            ])),
            ("/api/v1/tokens", obj([
                ("get", operation("listTokens", "List one's tokens (admins: everyone's), never their secrets", tag: "access", responses: [("200", jsonResponse("Tokens", listOf("Token")))])),
                ("post", operation("createToken", "Create a token for oneself; the secret is shown once", tag: "access", body: obj([
                    ("type", .string("object")), ("required", strings(["name"])), ("additionalProperties", .bool(false)),
                    ("properties", obj([("name", str()), ("scope", obj([("type", .string("string")), ("enum", strings(["read", "write"]))])), ("expires_at", dateTime())])),
                ]), responses: [("201", jsonResponse("Created", ref("Token"))), ("422", problem("Invalid"))])),
            ])),
            ("/api/v1/tokens/{id}", obj([
                ("delete", operation("revokeToken", "Revoke a token", tag: "access", parameters: [id], responses: [("204", obj([("description", .string("Revoked"))])), ("404", problem("Not found"))])),
            ])),
            ("/api/v1/audit", obj([
                ("get", operation("listAudit", "Read the audit log, newest first (admins)", tag: "access", parameters: [
                    query("actor_id"), query("record_type"), query("record_id"), query("action"), query("from"), query("to"), query("cursor"),
                    obj([("name", .string("limit")), ("in", .string("query")), ("schema", obj([("type", .string("integer")), ("minimum", .number("1")), ("maximum", .number(String(ListQuery.maxLimit)))]))]),
                ], responses: [("200", jsonResponse("Entries", listOf("AuditEntry")))])),
            ])),
        ]
        let pipelineParam = obj([("name", .string("pipeline")), ("in", .string("query")), ("schema", uuid()), ("description", .string("Default: the default pipeline."))])
        let reportFilters = ReportQuery.openAPIParameters(uuid: uuid())
        for (name, summary) in [
            ("forecast", "Open deals per close month and currency, and the weighted forecast (amount × stage probability)"),
            ("funnel", "Deals that reached each stage, and the conversion from the stage before"),
            ("summary", "Win rate, average won deal per currency, median days to win, pipeline velocity per day, lost reasons"),
        ] {
            paths.append(("/api/v1/reports/\(name)", obj([
                ("get", operation("report\(name.prefix(1).uppercased() + name.dropFirst())", summary, tag: "reports", parameters: [pipelineParam] + reportFilters, responses: [
                    ("200", jsonResponse("The report", obj([("type", .string("object"))]))), ("400", problem("Bad filter")), ("404", problem("No such pipeline")),
                    ("422", problem("No such owner or team")),
                ])),
            ])))
        }
        let month = obj([("type", .string("string")), ("pattern", .string("^[0-9]{4}-(0[1-9]|1[0-2])$"))])
        paths.append(("/api/v1/reports/quota", obj([
            ("get", operation("reportQuota", "Per rep or team and month: won and weighted open amounts against the quota, with attainment", tag: "reports", parameters: [
                obj([("name", .string("from")), ("in", .string("query")), ("schema", month), ("description", .string("Default: January of this year."))]),
                obj([("name", .string("to")), ("in", .string("query")), ("schema", month), ("description", .string("Default: December of this year; at most 36 months after from."))]),
                obj([("name", .string("by")), ("in", .string("query")), ("schema", obj([("type", .string("string")), ("enum", strings(["owner", "team"]))]))]),
            ], responses: [("200", jsonResponse("The report", obj([("type", .string("object"))]))), ("400", problem("Bad parameters"))])),
        ])))
        paths.append(("/api/v1/quotes/{id}/revise", obj([
            ("post", operation("reviseQuote", "A new version of a quote: same number, next revision, a draft with copies of the lines; the old one becomes superseded", tag: "quotes", parameters: [id], responses: [
                ("201", jsonResponse("The new version", ref("Quote"))), ("404", problem("Not found")), ("422", problem("Accepted or already superseded")),
            ])),
        ])))
        for owner in ["organizations", "people"] {
            paths.append(("/api/v1/\(owner)/{id}/purchases", obj([
                ("get", operation("purchases" + (owner == "people" ? "Person" : "Organization"), "Purchase history: lifetime revenue, orders and last purchase; supplier spend; running contracts", tag: owner, parameters: [id], responses: [
                    ("200", jsonResponse("The history", obj([("type", .string("object"))]))), ("404", problem("Not found")),
                ])),
            ])))
        }
        paths.append(("/api/v1/deals/{id}/stages", obj([
            ("get", operation("dealStages", "A deal's stage changes (from, to, when, who, flag), oldest first", tag: "deals", parameters: [id], responses: [
                ("200", jsonResponse("The changes", obj([("type", .string("object"))]))), ("404", problem("Not found")),
            ])),
        ])))
        let partnerUser = obj([("name", .string("user_id")), ("in", .string("path")), ("required", .bool(true)), ("schema", uuid())])
        let link = obj([("type", .string("object")), ("properties", obj([
            ("user_id", uuid()), ("email", obj([("type", .string("string"))])), ("name", obj([("type", .string("string"))])),
            ("active", obj([("type", .string("boolean"))])), ("linked_at", obj([("type", .string("string"))])),
        ]))])
        paths.append(("/api/v1/partnerships/{id}/partner_users", obj([
            ("get", operation("partnerUsers", "The partner users of a partnership: who sees it through the partner portal", tag: "partnerships", parameters: [id], responses: [
                ("200", jsonResponse("The links", obj([("type", .string("object")), ("properties", obj([("data", obj([("type", .string("array")), ("items", link)]))]))]))), ("404", problem("Not found")),
            ])),
            ("post", operation("invitePartnerUser", "Invite a person at the partner: a partner account (or their existing one) linked to the partnership, and a week-long set-password link by mail (returned when mail is not set up)", tag: "partnerships", parameters: [id],
                               body: obj([("type", .string("object")), ("required", strings(["email"])), ("additionalProperties", .bool(false)), ("properties", obj([
                                   ("email", obj([("type", .string("string")), ("format", .string("email"))])), ("name", obj([("type", .string("string"))])),
                                   ("language", obj([("type", .string("string"))])),
                               ]))]), responses: [
                ("201", jsonResponse("The link", link)), ("403", problem("May not change the partnership")), ("404", problem("Not found")),
                ("409", problem("Invited at the same moment by someone else")), ("422", problem("Not a valid invitation, or the address belongs to a colleague")),
            ])),
        ])))
        paths.append(("/api/v1/partnerships/{id}/partner_users/{user_id}", obj([
            ("put", operation("linkPartnerUser", "Make a user with a partner role a partner user of the partnership (audited)", tag: "partnerships", parameters: [id, partnerUser], responses: [
                ("200", jsonResponse("The link", link)), ("403", problem("May not change the partnership")), ("404", problem("Not found")), ("422", problem("No such user, or not a partner role")),
            ])),
            ("delete", operation("unlinkPartnerUser", "End a user's access to the partnership through the portal (audited)", tag: "partnerships", parameters: [id, partnerUser], responses: [
                ("204", obj([("description", .string("Unlinked"))])), ("403", problem("May not change the partnership")), ("404", problem("Not found")),
            ])),
        ])))
        for type in types where type.stages != nil {
            paths.append(("/api/v1/\(type.name)/{id}/stages", obj([
                ("get", operation("\(schemaName(type).prefix(1).lowercased() + schemaName(type).dropFirst())Stages", "The moves of a \(type.singular)'s \(type.stages!.field) (from, to, at, actor_id, reason), oldest first", tag: type.name, parameters: [id], responses: [
                    ("200", jsonResponse("The moves", obj([("type", .string("object"))]))), ("404", problem("Not found")),
                ])),
            ])))
        }
        for type in types where !type.personalFields.isEmpty && type.uniqueKeys.contains(where: { $0.kind == "email" }) {
            let name = schemaName(type)
            paths.append(("/api/v1/\(type.name)/{id}/export", obj([
                ("get", operation("exportPersonal\(name)", "Everything stored about a \(type.singular), as one document", tag: "privacy", parameters: [id], responses: [
                    ("200", jsonResponse("The document", obj([("type", .string("object"))]))), ("404", problem("Not found")),
                ])),
            ])))
            paths.append(("/api/v1/\(type.name)/{id}/erase", obj([
                ("post", operation("erase\(name)", "Erase a \(type.singular)'s personal data everywhere (admins)", tag: "privacy", parameters: [id], responses: [
                    ("200", jsonResponse("What was erased", obj([("type", .string("object"))]))), ("404", problem("Not found")),
                ])),
            ])))
        }
        return paths
    }
}
