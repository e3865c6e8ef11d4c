import Foundation
import Hummingbird
import RapportKit
import RapportStore

extension WorkspacePages {
    static let pageLanguages = [("en", "English"), ("ko", "한국어"), ("ja", "日本語")]

    @Sendable func settings(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let user = try await deps.pageUser(request) else { return PageRenderer.redirect("/signin") }
        let zone = user.user.timeZone ?? "UTC"
        var links: [[String: String]] = []
        if user.viewer.role.isAdmin {
            links = [("users", "users"), ("teams", "teams"), ("roles", "roles"), ("fields", "custom_fields"), ("audit", "audit_log"), ("jobs", "jobs_title")].map {
                ["href": "/settings/\($0.0)", "label": user.t($0.1)]
            }
        }
        // Set-up records (pipelines, stages, price lists, quotas); a quote's lines or a deal's
        // contacts are reached from their quote or deal.
        for type in store.catalog.types where type.isSetUp && user.viewer.role.allows(.read, on: type.name) {
            links.append(["href": "/\(type.name)", "label": user.typeName(type)])
        }
        if user.viewer.role.isAdmin {
            links.append(["href": "/settings/service-levels", "label": user.t("sl_title")])
            links.append(["href": "/settings/satisfaction", "label": user.t("csat_title")])
        }
        // Every user sees the seller printed on their quotes; only admins get its form.
        links.append(["href": "/settings/company", "label": user.t("company_title")])
        if user.viewer.role.isAdmin { links.append(["href": "/settings/mail", "label": user.t("mail_title")]) }
        links.append(["href": "/settings/tokens", "label": user.t("api_tokens")])
        let values: [String: Any] = [
            "name": user.user.name,
            "languageOptions": Self.pageLanguages.map { ["code": $0.0, "name": $0.1, "selected": $0.0 == user.language] as [String: Any] },
            "zones": Pickers.zones(user.language, mine: zone).map { ["value": $0.0, "name": $0.1, "selected": $0.0 == zone] as [String: Any] },
            "links": links,
            // Only people who work tickets are given them in turn, so only they can step away.
            "worksTickets": user.viewer.role.allows(.update, on: Tickets.type.name),
            "away": try await AwayStatus(db: store.db).isAway(user.user.id),
            "notice": (try QueryString.parse(request.uri.query).contains { $0 == ("notice", "saved") }) ? ["text": user.t("profile_saved")] as [String: Any] : NSNull(),
        ]
        return deps.renderApp("settings", user: user, title: user.t("settings"), values: values, current: "settings")
    }

    /// "I'm away": no new tickets by rotation until the user is back.
    @Sendable func saveAway(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await deps.post(request) { user, posted in
            try await AwayStatus(db: store.db).set(user.user.id, away: posted.fields["away"] == "true", actor: user.actor(context))
            return PageRenderer.redirect("/settings?notice=saved")
        }
    }

    @Sendable func saveProfile(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await deps.post(request) { user, posted in
        var body = JSONObject()
        if let name = posted.fields["name"]?.trimmedWhitespace, !name.isEmpty { body["name"] = .string(name) }
        if let language = posted.fields["language"], Self.pageLanguages.contains(where: { $0.0 == language }) { body["language"] = .string(language) }
        if let zone = posted.fields["time_zone"], TimeZone(identifier: zone) != nil { body["time_zone"] = .string(zone) }
        _ = try await deps.admin.updateProfile(id: user.user.id, body, actor: user.actor(context))
        return PageRenderer.redirect("/settings?notice=saved")
        }
    }

    /// The language buttons at the foot of every page: saved to the profile, so the choice
    /// follows the user to every device.
    @Sendable func switchLanguage(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await deps.post(request) { user, posted in
        if let language = posted.fields["language"], Self.pageLanguages.contains(where: { $0.0 == language }) {
            _ = try await deps.admin.updateProfile(id: user.user.id, JSONObject([("language", .string(language))]), actor: user.actor(context))
        }
        return PageRenderer.redirect(PageRenderer.sameSiteReferer(request))
        }
    }
}
