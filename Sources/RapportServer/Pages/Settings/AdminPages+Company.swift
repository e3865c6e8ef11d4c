import Foundation
import Hummingbird
import RapportKit
import RapportStore

/// Settings → Company: every user sees the seller printed on their quotes; an admin edits
/// it through the same parse and store the API uses, so its checks and audit are the API's.
extension AdminPages {
    func registerCompany(on router: Router<AppRequestContext>) {
        router.get("settings/company", use: company)
        router.post("settings/company", use: saveCompany)
    }

    var companySettings: CompanySettings { CompanySettings(db: store.db) }

    @Sendable func company(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await adminPage(request, adminOnly: false) { user in
            let saved = try QueryString.parse(request.uri.query).contains { $0 == ("notice", "saved") }
            return try await renderCompany(user, profile: companySettings.profile(), formError: nil, saved: saved)
        }
    }

    func renderCompany(_ user: PageUser, profile: CompanyProfile, formError: String?, saved: Bool = false) async throws -> Response {
        let cols = [user.t("company_setting"), user.t("company_value")]
        let json = profile.json
        let rows: [[String: Any]] = CompanyProfile.fields.map { f in
            ["cells": [Self.cell(cols[0], user.t("field.\(f.name)")), Self.cell(cols[1], json[f.name]?.stringValue ?? "")]]
        }
        var forms: [[String: Any]] = []
        if user.viewer.role.isAdmin {
            forms = [Self.form("/settings/company", user.t("company_legend"), user.t("company_save"), CompanyProfile.fields.map { f in
                Self.text(f.name, user.t("field.\(f.name)"), value: json[f.name]?.stringValue ?? "")
            }, csrf: user.session.csrfToken)]
        }
        var extra: [String: Any] = [:]
        if let formError { extra["formError"] = formError }
        if saved { extra["notice"] = ["text": user.t("company_saved")] }
        return render(user, heading: user.t("company_title"), columns: cols, rows: rows, forms: forms, extra: extra)
    }

    /// Empty inputs clear their field, as a PUT without them would.
    @Sendable func saveCompany(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await adminPage(request) { user in
            let (p, stop) = try await posted(request)
            guard let p else { return stop! }
            var body = JSONObject()
            for f in CompanyProfile.fields {
                if let v = p.fields[f.name]?.trimmedWhitespace, !v.isEmpty { body[f.name] = .string(v) }
            }
            switch CompanyProfile.parse(body) {
            case .failure(let error):
                let shown = CompanyProfile(legalName: body["legal_name"]?.stringValue, country: body["country"]?.stringValue, address: body["address"]?.stringValue,
                                           taxNumber: body["tax_number"]?.stringValue, currency: body["currency"]?.stringValue)
                return try await renderCompany(user, profile: shown, formError: describe(error, user))
            case .success(let profile):
                try await companySettings.replace(with: profile, actor: user.actor(context))
                return PageRenderer.redirect("/settings/company?notice=saved")
            }
        }
    }
}
