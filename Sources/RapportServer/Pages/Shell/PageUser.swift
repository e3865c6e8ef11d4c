import Foundation
import HTTPTypes
import Hummingbird
import RapportKit
import RapportStore

/// A record in the sidebar's "Recent" list.
struct RecentLink: Sendable {
    let href: String
    let title: String
    let id: String
}

/// The signed-in person a page is for: their role, language and time zone.
struct PageUser: Sendable {
    let session: PageSession
    let user: User
    let viewer: Viewer
    let language: String
    let timeZone: TimeZone
    /// "light", "dark", or nil to follow the device.
    var theme: String? = nil
    /// The records this user opened last, for the sidebar (filled for page views only).
    var recent: [RecentLink] = []
    /// Unread notifications, for the bell in the header of every page.
    var notificationsUnread = 0

    /// Default stage and pipeline names in the reader's language ("Proposal" → "제안");
    /// names an admin chose are shown as written.
    func setUpName(_ name: String, prefix: String = "stage_") -> String {
        strings[prefix + name.lowercased()] ?? name
    }

    /// The same for a record of the named type: stages and pipelines have default names.
    func setUpName(_ name: String, of typeName: String) -> String {
        switch typeName {
        case PipelineStages.type.name: return setUpName(name, prefix: "stage_")
        case Pipelines.type.name: return setUpName(name, prefix: "pipeline_")
        default: return name
        }
    }

    /// A share as a whole percent ("50%").
    func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

    var strings: [String: String] { PageStrings.catalogs[language] ?? PageStrings.catalogs["en"]! }

    func t(_ key: String) -> String {
        strings[key] ?? PageStrings.catalogs["en"]?[key] ?? key
    }

    func actor(_ context: AppRequestContext) -> Actor {
        Actor(userID: user.id, requestID: context.requestID, address: context.address, viewer: viewer)
    }

    func typeName(_ type: RecordType, one: Bool = false) -> String {
        t("type.\(type.name)" + (one ? ".one" : ""))
    }

    /// Built-in fields by their catalog name; custom fields by the label their admin gave.
    func fieldLabel(_ field: FieldSpec) -> String {
        if field.isCustom { return field.label }
        return strings["field.\(field.name)"] ?? field.label
    }

    func choiceLabel(_ field: String, _ value: String) -> String {
        strings["choice.\(field).\(value)"] ?? value
    }

    /// A field error in the page's language: by its code, with the engine's English
    /// message only for codes no catalog knows.
    func errorMessage(_ error: FieldError) -> String {
        strings["error.\(error.code)"] ?? error.message
    }
}

extension PageDependencies {
    /// The page user behind the request's session; nil when signed out (or half-way
    /// through two-step sign-in).
    func pageUser(_ request: Request) async throws -> PageUser? {
        guard let session = try await session(request), !session.pendingTwoFactor,
              let user = try await admin.user(id: session.identity.userID), user.active else { return nil }
        RequestTrace.signedIn(user.id)
        let viewer = try await admin.directory.viewer(userID: user.id, roleName: user.role)
        let language = PageStrings.language(acceptLanguage: request.headers[.acceptLanguage], preferred: user.language)
        let zone = user.timeZone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC")!
        var page = PageUser(session: session, user: user, viewer: viewer, language: language, timeZone: zone)
        page.theme = Theme.chosen(request)
        // The bell and the recent records are drawn only on pages; a form post redirects and
        // needs neither, so it pays for neither query.
        if request.method == .get {
            page.notificationsUnread = try await notifications.unreadCount(recipient: user.id)
            page.recent = try await recentLinks(page)
        }
        return page
    }

