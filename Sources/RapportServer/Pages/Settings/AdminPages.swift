import Foundation
import Hummingbird
import RapportKit
import RapportStore

/// Settings pages for admins (users, teams, roles, custom fields, the audit log) and for
/// everyone (API tokens). Each is a table with forms above it, on the same engine calls as
/// the API, so their rules and audit entries are the API's.
struct AdminPages {
    let deps: PageDependencies
    let tokens: TokenStore
    let audit: AuditTrail
    var store: RecordStore { deps.store }
    var admin: AccessAdmin { deps.admin }

    func register(on router: Router<AppRequestContext>) {
        router.get("settings/users", use: users)
        router.post("settings/users", use: addUser)
        router.post("settings/users/update", use: updateUser)
        router.get("settings/teams", use: teams)
        router.post("settings/teams", use: addTeam)
        router.post("settings/teams/assignment", use: setTeamAssignment)
        router.post("settings/teams/support-address", use: setTeamSupportAddress)
        router.post("settings/teams/form-fields", use: setTeamFormFields)
        router.post("settings/teams/mailbox", use: setTeamMailbox)
        router.post("settings/teams/unknown-senders", use: setTeamUnknownSenders)
        router.get("settings/roles", use: roles)
        router.post("settings/roles", use: saveGrant)
        router.get("settings/fields", use: fields)
        router.post("settings/fields", use: addField)
        router.post("settings/fields/delete", use: deleteField)
        router.get("settings/tokens", use: tokenList)
        router.post("settings/tokens", use: createToken)
        router.post("settings/tokens/revoke", use: revokeToken)
        router.get("settings/audit", use: auditLog)
        registerCompany(on: router)
        registerMail(on: router)
        registerServiceLevels(on: router)
        registerSatisfaction(on: router)
        registerResetLinks(on: router)
    }

    // MARK: Building blocks

    /// Runs an admin page; others get the "not allowed" page.
    func adminPage(_ request: Request, adminOnly: Bool = true, _ body: (PageUser) async throws -> Response) async throws -> Response {
        guard let user = try await deps.pageUser(request) else { return PageRenderer.redirect("/signin") }
        if adminOnly && !user.viewer.role.isAdmin { return deps.errorPage(.forbidden(""), user: user)! }
        return try await body(user)
    }

    /// A posted admin form with its token checked, or the response to send instead.
    func posted(_ request: Request) async throws -> (PageDependencies.SignedInForm?, Response?) {
        switch try await deps.signedInForm(request) {
        case .proceed(let p): return (p, nil)
        case .stop(let r): return (nil, r)
        }
    }

    static func text(_ name: String, _ label: String, value: String = "", type: String = "text", required: Bool = false) -> [String: Any] {
        ["isText": true, "name": name, "id": "a-\(name)", "label": label, "value": value, "inputType": type, "required": required]
    }

    /// `id` tells apart two forms on one page that post the same field name.
    static func select(_ name: String, _ label: String, _ options: [(String, String)], selected: String = "", id: String? = nil) -> [String: Any] {
        ["isSelect": true, "name": name, "id": id ?? "a-\(name)", "label": label,
         "options": options.map { ["value": $0.0, "label": $0.1, "selected": $0.0 == selected] as [String: Any] }]
    }

    static func checks(_ name: String, _ label: String, _ options: [(String, String)], checked: Set<String>) -> [String: Any] {
        ["isChecks": true, "label": label,
         "options": options.enumerated().map { i, o in ["id": "a-\(name)-\(i)", "name": name, "value": o.0, "label": o.1, "checked": checked.contains(o.0)] as [String: Any] }]
    }

    static func checkbox(_ name: String, _ label: String, checked: Bool = false) -> [String: Any] {
        ["isCheckbox": true, "name": name, "id": "a-\(name)", "label": label, "checked": checked]
    }

    static func form(_ action: String, _ legend: String, _ submit: String, _ inputs: [[String: Any]], csrf: String, method: String = "post") -> [String: Any] {
        ["action": action, "legend": legend, "submit": submit, "inputs": inputs, "method": method, "post": method == "post", "csrf": csrf]
    }

    static func cell(_ label: String, _ text: String, href: String? = nil) -> [String: Any] {
        var c: [String: Any] = ["label": label, "text": text.isEmpty ? "—" : text]
        if let href { c["href"] = href }
        return c
    }

