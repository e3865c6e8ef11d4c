import Foundation
import Hummingbird
import RapportKit
import RapportStore

/// Settings → Mail, for admins: the relay and sender through the same parse and store the
/// API uses, a test message, and the newest messages' delivery states. The password input
/// is always empty: the stored password is never written into a page.
extension AdminPages {
    func registerMail(on router: Router<AppRequestContext>) {
        router.get("settings/mail", use: mail)
        router.post("settings/mail", use: saveMail)
        router.post("settings/mail/test", use: sendTestMail)
    }

    var mailOutbox: MailOutbox { MailOutbox(db: store.db, cipher: store.cipher) }

    @Sendable func mail(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await adminPage(request) { user in
            let query = try QueryString.parse(request.uri.query)
            let notice = query.first { $0.0 == "notice" }?.1
            let saved = try await mailOutbox.settings.settings()
            return try await renderMail(user, shown: saved.map { Self.formValues($0) } ?? [:], saved: saved, formError: nil,
                                        notice: notice == "saved" ? "mail_saved" : notice == "queued" ? "mail_test_queued" : nil)
        }
    }

    static func formValues(_ settings: MailRelaySettings) -> [String: String] {
        ["host": settings.host, "port": String(settings.port), "security": settings.security.rawValue, "username": settings.username ?? "",
         "from_name": settings.fromName ?? "", "from_address": settings.fromAddress]
    }

    func renderMail(_ user: PageUser, shown: [String: String], saved: MailRelaySettings?, formError: String?, notice: String? = nil) async throws -> Response {
        let cols = [user.t("mail_setting"), user.t("mail_value")]
        var rows: [[String: Any]] = []
        if let saved {
            let values = Self.formValues(saved)
            for name in ["host", "port", "username", "from_name", "from_address"] {
                rows.append(["cells": [Self.cell(cols[0], user.t("mail_field.\(name)")), Self.cell(cols[1], values[name] ?? "")]])
            }
            rows.insert(["cells": [Self.cell(cols[0], user.t("mail_field.security")), Self.cell(cols[1], user.t("mail_security.\(saved.security.rawValue)"))]], at: 2)
            rows.append(["cells": [Self.cell(cols[0], user.t("mail_field.password").components(separatedBy: " (").first ?? ""),
                                   Self.cell(cols[1], user.t(saved.hasPassword ? "mail_password_stored" : "mail_password_none"))]])
        } else {
            rows.append(["cells": [Self.cell(cols[0], user.t("mail_title")), Self.cell(cols[1], user.t("mail_not_set_up"))]])
        }
        for message in try await mailOutbox.recent(limit: 10) {
            var state = user.t("mail_state.\(message.state.rawValue)")
            if let reason = message.lastError, message.state != .sent || reason.hasPrefix("Refused") { state += " — " + reason }
            else if let reply = message.serverReply { state += " — " + reply }
            let label = user.t("mail_recent").replacingOccurrences(of: "%@", with: message.to.joined(separator: ", "))
            rows.append(["cells": [Self.cell(cols[0], label + " · " + message.createdAt), Self.cell(cols[1], state)]])
        }
        let security = MailRelaySettings.Security.allCases.map { ($0.rawValue, user.t("mail_security.\($0.rawValue)")) }
        let inputs: [[String: Any]] = [
            Self.text("host", user.t("mail_field.host"), value: shown["host"] ?? "", required: true),
            Self.text("port", user.t("mail_field.port"), value: shown["port"] ?? "587", type: "number", required: true),
            Self.select("security", user.t("mail_field.security"), security, selected: shown["security"] ?? "starttls"),
            Self.text("username", user.t("mail_field.username"), value: shown["username"] ?? ""),
            Self.text("password", user.t("mail_field.password"), value: "", type: "password"),
            Self.text("from_name", user.t("mail_field.from_name"), value: shown["from_name"] ?? ""),
            Self.text("from_address", user.t("mail_field.from_address"), value: shown["from_address"] ?? "", type: "email", required: true),
        ]
        var forms = [Self.form("/settings/mail", user.t("mail_legend"), user.t("mail_save"), inputs, csrf: user.session.csrfToken)]
        if saved != nil {
            forms.append(Self.form("/settings/mail/test", user.t("mail_test_legend"), user.t("mail_test_send"),
                                   [Self.text("to", user.t("mail_field.to"), value: shown["to"] ?? user.user.email, type: "email", required: true)],
                                   csrf: user.session.csrfToken))
        }
        var extra: [String: Any] = [:]
        if let formError { extra["formError"] = formError }
        if let notice { extra["notice"] = ["text": user.t(notice)] }
        return render(user, heading: user.t("mail_title"), columns: cols, rows: rows, forms: forms, extra: extra)
    }

    /// Each wrong field by its label and the reason in the page's language.
    func describeMail(_ error: Error, _ user: PageUser) -> String {
        guard case RecordError.invalid(let errors) = error else {
            if case RecordError.conflict = error { return user.t("mail_error.not_set_up") }
            return describe(error, user)
        }
        return errors.map { e in
            let label = user.t("mail_field.\(e.field)").components(separatedBy: " (").first ?? e.field
            let reason = user.strings["mail_error.\(e.code)"] ?? user.errorMessage(e)
            return "\(label): \(reason)"
        }.joined(separator: " ")
    }

    /// An empty password input keeps the stored password, as a PUT without one does.
    @Sendable func saveMail(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await adminPage(request) { user in
            let (p, stop) = try await posted(request)
            guard let p else { return stop! }
            var body = JSONObject()
            var shown: [String: String] = [:]
            for name in MailRelaySettings.fieldNames {
                guard let value = p.fields[name] else { continue }
                if name != "password" { shown[name] = value }
                if name == "password" { if !value.isEmpty { body[name] = .string(value) } } else if !value.trimmedWhitespace.isEmpty { body[name] = .string(value) }
            }
            do {
                try await mailOutbox.settings.replace(body, actor: user.actor(context))
                return PageRenderer.redirect("/settings/mail?notice=saved")
            } catch let error as RecordError {
                return try await renderMail(user, shown: shown, saved: try await mailOutbox.settings.settings(), formError: describeMail(error, user))
            }
        }
    }

    @Sendable func sendTestMail(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await adminPage(request) { user in
            let (p, stop) = try await posted(request)
            guard let p else { return stop! }
            let typed = p.fields["to"]?.trimmedWhitespace ?? ""
            let saved = try await mailOutbox.settings.settings()
            guard let address = Email.normalize(typed) else {
                let error = RecordError.invalid([FieldError(field: "to", code: "invalid_email", message: "Not an email address.")])
                var shown = saved.map { Self.formValues($0) } ?? [:]
                shown["to"] = typed
                return try await renderMail(user, shown: shown, saved: saved, formError: describeMail(error, user))
            }
            do {
                _ = try await mailOutbox.enqueue(MailTestMessage.draft(to: address), actor: user.actor(context))
                return PageRenderer.redirect("/settings/mail?notice=queued")
            } catch let error as RecordError {
                return try await renderMail(user, shown: saved.map { Self.formValues($0) } ?? [:], saved: saved, formError: describeMail(error, user))
            }
        }
    }
}
