import Foundation
import Hummingbird
import RapportKit
import RapportStore

extension AdminPages {
    // MARK: Roles

    @Sendable func roles(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await adminPage(request) { user in try await renderRoles(user, formError: nil) }
    }

    func grantSummary(_ g: Grant, _ user: PageUser) -> String {
        let actions = RecordAction.allCases.filter(g.actions.contains).map { user.t($0 == .read || $0 == .import || $0 == .export ? "action_\($0.rawValue)" : "action_\($0.rawValue)_grant") }
        var text = actions.isEmpty ? user.t("none") : actions.joined(separator: ", ")
        text += " · " + user.t("visibility_\(g.visibility.rawValue)")
        if g.hidesSensitive || !g.hiddenFields.isEmpty {
            let hidden = g.hiddenFields.sorted().map { user.strings["field.\($0)"] ?? $0 } + (g.hidesSensitive ? [user.t("sensitive")] : [])
            text += " · " + user.t("hidden_fields") + ": " + hidden.joined(separator: ", ")
        }
        return text
    }

    func renderRoles(_ user: PageUser, formError: String?) async throws -> Response {
        let roles = try await admin.directory.roles()
        let types = store.catalog.types
        // One row per record type, one column per role: roles are few, types keep coming.
        let cols = [user.t("record_type")] + roles.map { user.strings["role_\($0.name)"] ?? $0.label }
        let rows: [[String: Any]] = types.map { t in
            ["cells": [Self.cell(cols[0], user.typeName(t))]
                + roles.enumerated().map { i, role in Self.cell(cols[i + 1], grantSummary(role.grant(for: t.name), user)) }]
        }
        let editable = roles.filter { !$0.isAdmin }.map { ($0.name, user.strings["role_\($0.name)"] ?? $0.label) }
        let actions = RecordAction.allCases.map { ($0.rawValue, user.t($0 == .read || $0 == .import || $0 == .export ? "action_\($0.rawValue)" : "action_\($0.rawValue)_grant")) }
        let forms = [Self.form("/settings/roles", user.t("roles"), user.t("save_grant"), [
            Self.select("role", user.t("role"), editable), Self.select("type", user.t("record_type"), types.map { ($0.name, user.typeName($0)) }),
            Self.checks("actions", user.t("actions"), actions, checked: ["read"]),
            Self.select("visibility", user.t("visibility"), Visibility.allCases.map { ($0.rawValue, user.t("visibility_\($0.rawValue)")) }, selected: "all"),
            Self.checkbox("hides_sensitive", user.t("sensitive")),
            Self.text("hidden_fields", user.t("hidden_fields")),
            Self.text("new_role", user.t("role") + " (" + user.t("new") + ")"),
        ], csrf: user.session.csrfToken)]
        return render(user, heading: user.t("roles"), columns: cols, rows: rows, forms: forms, extra: formError.map { ["formError": $0] } ?? [:])
    }

    /// Sets one role's grant on one type; naming a new role creates it with that grant.
    @Sendable func saveGrant(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await adminPage(request) { user in
            let (p, stop) = try await posted(request)
            guard let p else { return stop! }
            let newName = (p.fields["new_role"] ?? "").trimmedWhitespace
            let name = newName.isEmpty ? (p.fields["role"] ?? "") : newName
            let existing = try await admin.directory.role(named: name)
            var grants = JSONObject()
            for (type, grant) in existing?.grants ?? [:] { grants[type] = .object(grant.json) }
            let type = p.fields["type"] ?? "*"
            grants[type] = .object(JSONObject([
                ("actions", .array((p.values["actions"] ?? []).map(JSONValue.string))),
                ("visibility", .string(p.fields["visibility"] ?? "own")),
                ("hides_sensitive", .bool(p.fields["hides_sensitive"] != nil)),
                ("hidden_fields", .array(Self.hiddenFields(posted: p.fields["hidden_fields"], kept: existing?.grants[type]?.hiddenFields ?? []).map(JSONValue.string))),
            ]))
            do {
                _ = try await admin.saveRole(name: name, JSONObject([("grants", .object(grants))]), actor: user.actor(context))
                tokens.forgetCachedIdentities()
            } catch {
                return try await renderRoles(user, formError: describe(error, user))
            }
            return PageRenderer.redirect("/settings/roles")
        }
    }