    func render(_ user: PageUser, heading: String, columns: [String], rows: [[String: Any]], forms: [[String: Any]], extra: [String: Any] = [:]) -> Response {
        var values = extra
        values["heading"] = heading
        values["columns"] = columns
        // One actions column for the whole table when any row has an action, so rows
        // without one keep their cells under the right headings.
        let hasActions = rows.contains { !(($0["rowActions"] as? [Any])?.isEmpty ?? true) }
        values["has_actions"] = hasActions
        values["rows"] = rows.map { row in
            var r = row
            r["has_rowActions"] = hasActions
            return r
        }
        values["forms"] = forms
        return deps.renderApp("admin_table", user: user, title: heading, values: values, current: "settings", status: (extra["formError"] != nil) ? .unprocessableContent : .ok)
    }

    /// A failed form shows the engine's field errors in the page's language.
    func describe(_ error: Error, _ user: PageUser) -> String {
        switch error {
        case RecordError.invalid(let errors): return errors.map { "\(user.strings["field.\($0.field)"] ?? $0.field): \(user.errorMessage($0))" }.joined(separator: " ")
        case RecordError.duplicate: return user.t("error.duplicate")
        case RecordError.conflict(let detail), RecordError.forbidden(let detail): return detail
        default: return user.t("not_allowed")
        }
    }

    func roleOptions(_ user: PageUser) async throws -> [(String, String)] {
        try await admin.directory.roles().map { ($0.name, user.strings["role_\($0.name)"] ?? $0.label) }
    }

    // MARK: Users

    @Sendable func users(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await adminPage(request) { user in try await renderUsers(user, formError: nil) }
    }

    /// `typed` refills the add-user form after a refusal, so nothing has to be typed twice
    /// (never the password).
    func renderUsers(_ user: PageUser, formError: String?, typed: [String: String] = [:], typedTeams: Set<String> = [], extra: [String: Any] = [:]) async throws -> Response {
        let roles = try await roleOptions(user)
        let roleName = Dictionary(roles, uniquingKeysWith: { a, _ in a })
        let teams = try await admin.directory.teams()
        let all = try await admin.users()
        let csrf = user.session.csrfToken
        let cols = [user.t("name_label"), user.t("email_label"), user.t("role"), user.t("teams_label"), user.t("active"), user.t("two_factor"), user.t("skills_label")]
        let rows: [[String: Any]] = all.map { u in
            [
                "cells": [Self.cell(cols[0], u.name), Self.cell(cols[1], u.email), Self.cell(cols[2], roleName[u.role] ?? u.role),
                          Self.cell(cols[3], u.teams.joined(separator: ", ")), Self.cell(cols[4], user.t(u.active ? "yes" : "no")),
                          Self.cell(cols[5], user.t(u.twoFactor ? "two_factor_on" : "two_factor_off")), Self.cell(cols[6], u.skills.joined(separator: ", "))],
                "rowID": "user-\(u.id)",
                "rowActions": u.id == user.user.id ? [] : [[
                    "action": "/settings/users/update", "csrf": csrf, "label": user.t(u.active ? "disable" : "enable"),
                    "fields": [["name": "id", "value": u.id], ["name": "active", "value": u.active ? "false" : "true"]],
                ] as [String: Any]] + (u.active ? [[
                    "action": "/settings/users/reset", "csrf": csrf, "label": user.t("issue_reset_link"), "fields": [["name": "id", "value": u.id]],
                ] as [String: Any]] : []),
            ]
        }
        let forms = [
            Self.form("/settings/users", user.t("add_user"), user.t("add_user"), [
                Self.text("email", user.t("email_label"), value: typed["email"] ?? "", type: "email", required: true),
                Self.text("name", user.t("name_label"), value: typed["name"] ?? ""),
                Self.select("role", user.t("role"), roles, selected: typed["role"] ?? "viewer"),
                Self.checks("teams", user.t("teams_label"), teams.map { ($0.name, $0.name) }, checked: typedTeams),
                Self.text("password", user.t("password"), type: "password"),
            ], csrf: csrf),
            Self.form("/settings/users/update", user.t("role"), user.t("save"), [
                Self.select("id", user.t("users"), all.filter { $0.id != user.user.id }.map { ($0.id, "\($0.name) <\($0.email)>") }),
                Self.select("role", user.t("role"), roles, id: "a-change-role"),
            ], csrf: csrf),
            // Replaces the chosen user's skills (the table above shows them); clearing them
            // is left to the API, so an empty save cannot wipe them by accident.
            Self.form("/settings/users/update", user.t("skills_label"), user.t("save"), [
                Self.select("id", user.t("users"), all.filter(\.active).map { ($0.id, "\($0.name) <\($0.email)>") }, id: "a-skills-user"),
                ["isText": true, "name": "skills", "id": "a-skills", "label": user.t("skills_hint"), "value": typed["skills"] ?? "", "inputType": "text", "required": true],
            ], csrf: csrf),
        ]
        return render(user, heading: user.t("users"), columns: cols, rows: rows, forms: forms, extra: (formError.map { ["formError": $0] } ?? [:]).merging(extra) { a, _ in a })
    }

