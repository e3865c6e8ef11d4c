import Foundation
import Hummingbird
import RapportKit
import RapportStore

/// Settings → Satisfaction surveys, for admins: whether solved tickets are followed by a
/// survey, on which scale, how long after the solve, and the address requesters open it
/// at. Saved through ``SatisfactionSurveys/replace(_:actor:)``, the same checks and audit
/// any later API uses; a refused form is shown again with a 422 naming each field.
extension AdminPages {
    func registerSatisfaction(on router: Router<AppRequestContext>) {
        router.get("settings/satisfaction", use: satisfaction)
        router.post("settings/satisfaction", use: saveSatisfaction)
    }

    var satisfactionSurveys: SatisfactionSurveys { SatisfactionSurveys(store: store) }

    @Sendable func satisfaction(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await adminPage(request) { user in
            let saved = try await satisfactionSurveys.settings()
            let notice = try QueryString.parse(request.uri.query).contains { $0 == ("notice", "saved") }
            return try await renderSatisfaction(user, shown: Self.formValues(saved), saved: saved, formError: nil, notice: notice)
        }
    }

    static func formValues(_ s: SatisfactionSettings) -> [String: String] {
        ["enabled": s.enabled ? "true" : "false", "scale": s.scale.rawValue, "delay_minutes": String(s.delayMinutes), "public_url": s.publicURL ?? ""]
    }

    func renderSatisfaction(_ user: PageUser, shown: [String: String], saved: SatisfactionSettings, formError: String?, notice: Bool = false) async throws -> Response {
        let cols = [user.t("mail_setting"), user.t("mail_value")]
        let relay = try await mailOutbox.settings.settings()
        var state = user.t(saved.sends ? "csat_state_on" : "csat_state_off")
        if saved.enabled && saved.publicURL == nil { state += " — " + user.t("csat_needs_url") }
        if saved.sends && relay == nil { state += " — " + user.t("csat_needs_relay") }
        let rows: [[String: Any]] = [
            ["cells": [Self.cell(cols[0], user.t("csat_field.enabled")), Self.cell(cols[1], state)]],
            ["cells": [Self.cell(cols[0], user.t("csat_field.scale")), Self.cell(cols[1], user.t("csat_scale.\(saved.scale.rawValue)"))]],
            ["cells": [Self.cell(cols[0], user.t("csat_field.delay_minutes")), Self.cell(cols[1], String(saved.delayMinutes))]],
            ["cells": [Self.cell(cols[0], user.t("csat_field.public_url")), Self.cell(cols[1], saved.publicURL ?? "")]],
        ]
        let inputs: [[String: Any]] = [
            Self.select("enabled", user.t("csat_field.enabled"), [("true", user.t("csat_on")), ("false", user.t("csat_off"))], selected: shown["enabled"] ?? "false"),
            Self.select("scale", user.t("csat_field.scale"), SurveyScale.satisfaction.map { ($0.rawValue, user.t("csat_scale.\($0.rawValue)")) },
                        selected: shown["scale"] ?? SurveyScale.goodBad.rawValue),
            Self.text("delay_minutes", user.t("csat_field.delay_minutes"), value: shown["delay_minutes"] ?? "60", type: "number", required: true),
            Self.text("public_url", user.t("csat_field.public_url"), value: shown["public_url"] ?? "", type: "url"),
        ]
        var extra: [String: Any] = [:]
        if let formError { extra["formError"] = formError }
        if notice { extra["notice"] = ["text": user.t("csat_saved")] }
        return render(user, heading: user.t("csat_title"), columns: cols, rows: rows,
                      forms: [Self.form("/settings/satisfaction", user.t("csat_legend"), user.t("save"), inputs, csrf: user.session.csrfToken)], extra: extra)
    }

    @Sendable func saveSatisfaction(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await adminPage(request) { user in
            let (p, stop) = try await posted(request)
            guard let p else { return stop! }
            var body = JSONObject()
            var shown: [String: String] = [:]
            for name in SatisfactionSettings.fieldNames {
                guard let value = p.fields[name] else { continue }
                shown[name] = value
                body[name] = .string(value)
            }
            do {
                try await satisfactionSurveys.replace(body, actor: user.actor(context))
                return PageRenderer.redirect("/settings/satisfaction?notice=saved")
            } catch RecordError.invalid(let errors) {
                let message = errors.map { e in "\(user.t("csat_field.\(e.field)")): \(user.strings["csat_error.\(e.code)"] ?? user.errorMessage(e))" }.joined(separator: " ")
                return try await renderSatisfaction(user, shown: shown, saved: try await satisfactionSurveys.settings(), formError: message)
            }
        }
    }
}
