import Foundation
import HTTPTypes
import RapportKit
import Testing

/// The workspace pages as a browser uses them: every page answers in every language, forms
/// create and edit through the engine's rules, and roles shape what pages offer.
@Suite struct WorkspacePageTests {
    static let password = "workspace passphrase"

    static func signedIn(_ api: API, email: String = "owner@example.com", role: String = "admin") async throws -> PageClient {
        try await api.user(email, role: role, password: password)
        var browser = PageClient(api)
        _ = try await browser.signIn(email, password)
        return browser
    }

    static func lang(_ html: String) -> String? {
        guard let r = html.range(of: #"<html lang=""#) else { return nil }
        return String(html[r.upperBound...].prefix { $0 != "\"" })
    }

    @Test(arguments: Backend.available)
    func everyPageAnswersInEveryLanguage(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            var browser = try await Self.signedIn(api)
            let person = try await api.create("people", #"{"family_name":"山田","given_name":"太郎","name_reading":"やまだ たろう","emails":["taro@example.jp"]}"#)
            let org = try await api.create("organizations", #"{"name":"Acme 株式会社","annual_revenue":{"amount":"1200000","currency":"JPY"}}"#)
            let pages = ["/", "/people", "/organizations", "/activities", "/tags", "/people/new", "/people/\(person.string("id") ?? "")",
                         "/organizations/\(org.string("id") ?? "")", "/people/\(person.string("id") ?? "")/edit", "/search?q=%E5%A4%AA%E9%83%8E", "/trash",
                         "/settings", "/settings/users", "/settings/teams", "/settings/roles", "/settings/fields", "/settings/tokens", "/settings/audit", "/account",
                         "/deals", "/deals/board", "/deals/new", "/reports", "/pipelines", "/pipeline_stages"]
            for language in ["en", "ko", "ja"] {
                let home = try await browser.request(.get, "/")
                _ = try await browser.request(.post, "/settings/language", form: [("_csrf", PageClient.csrf(home.body) ?? ""), ("language", language)])
                for path in pages {
                    let reply = try await browser.request(.get, path)
                    #expect(reply.status == .ok, "\(language) \(path): \(reply.status)")
                    #expect(Self.lang(reply.body) == language, "\(language) \(path)")
                    #expect(!reply.body.contains("{{") && !reply.body.contains(">nil<") && !reply.body.contains("Optional("), "\(language) \(path) leaks template text")
                }
                let orgPage = try await browser.request(.get, "/organizations/\(org.string("id") ?? "")")
                #expect(orgPage.body.contains(language == "ja" ? "￥1,200,000" : "¥1,200,000"))
                let list = try await browser.request(.get, "/people")
                #expect(list.body.contains("やまだ たろう") && list.body.contains("山田太郎"))
            }
        }
    }

    @Test(arguments: Backend.available)
    func formsCreateEditDeleteAndRestore(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            var browser = try await Self.signedIn(api)
            let home = try await browser.request(.get, "/")
            let csrf = PageClient.csrf(home.body) ?? ""
            _ = try await browser.request(.post, "/settings/language", form: [("_csrf", csrf), ("language", "ko")])
            // A company typed by name that matches nothing is not created unasked: the form
            // comes back with the name kept and a question, and nothing is stored.
            let unasked = try await browser.request(.post, "/people", form: [
                ("_csrf", csrf), ("family_name", "김"), ("given_name", "보경"), ("organization_id", "한빛상사"),
            ])
            #expect(unasked.status == .unprocessableContent)
            #expect(unasked.body.contains(#"value="한빛상사""#) && unasked.body.contains("제안 목록에서 고르거나"))
            #expect(try await api.names("/api/v1/organizations", field: "name").isEmpty)
            #expect(try await api.names("/api/v1/people").isEmpty)
            // With "create a new one" ticked, the company is created with them.
            let created = try await browser.request(.post, "/people", form: [
                ("_csrf", csrf), ("family_name", "김"), ("given_name", "보경"), ("organization_id", "한빛상사"), ("organization_id._new", "1"), ("emails", "bokyung@hanbit.example\nbk@hanbit.example"),
            ])
            #expect(created.status == .seeOther, "\(created.body.prefix(300))")
            let location = created.headers[.location] ?? ""
            let path = String(location.prefix { $0 != "?" })
            let page = try await browser.request(.get, location)
            #expect(page.body.contains("<h1>김보경</h1>") && page.body.contains("한빛상사") && page.body.contains("만들었습니다"))
            let orgs = try await api.names("/api/v1/organizations", field: "name")
            #expect(orgs == ["한빛상사"])
            // An invalid email comes back next to its field, in Korean, and nothing changes.
            let edit = try await browser.request(.get, path + "/edit")
            let version = edit.body.range(of: #"name="_version" value=""#).map { String(edit.body[$0.upperBound...].prefix { $0 != "\"" }) } ?? ""
            let bad = try await browser.request(.post, path, form: [("_csrf", csrf), ("_version", version), ("family_name", "김"), ("given_name", "보경"), ("emails", "not-an-email")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.body.contains(#"id="f-emails-error""#) && bad.body.contains("이메일 주소를 입력하세요") && bad.body.contains(#"aria-invalid="true""#))
            #expect(bad.body.contains("not-an-email"))
            // A note added on the record page is first on its timeline.
            let added = try await browser.request(.post, path + "/activities", form: [("_csrf", csrf), ("kind", "note"), ("subject", "첫 미팅"), ("body", "견적 요청")])
            #expect(added.status == .seeOther)
            let withNote = try await browser.request(.get, path)
            let timeline = withNote.body.components(separatedBy: #"<ol class="timeline">"#).last ?? ""
            #expect(timeline.contains("첫 미팅"))
            // Delete offers undo; the trash restores.
            let deleted = try await browser.request(.post, path + "/delete", form: [("_csrf", csrf)])
            #expect(deleted.status == .seeOther)
            let list = try await browser.request(.get, deleted.headers[.location] ?? "/people")
            #expect(list.body.contains("휴지통으로 옮겼습니다") && list.body.contains(path + "/restore"))
            #expect(try await browser.request(.get, "/trash").body.contains("김보경"))
            let restored = try await browser.request(.post, path + "/restore", form: [("_csrf", csrf)])
            #expect(restored.status == .seeOther)
            #expect(try await browser.request(.get, path).status == .ok)
            // Saved views come back on the list.
            _ = try await browser.request(.post, "/people/views", form: [("_csrf", csrf), ("name", "내 연락처"), ("query", "filter%5Bowner_id%5D=x")])
            #expect(try await browser.request(.get, "/people").body.contains("내 연락처"))
        }
    }

    @Test(arguments: Backend.available)
    func rolesShapeThePages(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let other = try await api.user("other.rep@example.com", role: "sales")
            let hidden = try await api.call(.post, "/api/v1/people", json: #"{"display_name":"Not For Viewers Of Others"}"#, token: other.token)
            let hiddenID = try hidden.object().string("id") ?? ""
            var viewer = try await Self.signedIn(api, email: "viewer@example.com", role: "viewer")
            #expect(try await viewer.request(.get, "/people/new").status == .forbidden)
            #expect(try await viewer.request(.get, "/settings/users").status == .forbidden)
            #expect(!(try await viewer.request(.get, "/people").body.contains("href=\"/people/new\"")))
            var rep = try await Self.signedIn(api, email: "rep@example.com", role: "sales")
            #expect(try await rep.request(.get, "/people/\(hiddenID)").status == .notFound)
            #expect(!(try await rep.request(.get, "/search?q=viewers").body.contains(hiddenID)))
            #expect(try await rep.request(.get, "/nonsense-type").status == .notFound)
            // Signed out, every page leads to the sign-in form.
            var stranger = PageClient(api)
            for path in ["/", "/people", "/settings", "/people/\(hiddenID)"] {
                let reply = try await stranger.request(.get, path)
                #expect(reply.status == .seeOther && reply.headers[.location] == "/signin", "\(path)")
            }
        }
    }
}

@Suite struct SortNameTests {
    /// Japanese names sort by reading, Latin names case- and accent-blind, and nobody can
    /// write the key by hand.
    @Test(arguments: Backend.available)
    func peopleSortByReading(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            _ = try await api.create("people", #"{"family_name":"渡辺","given_name":"健","name_reading":"わたなべ けん"}"#)
            _ = try await api.create("people", #"{"family_name":"安藤","given_name":"美咲","name_reading":"あんどう みさき"}"#)
            _ = try await api.create("people", #"{"display_name":"Émile Zola"}"#)
            _ = try await api.create("people", #"{"display_name":"bob Adams"}"#)
            #expect(try await api.names("/api/v1/people?sort=sort_name") == ["bob Adams", "Émile Zola", "安藤美咲", "渡辺健"])
            let written = try await api.call(.post, "/api/v1/people", json: #"{"display_name":"X","sort_name":"aaa"}"#)
            #expect(written.status == .unprocessableContent)
            #expect(try written.errorFields() == ["sort_name"])
        }
    }

    @Test(arguments: Backend.available)
    func referencesAreSuggestedAsTheUserTypes(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            var browser = try await WorkspacePageTests.signedIn(api)
            let hanbit = try await api.create("organizations", #"{"name":"한빛소프트","city":"성남"}"#)
            _ = try await api.create("organizations", #"{"name":"Hanbit Trading"}"#)
            let reply = try await browser.request(.get, "/organizations?format=suggest&q=%ED%95%9C%EB%B9%9B")
            #expect(reply.status == .ok && reply.headers[.contentType] == "application/json")
            let items = try JSONValue.parse(reply.body).arrayValue ?? []
            #expect(items.compactMap { $0.objectValue?["id"]?.stringValue } == [hanbit.string("id") ?? ""])
            #expect(items.first?.objectValue?["title"]?.stringValue == "한빛소프트")
            // A misspelt name is never silently a new company; the chosen id wins over a namesake.
            let form = try await browser.request(.get, "/people/new")
            #expect(form.body.contains(#"data-typeahead="organizations""#) && form.body.contains(#"role="combobox""#))
            let csrf = PageClient.csrf(form.body) ?? ""
            let typo = try await browser.request(.post, "/people", form: [("_csrf", csrf), ("family_name", "박"), ("organization_id", "Hanbit Softwear")])
            #expect(typo.status == .unprocessableContent)
            #expect(try await api.names("/api/v1/organizations", field: "name").count == 2)
            let chosen = try await browser.request(.post, "/people", form: [("_csrf", csrf), ("family_name", "박"), ("organization_id", "한빛소프트"), ("organization_id._id", hanbit.string("id") ?? "")])
            #expect(chosen.status == .seeOther)
            // A viewer's suggestions hold only what the viewer may see (no people for a role without them is a 403 page, never data).
            var stranger = PageClient(api)
            let signedOut = try await stranger.request(.get, "/organizations?format=suggest&q=%ED%95%9C%EB%B9%9B")
            #expect(signedOut.status == .seeOther)
        }
    }
}