    @Sendable func addUser(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await adminPage(request) { user in
            let (p, stop) = try await posted(request)
            guard let p else { return stop! }
            var body = JSONObject()
            for key in ["email", "name", "role", "password"] { if let v = p.fields[key], !v.isEmpty { body[key] = .string(v) } }
            body["teams"] = .array((p.values["teams"] ?? []).map(JSONValue.string))
            do {
                _ = try await admin.addUser(body, actor: user.actor(context))
            } catch {
                return try await renderUsers(user, formError: describe(error, user), typed: p.fields, typedTeams: Set(p.values["teams"] ?? []))
            }
            return PageRenderer.redirect("/settings/users")
        }
    }

    @Sendable func updateUser(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await adminPage(request) { user in
            let (p, stop) = try await posted(request)
            guard let p else { return stop! }
            var body = JSONObject()
            if let role = p.fields["role"] { body["role"] = .string(role) }
            if let active = p.fields["active"] { body["active"] = .bool(active == "true") }
            if let typed = p.fields["skills"] {
                let skills = typed.split(whereSeparator: { ",、，".contains($0) }).map { $0.trimmedWhitespace }.filter { !$0.isEmpty }
                guard !skills.isEmpty else { return try await renderUsers(user, formError: user.t("skills_required"), typed: p.fields) }
                body["skills"] = .array(skills.map(JSONValue.string))
            }
            do {
                _ = try await admin.updateUser(id: p.fields["id"] ?? "", body, actor: user.actor(context))
                tokens.forgetCachedIdentities()
            } catch {
                return try await renderUsers(user, formError: describe(error, user), typed: p.fields, typedTeams: Set(p.values["teams"] ?? []))
            }
            return PageRenderer.redirect("/settings/users")
        }
    }

    // MARK: Teams

    @Sendable func teams(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await adminPage(request) { user in try await renderTeams(user, formError: nil) }
    }