    /// The user's recent records that they may still see, newest first.
    func recentLinks(_ user: PageUser) async throws -> [RecentLink] {
        let recent = try await RecentViews(db: store.db).list(userID: user.user.id)
        var titles: [String: String] = [:]
        for typeName in Set(recent.map(\.type)) {
            guard let type = store.catalog[typeName] else { continue }
            let ids = recent.filter { $0.type == typeName }.map(\.id)
            for (id, title) in try await store.titles(type, ids: ids, actor: Actor(userID: user.user.id, viewer: user.viewer)) {
                titles[typeName + "/" + id] = title
            }
        }
        return recent.compactMap { entry in
            guard let title = titles[entry.type + "/" + entry.id], let type = store.catalog[entry.type] else { return nil }
            return RecentLink(href: "/\(entry.type)/\(entry.id)", title: title.isEmpty ? user.typeName(type, one: true) : title, id: entry.id)
        }
    }

    /// A signed-in form post with its token checked, handed to `body`; otherwise the
    /// sign-in page or the refusal.
    func post(_ request: Request, _ body: (PageUser, SignedInForm) async throws -> Response) async throws -> Response {
        guard let user = try await pageUser(request) else { return PageRenderer.redirect("/signin") }
        switch try await signedInForm(request) {
        case .proceed(let posted): return try await body(user, posted)
        case .stop(let response): return response
        }
    }

    /// Renders a workspace page inside the frame: sidebar, breadcrumbs, search, the user's
    /// menu and the shortcuts dialog. `current` names the type or page shown (a type's
    /// name, a navigation link's id, or "home"); pages may pass their own `crumbs`.
    func renderApp(_ template: String, user: PageUser, title: String, values: [String: Any], current: String? = nil, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var values = values
        values["signedIn"] = true
        values["csrf"] = user.session.csrfToken
        values["notificationsUnread"] = user.notificationsUnread
        values["hasNotifications"] = user.notificationsUnread > 0
        values["notificationsLabel"] = user.t("notifications_unread").replacingOccurrences(of: "%d", with: String(user.notificationsUnread))
        values["notificationsCurrent"] = current == "notifications"
        values["navGroups"] = Navigation.groups(user: user, catalog: store.catalog, current: current)
        if values["crumbs"] == nil {
            values["crumbs"] = Navigation.crumbs(user: user, catalog: store.catalog, current: current, title: user.strings[title] ?? title)
        }
        values["homeCurrent"] = current == "home"
        values["trashCurrent"] = current == "trash"
        values["settingsCurrent"] = current == "settings"
        // Not `recent`: a page may show its own recent items (Home's latest activities) under that name.
        values["recentRecords"] = user.recent.map { link in
            ["href": link.href, "title": link.title, "initials": Initials.of(link.title), "color": Initials.colorIndex(for: link.id, count: DesignTokens.avatars.count)] as [String: Any]
        }
        values["me"] = ["name": user.user.name, "email": user.user.email, "initials": Initials.of(user.user.name), "color": Initials.colorIndex(for: user.user.id, count: DesignTokens.avatars.count)] as [String: Any]
        values["theme"] = user.theme ?? ""
        values["themes"] = [("system", "theme_system"), ("light", "theme_light"), ("dark", "theme_dark")].map { value, key in
            ["value": value, "label": user.t(key), "current": (user.theme ?? "system") == value] as [String: Any]
        }
        values["languages"] = [("en", "English"), ("ko", "한국어"), ("ja", "日本語")].map { code, name in
            ["code": code, "name": name, "current": code == user.language] as [String: Any]
        }
        return renderer.render(template, language: user.language, title: title, values: values, status: status, headers: headers)
    }

    /// The page for a record error: 404 and 403 as pages, field errors back to the form.
    func errorPage(_ error: RecordError, user: PageUser) -> Response? {
        switch error {
        case .notFound:
            return renderApp("message_app", user: user, title: user.t("not_found_title"), values: ["message": user.t("not_found")], status: .notFound)
        case .forbidden:
            return renderApp("message_app", user: user, title: user.t("not_allowed"), values: ["message": user.t("not_allowed")], status: .forbidden)
        default:
            return nil
        }
    }
}