    /// The fields a saved grant hides: those typed in the form (`-` for none), else the
    /// ones it hid before, so saving actions or visibility never reveals a field.
    static func hiddenFields(posted: String?, kept: Set<String>) -> [String] {
        let typed = (posted ?? "").trimmedWhitespace
        if typed.isEmpty { return kept.sorted() }
        if typed == "-" { return [] }
        return typed.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == " " }).map(String.init).filter { !$0.isEmpty }
    }

    // MARK: Custom fields

    @Sendable func fields(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await adminPage(request) { user in try await renderFields(user, formError: nil) }
    }

    func renderFields(_ user: PageUser, formError: String?) async throws -> Response {
        let defs = try await store.customFieldDefinitions(type: nil)
        let cols = [user.t("record_type"), user.t("field_name"), user.t("field_label"), user.t("field_kind"), user.t("required"), user.t("sensitive")]
        let rows: [[String: Any]] = defs.map { d in
            [
                "cells": [Self.cell(cols[0], store.catalog[d.recordType].map { user.typeName($0) } ?? d.recordType), Self.cell(cols[1], d.name),
                          Self.cell(cols[2], d.label), Self.cell(cols[3], user.t("kind_\(d.kind)")), Self.cell(cols[4], user.t(d.required ? "yes" : "no")),
                          Self.cell(cols[5], user.t(d.sensitive ? "yes" : "no"))],
                "rowActions": [["action": "/settings/fields/delete", "csrf": user.session.csrfToken, "label": user.t("delete"), "confirm": user.t("field_delete_confirm"), "fields": [["name": "id", "value": d.id]]] as [String: Any]],
            ]
        }
        let forms = [Self.form("/settings/fields", user.t("add_field"), user.t("add_field"), [
            Self.select("record_type", user.t("record_type"), store.catalog.types.filter(\.allowsCustomFields).map { ($0.name, user.typeName($0)) }),
            Self.text("name", user.t("field_name"), required: true), Self.text("label", user.t("field_label")),
            Self.select("kind", user.t("field_kind"), FieldKind.customFieldKinds.map { ($0, user.t("kind_\($0)")) }),
            Self.text("options", user.t("options") + " (" + user.t("comma_separated") + ")"),
            Self.checkbox("required", user.t("required")), Self.checkbox("sensitive", user.t("sensitive")),
        ], csrf: user.session.csrfToken)]
        return render(user, heading: user.t("custom_fields"), columns: cols, rows: rows, forms: forms, extra: formError.map { ["formError": $0] } ?? [:])
    }

    @Sendable func addField(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await adminPage(request) { user in
            let (p, stop) = try await posted(request)
            guard let p else { return stop! }
            var body = JSONObject()
            for key in ["record_type", "name", "label", "kind"] { if let v = p.fields[key]?.trimmedWhitespace, !v.isEmpty { body[key] = .string(v) } }
            let options = (p.fields["options"] ?? "").split(separator: ",").map { String($0).trimmedWhitespace }.filter { !$0.isEmpty }
            if !options.isEmpty { body["options"] = .array(options.map(JSONValue.string)) }
            body["required"] = .bool(p.fields["required"] != nil)
            body["sensitive"] = .bool(p.fields["sensitive"] != nil)
            do { _ = try await store.addCustomField(body, actor: user.actor(context)) } catch { return try await renderFields(user, formError: describe(error, user)) }
            return PageRenderer.redirect("/settings/fields")
        }
    }

    @Sendable func deleteField(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await adminPage(request) { user in
            let (p, stop) = try await posted(request)
            guard let p else { return stop! }
            do { try await store.removeCustomField(id: p.fields["id"] ?? "", actor: user.actor(context)) } catch { return try await renderFields(user, formError: describe(error, user)) }
            return PageRenderer.redirect("/settings/fields")
        }
    }

    // MARK: Tokens (everyone's own; admins see all)

    @Sendable func tokenList(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await adminPage(request, adminOnly: false) { user in try await renderTokens(user, secret: nil) }
    }

    func renderTokens(_ user: PageUser, secret: String?) async throws -> Response {
        let isAdmin = user.viewer.role.isAdmin
        let list = try await tokens.list(userID: isAdmin ? nil : user.user.id)
        let formatter = ValueFormatter(user: user)
        func when(_ o: JSONObject, _ key: String) -> String { o[key]?.stringValue.map(formatter.instant) ?? user.t("never") }
        let cols = [user.t("name_label"), user.t("email_label"), user.t("scope"), user.t("last_used"), user.t("expires"), user.t("revoked")]
        let rows: [[String: Any]] = list.map { t in
            [
                "cells": [Self.cell(cols[0], t["name"]?.stringValue ?? ""), Self.cell(cols[1], t["user_email"]?.stringValue ?? ""),
                          Self.cell(cols[2], t["scope"]?.stringValue ?? ""), Self.cell(cols[3], when(t, "last_used_at")),
                          Self.cell(cols[4], when(t, "expires_at")), Self.cell(cols[5], t["revoked_at"]?.stringValue == nil ? "" : when(t, "revoked_at"))],
                "rowActions": t["revoked_at"]?.stringValue == nil
                    ? [["action": "/settings/tokens/revoke", "csrf": user.session.csrfToken, "label": user.t("revoke"), "fields": [["name": "id", "value": t["id"]?.stringValue ?? ""]]] as [String: Any]]
                    : [],
            ]
        }
        let forms = [Self.form("/settings/tokens", user.t("create_token"), user.t("create_token"), [
            Self.text("name", user.t("name_label"), required: true), Self.select("scope", user.t("scope"), [("read", "read"), ("write", "write")]),
        ], csrf: user.session.csrfToken)]
        return render(user, heading: user.t("api_tokens"), columns: cols, rows: rows, forms: forms, extra: secret.map { ["secret": $0] } ?? [:])
    }

    @Sendable func createToken(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await adminPage(request, adminOnly: false) { user in
            let (p, stop) = try await posted(request)
            guard let p else { return stop! }
            let name = String((p.fields["name"] ?? "").trimmedWhitespace.prefix(100))
            let scope = p.fields["scope"] == "write" ? "write" : "read"
            let created = try await tokens.create(name: name.isEmpty ? "web" : name, userEmail: user.user.email, scope: scope, actor: user.actor(context))
            return try await renderTokens(user, secret: created.token)
        }
    }

    @Sendable func revokeToken(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await adminPage(request, adminOnly: false) { user in
            let (p, stop) = try await posted(request)
            guard let p else { return stop! }
            _ = try await tokens.revoke(id: p.fields["id"] ?? "", ownerID: user.viewer.role.isAdmin ? nil : user.user.id, actor: user.actor(context))
            return PageRenderer.redirect("/settings/tokens")
        }
    }

    // MARK: Audit log

    /// An audit action by its name in the page's language; unknown ones as recorded.
    static func actionLabel(_ action: String, _ user: PageUser) -> String {
        user.strings["audit_" + action.replacingOccurrences(of: ".", with: "_")] ?? action
    }

    @Sendable func auditLog(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await adminPage(request) { user in
            let params = try QueryString.parse(request.uri.query)
            var filter = AuditTrail.Filter()
            func param(_ k: String) -> String? { params.first { $0.0 == k }.map(\.1).flatMap { $0.isEmpty ? nil : $0 } }
            filter.action = param("action")
            filter.recordType = param("record_type")
            filter.actorID = param("actor_id")
            filter.before = param("cursor").flatMap { Int64($0) }
            let formatter = ValueFormatter(user: user)
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = user.timeZone
            let day = DateFormatter()
            day.locale = Locale(identifier: "en_US_POSIX")
            day.timeZone = user.timeZone
            day.dateFormat = "yyyy-MM-dd"
            if let from = param("from").flatMap(day.date(from:)) { filter.from = Timestamp.format(from) }
            if let to = param("to").flatMap(day.date(from:)) { filter.to = Timestamp.format(calendar.date(byAdding: .day, value: 1, to: to)!) }
            let (entries, next) = try await audit.list(filter)
            let users = try await admin.users()
            let names = Dictionary(users.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            let cols = [user.t("when"), user.t("actor"), user.t("action"), user.t("record"), user.t("address"), user.t("changes")]
            let rows: [[String: Any]] = entries.map { e in
                let type = e["record_type"]?.stringValue ?? ""
                let id = e["record_id"]?.stringValue ?? ""
                let changes = e["changes"]?.objectValue.map { $0.keys.joined(separator: ", ") } ?? ""
                return ["cells": [
                    Self.cell(cols[0], e["at"]?.stringValue.map(formatter.instant) ?? ""), Self.cell(cols[1], e["actor_id"]?.stringValue.flatMap { names[$0] } ?? "—"),
                    Self.cell(cols[2], e["action"]?.stringValue.map { Self.actionLabel($0, user) } ?? ""),
                    Self.cell(cols[3], store.catalog[type].map { user.typeName($0, one: true) } ?? type, href: store.catalog[type] != nil && RecordID.isValid(id) ? "/\(type)/\(id)" : nil),
                    Self.cell(cols[4], e["address"]?.stringValue ?? ""), Self.cell(cols[5], changes),
                ]]
            }
            let kept = params.filter { $0.0 != "cursor" }
            var extra: [String: Any] = [:]
            if let next { extra["nextPage"] = "/settings/audit?" + RecordPages.encode(kept + [("cursor", String(next))]) }
            let actions = ["create", "update", "delete", "restore", "merge", "erase", "import", "export", "signin", "signin.failed", "signout", "permission.change", "token.use", "token.create", "privacy.export"]
            let forms = [Self.form("/settings/audit", user.t("filter"), user.t("apply"), [
                Self.select("action", user.t("action"), [("", user.t("any"))] + actions.map { ($0, Self.actionLabel($0, user)) }, selected: param("action") ?? ""),
                Self.select("record_type", user.t("record_type"), [("", user.t("any"))] + store.catalog.types.map { ($0.name, user.typeName($0)) }, selected: param("record_type") ?? ""),
                Self.select("actor_id", user.t("actor"), [("", user.t("any"))] + users.map { ($0.id, $0.name) }, selected: param("actor_id") ?? ""),
                Self.text("from", user.t("from"), value: param("from") ?? "", type: "date"), Self.text("to", user.t("to"), value: param("to") ?? "", type: "date"),
            ], csrf: user.session.csrfToken, method: "get")]
            return render(user, heading: user.t("audit_log"), columns: cols, rows: rows, forms: forms, extra: extra)
        }
    }
}