    func renderTeams(_ user: PageUser, formError: String?) async throws -> Response {
        let all = try await admin.users()
        let names = Dictionary(all.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let cols = [user.t("name_label"), user.t("manager"), user.t("support_address"), user.t("web_form"), user.t("assignment"), user.t("members"), user.t("form_fields"),
                    user.t("mailbox"), user.t("unknown_senders")]
        let mailboxes = Dictionary(try await TeamMailboxes(store: deps.store).all().map { ($0.teamID, $0) }, uniquingKeysWith: { a, _ in a })
        let formFields = WebFormFields(store: deps.store)
        let eligible = try await formFields.eligible()
        func label(_ field: FieldSpec) -> String { field.isCustom ? field.label : user.t("webform_field.\(field.name)") }
        let chosen = try await formFields.chosenByTeam().mapValues { $0.map(label).joined(separator: ", ") }
        let rows: [[String: Any]] = try await admin.directory.teams().map { team in
            // A group with a support address faces customers: its public form is linked here.
            let form = team.supportAddress == nil ? Self.cell(cols[3], "") : Self.cell(cols[3], "/support/\(team.id)", href: "/support/\(team.id)")
            let turning = team.assignment == TicketAssignment.roundRobin
            return ["cells": [Self.cell(cols[0], team.name), Self.cell(cols[1], team.managerID.flatMap { names[$0] } ?? ""),
                              Self.cell(cols[2], team.supportAddress ?? ""), form, Self.cell(cols[4], user.t(turning ? "assignment_round_robin" : "assignment_manual")),
                              Self.cell(cols[5], team.members.compactMap { names[$0] }.joined(separator: ", ")), Self.cell(cols[6], chosen[team.id] ?? ""),
                              Self.cell(cols[7], mailboxes[team.id].map { Self.mailboxText($0, user) } ?? ""),
                              Self.cell(cols[8], user.t("unknown_senders.\(team.unknownSenders ?? "create")"))],
                    "rowID": "team-\(team.id)",
                    "rowActions": [["action": "/settings/teams/assignment", "csrf": user.session.csrfToken,
                                    "label": user.t(turning ? "assignment_turn_off" : "assignment_turn_on"),
                                    "fields": [["name": "id", "value": team.id], ["name": "assignment", "value": turning ? "none" : TicketAssignment.roundRobin]]],
                                   ["action": "/settings/teams/unknown-senders", "csrf": user.session.csrfToken,
                                    "label": user.t(team.unknownSenders == "review" ? "unknown_senders_let" : "unknown_senders_hold"),
                                    "fields": [["name": "id", "value": team.id], ["name": "unknown_senders", "value": team.unknownSenders == "review" ? "create" : "review"]]]] as [[String: Any]]]
        }
        let teams = try await admin.directory.teams()
        var forms = [Self.form("/settings/teams", user.t("add_team"), user.t("add_team"), [
            Self.text("name", user.t("name_label"), required: true),
            Self.select("manager_id", user.t("manager"), [("", user.t("none"))] + all.filter(\.active).map { ($0.id, $0.name) }),
            Self.text("support_address", user.t("support_address"), type: "email"),
            Self.checkbox("round_robin", user.t("assignment_round_robin_hint")),
        ], csrf: user.session.csrfToken)]
        // An existing group starts taking mail and its public form once it has an address.
        if !teams.isEmpty {
            forms.append(Self.form("/settings/teams/support-address", user.t("change_support_address"), user.t("save"), [
                Self.select("id", user.t("team"), teams.map { ($0.id, $0.name) }, id: "a-address-team"),
                ["isText": true, "name": "support_address", "id": "a-new-address", "label": user.t("support_address"), "value": "", "inputType": "email", "required": true],
            ], csrf: user.session.csrfToken))
        }
        // The fields a customer-facing group's form asks for (the table shows each one's list).
        let facing = teams.filter { $0.supportAddress != nil }
        if !facing.isEmpty && !eligible.isEmpty {
            forms.append(Self.form("/settings/teams/form-fields", user.t("form_fields"), user.t("save"), [
                Self.select("id", user.t("team"), facing.map { ($0.id, $0.name) }, id: "a-form-team"),
                Self.checks("fields", user.t("form_fields_hint"), eligible.map { ($0.name, label($0)) }, checked: []),
            ], csrf: user.session.csrfToken))
        }
        if !teams.isEmpty {
            forms.append(Self.form("/settings/teams/mailbox", user.t("mailbox_connect"), user.t("save"), [
                Self.select("id", user.t("team"), teams.map { ($0.id, $0.name) }, id: "a-mailbox-team"),
                Self.text("host", user.t("mailbox_host"), required: true),
                Self.text("port", user.t("mail_field.port"), value: "993", type: "number", required: true),
                Self.select("security", user.t("mail_field.security"), [("tls", "TLS"), ("starttls", "STARTTLS"), ("none", user.t("none"))]),
                Self.text("username", user.t("mail_field.username"), required: true),
                Self.text("password", user.t("mail_field.password"), type: "password"),
                Self.text("folder", user.t("mailbox_folder"), value: "INBOX"),
                Self.checkbox("enabled", user.t("mailbox_enabled"), checked: true),
            ], csrf: user.session.csrfToken))
        }
        return render(user, heading: user.t("teams"), columns: cols, rows: rows, forms: forms, extra: formError.map { ["formError": $0] } ?? [:])
    }

    /// "imap.example.com · desk · 12 taken", or what went wrong the last time.
    static func mailboxText(_ m: TeamMailbox, _ user: PageUser) -> String {
        var parts = ["\(m.settings.host) · \(m.settings.username)", user.t("mailbox_taken").replacingOccurrences(of: "%d", with: String(m.taken))]
        if !m.settings.enabled { parts.append(user.t("mailbox_off")) }
        if let error = m.lastError { parts.append(user.t("mailbox_error").replacingOccurrences(of: "%@", with: error)) }
        return parts.joined(separator: " · ")
    }

    /// Connects or changes a group's mailbox; the password field left empty keeps the
    /// stored one, as on the mail page.
    @Sendable func setTeamMailbox(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await adminPage(request) { user in
            let (p, stop) = try await posted(request)
            guard let p else { return stop! }
            var body = JSONObject()
            for key in ["host", "port", "security", "username", "folder"] { body[key] = .string(p.fields[key] ?? "") }
            if let password = p.fields["password"], !password.isEmpty { body["password"] = .string(password) }
            body["enabled"] = .bool(p.fields["enabled"] == "true")
            do {
                try await TeamMailboxes(store: deps.store).replace(team: p.fields["id"] ?? "", body, actor: user.actor(context))
            } catch { return try await renderTeams(user, formError: describe(error, user)) }
            return PageRenderer.redirect("/settings/teams")
        }
    }

    /// Replaces the fields a group's public form asks for with the ticked ones.
    @Sendable func setTeamFormFields(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await adminPage(request) { user in
            let (p, stop) = try await posted(request)
            guard let p else { return stop! }
            let fields = JSONValue.array((p.values["fields"] ?? []).map(JSONValue.string))
            do {
                try await WebFormFields(store: deps.store).replace(team: p.fields["id"] ?? "", fields, actor: user.actor(context))
            } catch { return try await renderTeams(user, formError: describe(error, user)) }
            return PageRenderer.redirect("/settings/teams")
        }
    }

    @Sendable func addTeam(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await adminPage(request) { user in
            let (p, stop) = try await posted(request)
            guard let p else { return stop! }
            var body = JSONObject([("name", .string(p.fields["name"] ?? ""))])
            if let m = p.fields["manager_id"], !m.isEmpty { body["manager_id"] = .string(m) }
            if let a = p.fields["support_address"], !a.trimmedWhitespace.isEmpty { body["support_address"] = .string(a) }
            if p.fields["round_robin"] == "true" { body["assignment"] = .string(TicketAssignment.roundRobin) }
            do { _ = try await admin.createTeam(body, actor: user.actor(context)) } catch { return try await renderTeams(user, formError: describe(error, user)) }
            return PageRenderer.redirect("/settings/teams")
        }
    }

    /// A team's support address set after it was made. The form shows no team's current
    /// address, so an empty one is refused rather than read as "clear it": choosing a team
    /// and pressing Save must never take a live address (and its mail) away. Clearing is
    /// `PATCH /api/v1/teams/{id}` with `null`.
    @Sendable func setTeamSupportAddress(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await adminPage(request) { user in
            let (p, stop) = try await posted(request)
            guard let p else { return stop! }
            let address = (p.fields["support_address"] ?? "").trimmedWhitespace
            guard !address.isEmpty else {
                return try await renderTeams(user, formError: describe(RecordError.invalid([FieldError(field: "support_address", code: "required", message: "An address is required.")]), user))
            }
            let body = JSONObject([("support_address", .string(address))])
            do { _ = try await admin.updateTeam(id: p.fields["id"] ?? "", body, actor: user.actor(context)) } catch { return try await renderTeams(user, formError: describe(error, user)) }
            return PageRenderer.redirect("/settings/teams")
        }
    }

    /// A team's row button: hold mail from unknown senders for review, or let it in again.
    @Sendable func setTeamUnknownSenders(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await adminPage(request) { user in
            let (p, stop) = try await posted(request)
            guard let p else { return stop! }
            let body = JSONObject([("unknown_senders", .string(p.fields["unknown_senders"] ?? ""))])
            do { _ = try await admin.updateTeam(id: p.fields["id"] ?? "", body, actor: user.actor(context)) } catch { return try await renderTeams(user, formError: describe(error, user)) }
            return PageRenderer.redirect("/settings/teams")
        }
    }

    /// A team's row button: assign its new tickets in turn, or by hand again.
    @Sendable func setTeamAssignment(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await adminPage(request) { user in
            let (p, stop) = try await posted(request)
            guard let p else { return stop! }
            let body = JSONObject([("assignment", .string(p.fields["assignment"] ?? ""))])
            do { _ = try await admin.updateTeam(id: p.fields["id"] ?? "", body, actor: user.actor(context)) } catch { return try await renderTeams(user, formError: describe(error, user)) }
            return PageRenderer.redirect("/settings/teams")
        }
    }
}
