import Foundation
import Hummingbird

/// The user's choice of a light or dark page, or none to follow the device. Kept in a
/// cookie so it applies before anything is read from the database and on signed-out pages.
enum Theme {
    static let cookie = "rapport_theme"
    static let choices = ["light", "dark"]

    static func chosen(_ request: Request) -> String? {
        guard let value = request.cookies[cookie]?.value, choices.contains(value) else { return nil }
        return value
    }

    static func register(on router: Router<AppRequestContext>, deps: PageDependencies) {
        router.post("settings/theme") { request, _ -> Response in
            try await deps.post(request) { _, posted in
                let value = posted.fields["theme"] ?? ""
                let secure = deps.secureCookies ? "; Secure" : ""
                let setCookie = choices.contains(value)
                    ? "\(cookie)=\(value); Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly\(secure)"
                    : "\(cookie)=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly\(secure)"
                return PageRenderer.redirect(PageRenderer.sameSiteReferer(request), cookies: [setCookie])
            }
        }
    }
}
