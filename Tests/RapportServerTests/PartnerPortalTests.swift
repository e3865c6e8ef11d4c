import Foundation
import HTTPTypes
import RapportKit
import RapportStore
import Testing

/// The partner portal is one more visibility rule: a partner user reads, through every
/// record route, exactly what their own partnership shares at the level it chose per kind,
/// never another partnership's records and nothing of the CRM around it; registers deals
/// that only the partner manager decides; and loses access the moment they are unlinked.
@Suite struct PartnerPortalTests {
    struct Made {
        var type: String
        var id: String
        var partnership: String
        var shared: Bool = true
    }

    /// Links a partner user and waits for the access to follow: the directory is read
    /// again every half second, so within `within` tenths of a second.
    static func link(_ api: API, _ partner: TestUser, to partnership: String, within: Int = 30) async throws {
        #expect(try await api.call(.put, "/api/v1/partnerships/\(partnership)/partner_users/\(partner.id)").status == .ok)
        var linked = false
        for _ in 0..<within where !linked {
            linked = try await api.call(.get, "/api/v1/partnerships/\(partnership)", token: partner.token).status == .ok
            if !linked { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(linked)
    }

    @Test(arguments: Backend.available)
    func aPartnerUserSeesExactlyWhatTheirPartnershipShares(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let org = try await api.create("organizations", #"{"name":"Partner Co","domain":"partner.test"}"#).string("id") ?? ""
            let person = try await api.create("people", #"{"display_name":"Aiko Sato","organization_id":"\#(org)"}"#).string("id") ?? ""
            let deal = try await DealTests.stages(api)
            _ = try await api.create("deals", #"{"title":"Customer deal","pipeline_id":"\#(deal.0)","stage_id":"\#(deal.1["Lead"]!)"}"#)
            let manager = try await api.user("manager@example.com", role: "partner_manager")
            var made: [Made] = []
            var partnerships: [String] = []
            for (i, name) in ["Mine", "Theirs"].enumerated() {
                let p = try await api.create("partnerships", #"{"name":"\#(name)","partner_id":"\#(org)","kind":"reseller","time_zone":"Asia/Seoul","owner_id":"\#(manager.id)","share_goals":"summary","share_roadmap":"full","share_risks":"counts","share_decisions":"full","share_reviews":"hidden","share_conflicts":"full"}"#).string("id") ?? ""
                partnerships.append(p)
                made.append(Made(type: "partnerships", id: p, partnership: p))
                let contact = try await api.create("partnership_contacts", #"{"partnership_id":"\#(p)","side":"theirs","person_id":"\#(person)","role":"Lead \#(i)"}"#).string("id") ?? ""
                made.append(Made(type: "partnership_contacts", id: contact, partnership: p))
                for shared in [true, false] {
                    let goal = try await api.create("partnership_goals", #"{"partnership_id":"\#(p)","objective":"Goal \#(i) \#(shared)","why_ours":"internal reason","shared":\#(shared)}"#).string("id") ?? ""
                    made.append(Made(type: "partnership_goals", id: goal, partnership: p, shared: shared))
                    let kr = try await api.create("key_results", #"{"goal_id":"\#(goal)","measure":"KR \#(i) \#(shared)","target":10}"#).string("id") ?? ""
                    made.append(Made(type: "key_results", id: kr, partnership: p, shared: shared))
                    let m = try await api.create("milestones", #"{"partnership_id":"\#(p)","name":"M \#(i) \#(shared)","due_on":"2027-01-01","shared":\#(shared)}"#).string("id") ?? ""
                    made.append(Made(type: "milestones", id: m, partnership: p, shared: shared))
                    let d = try await api.create("decisions", #"{"partnership_id":"\#(p)","title":"D \#(i) \#(shared)","decided_on":"2026-11-01","shared":\#(shared)}"#).string("id") ?? ""
                    made.append(Made(type: "decisions", id: d, partnership: p, shared: shared))
                }
                made.append(Made(type: "responsibilities", id: try await api.create("responsibilities", #"{"partnership_id":"\#(p)","workstream":"W","activity":"A \#(i)","accountable_id":"\#(contact)","responsible_ids":["\#(contact)"]}"#).string("id") ?? "", partnership: p))
                made.append(Made(type: "risks", id: try await api.create("risks", #"{"partnership_id":"\#(p)","title":"R \#(i)","likelihood":2,"impact":2}"#).string("id") ?? "", partnership: p, shared: false))
                made.append(Made(type: "conflicts", id: try await api.create("conflicts", #"{"partnership_id":"\#(p)","title":"C \#(i)","facts":"who said what"}"#).string("id") ?? "", partnership: p))
                let review = try await api.create("partner_reviews", #"{"partnership_id":"\#(p)","title":"Q \#(i)","period_start":"2026-10-01","period_end":"2026-12-31"}"#).string("id") ?? ""
                made.append(Made(type: "partner_reviews", id: review, partnership: p, shared: false))
                made.append(Made(type: "review_actions", id: try await api.create("review_actions", #"{"review_id":"\#(review)","title":"Act \#(i)","owner_contact_id":"\#(contact)","due_on":"2027-01-10"}"#).string("id") ?? "", partnership: p, shared: false))
                made.append(Made(type: "deal_registrations", id: try await api.create("deal_registrations", #"{"partnership_id":"\#(p)","company_name":"Reg \#(i)"}"#).string("id") ?? "", partnership: p))
            }
            let partner = try await api.user("aiko@partner.test", role: "partner")
            // A colleague cannot be made a partner user; a partner user can.
            let colleague = try await api.call(.put, "/api/v1/partnerships/\(partnerships[0])/partner_users/\(manager.id)")
            #expect(try colleague.status == .unprocessableContent && (colleague.errorFields()) == ["user_id"])
            // Access follows the link within a second, on every instance.
            try await Self.link(api, partner, to: partnerships[0], within: 20)

            // Every type of the catalog, listed, searched and read by id.
            func visible(_ m: Made) -> Bool { m.partnership == partnerships[0] && m.shared }
            for type in RecordCatalog.builtIn.types {
                let list = try await api.call(.get, "/api/v1/\(type.name)?limit=500", token: partner.token)
                let expected = Set(made.filter { $0.type == type.name && visible($0) }.map(\.id))
                if list.status == .forbidden {
                    #expect(expected.isEmpty, "\(type.name) refused but should show \(expected)")
                    continue
                }
                #expect(list.status == .ok, "\(type.name): \(list.status)")
                let ids = Set(try list.object()["data"]?.arrayValue?.compactMap { $0.objectValue?.string("id") } ?? [])
                #expect(ids == expected, "\(type.name) \(list.body.prefix(300))")
                for m in made where m.type == type.name {
                    let one = try await api.call(.get, "/api/v1/\(type.name)/\(m.id)", token: partner.token)
                    #expect(one.status == (visible(m) ? .ok : .notFound), "\(type.name) \(m.id)")
                }
                let searched = try await api.call(.get, "/api/v1/\(type.name)?q=\(type.name == "partnerships" ? "Theirs" : "1")", token: partner.token)
                if searched.status == .ok {
                    let hits = try searched.object()["data"]?.arrayValue?.compactMap { $0.objectValue?.string("id") } ?? []
                    #expect(Set(hits).isSubset(of: expected), "search in \(type.name)")
                }
            }
            // A summary leaves out the long texts.
            let goal = try #require(made.first { $0.type == "partnership_goals" && visible($0) })
            let read = try await api.call(.get, "/api/v1/partnership_goals/\(goal.id)", token: partner.token).object()
            #expect(read["why_ours"] == nil && read.string("objective") != nil)
            let filtered = try await api.call(.get, "/api/v1/partnership_goals?filter[why_ours]=internal%20reason", token: partner.token)
            #expect(try filtered.status == .badRequest || (filtered.object()["data"]?.arrayValue?.isEmpty == true), "a hidden field cannot be probed by filter")
            // Nothing of the CRM around it.
            for type in ["organizations", "people", "deals", "tickets", "activities"] {
                #expect(try await api.call(.get, "/api/v1/\(type)", token: partner.token).status == .forbidden, "\(type)")
            }
            // Registering: submitted for their own partnership only, decided by the manager.
            let reg = try await api.call(.post, "/api/v1/deal_registrations", json: #"{"partnership_id":"\#(partnerships[0])","company_name":"New Customer","company_domain":"newcustomer.test"}"#, token: partner.token)
            #expect(try reg.status == .created && (try reg.object().string("status")) == "submitted" && (try reg.object().string("owner_id")) == manager.id, "\(reg.body)")
            let regID = try reg.object().string("id") ?? ""
            let selfApproved = try await api.call(.post, "/api/v1/deal_registrations", json: #"{"partnership_id":"\#(partnerships[0])","company_name":"X","status":"approved"}"#, token: partner.token)
            #expect(try selfApproved.status == .unprocessableContent && (selfApproved.errorFields()) == ["status"])
            let elsewhere = try await api.call(.post, "/api/v1/deal_registrations", json: #"{"partnership_id":"\#(partnerships[1])","company_name":"X"}"#, token: partner.token)
            #expect(elsewhere.status == .unprocessableContent || elsewhere.status == .notFound, "\(elsewhere.status)")
            let approved = try await api.call(.patch, "/api/v1/deal_registrations/\(regID)", json: #"{"status":"approved"}"#, token: manager.token).object()
            let at = try #require(approved.string("approved_at").flatMap(Timestamp.parse))
            #expect(approved.string("protected_until") == RegistrationProtection.lastDay(approvedAt: at, days: 90, zone: TimeZone(identifier: "Asia/Seoul")!))
            // Unlinked: nothing within a second.
            #expect(try await api.call(.delete, "/api/v1/partnerships/\(partnerships[0])/partner_users/\(partner.id)").status == .noContent)
            var gone = false
            for _ in 0..<20 where !gone {
                gone = try await api.call(.get, "/api/v1/partnerships/\(partnerships[0])", token: partner.token).status == .notFound
                if !gone { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(gone)
        }
    }

    @Test(arguments: Backend.available)
    func aRegistrationIsCheckedForChannelConflicts(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let org = try await api.create("organizations", #"{"name":"ACME 주식회사","domain":"acme.test"}"#).string("id") ?? ""
            let (pipeline, stage) = try await DealTests.stages(api)
            let deal = try await api.create("deals", #"{"title":"ACME renewal","organization_id":"\#(org)","pipeline_id":"\#(pipeline)","stage_id":"\#(stage["Lead"]!)"}"#).string("id") ?? ""
            let partner = try await api.create("organizations", #"{"name":"Reseller"}"#).string("id") ?? ""
            let a = try await api.create("partnerships", #"{"name":"A","partner_id":"\#(partner)","kind":"reseller"}"#).string("id") ?? ""
            let b = try await api.create("partnerships", #"{"name":"B","partner_id":"\#(partner)","kind":"referral"}"#).string("id") ?? ""
            let first = try await api.create("deal_registrations", #"{"partnership_id":"\#(a)","company_name":"Other name","company_domain":"acme.test"}"#)
            #expect(first.string("conflict_note")?.contains("deals/\(deal)") == true, "\(first)")
            let second = try await api.create("deal_registrations", #"{"partnership_id":"\#(b)","company_name":"acme 주식회사"}"#)
            let note = second.string("conflict_note") ?? ""
            #expect(note.contains("deals/\(deal)"), "the same name, folded: the open deal is found")
            #expect(note.contains("deal_registrations/\(first.string("id") ?? "")") == false, "a different name and no domain: B's registration does not match A's by domain")
            let third = try await api.create("deal_registrations", #"{"partnership_id":"\#(b)","company_name":"Third","company_domain":"acme.test"}"#)
            #expect(third.string("conflict_note")?.contains("deal_registrations/\(first.string("id") ?? "")") == true, "\(third)")
            // Written in full-width letters (as a Japanese or Korean input method often
            // leaves them), the name is still the same company: both the deal and B's
            // earlier registration of it are found.
            let wide = try await api.create("deal_registrations", #"{"partnership_id":"\#(a)","company_name":"ＡＣＭＥ　주식회사"}"#)
            let wideNote = wide.string("conflict_note") ?? ""
            #expect(wideNote.contains("deals/\(deal)") && wideNote.contains("deal_registrations/\(second.string("id") ?? "")"), "\(wideNote)")
            let clean = try await api.create("deal_registrations", #"{"partnership_id":"\#(b)","company_name":"Nobody","company_domain":"nobody.test"}"#)
            #expect(clean["conflict_note"]?.isNull == true)
            for bad in [#"{"partnership_id":"\#(a)","company_name":"X","protection_days":0}"#, #"{"partnership_id":"\#(a)","company_name":"X","protection_days":731}"#] {
                #expect(try await api.call(.post, "/api/v1/deal_registrations", json: bad).status == .unprocessableContent)
            }
        }
    }
}

/// Inviting a person at a partner: an account with the partner role, linked, and a
/// set-password link by mail in their language (or back to the inviter without mail).
@Suite struct PartnerInvitationTests {
    @Test(arguments: Backend.available)
    func anInvitationMakesALinkedPartnerAccountAndMailsTheLink(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let org = try await api.create("organizations", #"{"name":"さくらテック"}"#).string("id") ?? ""
            let p = try await api.create("partnerships", #"{"name":"さくら提携","partner_id":"\#(org)","kind":"technology"}"#).string("id") ?? ""
            // Without mail: the link comes back to pass on, and it opens the set-password page.
            let first = try await api.call(.post, "/api/v1/partnerships/\(p)/partner_users", json: #"{"email":"Haruto@Sakura.test","name":"佐藤 陽斗","language":"ja"}"#)
            #expect(first.status == .created, "\(first.body)")
            let body = try first.object()
            #expect(body["mailed"]?.boolValue == false && body.string("email") == "haruto@sakura.test")
            let path = try #require(body.string("set_password_path"))
            var browser = PageClient(api)
            #expect(try await browser.request(.get, path).status == .ok)
            let users = try await api.call(.get, "/api/v1/users").object()["data"]?.arrayValue?.compactMap(\.objectValue) ?? []
            #expect(users.first { $0.string("email") == "haruto@sakura.test" }?.string("role") == "partner")
            // A colleague's address is refused; a bad body changes nothing.
            _ = try await api.user("colleague@example.com", role: "sales")
            let colleague = try await api.call(.post, "/api/v1/partnerships/\(p)/partner_users", json: #"{"email":"colleague@example.com"}"#)
            #expect(try colleague.status == .unprocessableContent && colleague.errorFields() == ["user_id"])
            #expect(try await api.call(.post, "/api/v1/partnerships/\(p)/partner_users", json: #"{"email":"x@y.test","role":"admin"}"#).status == .unprocessableContent)
            let after = try await api.call(.get, "/api/v1/users").object()["data"]?.arrayValue?.compactMap(\.objectValue) ?? []
            #expect(after.contains { $0.string("email") == "x@y.test" } == false, "the refused invitation made no account")
            // With mail: the invitation goes out in the invitee's language.
            #expect(try await api.call(.put, "/api/v1/settings/mail", json: #"{"host":"smtp.example.com","port":587,"security":"starttls","from_address":"partners@rapport.test"}"#).status == .ok)
            #expect(try await api.call(.put, "/api/v1/settings/satisfaction", json: #"{"enabled":false,"scale":"good_bad","delay_minutes":60,"public_url":"https://crm.example.com"}"#).status == .ok)
            let second = try await api.call(.post, "/api/v1/partnerships/\(p)/partner_users", json: #"{"email":"yui@sakura.test","name":"高橋 結衣","language":"ja"}"#).object()
            #expect(second["mailed"]?.boolValue == true && second["set_password_path"]?.isNull == true)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM mail_messages WHERE subject = 'さくら提携へのご招待'") == 1)
            let links = try await api.call(.get, "/api/v1/partnerships/\(p)/partner_users").object()["data"]?.arrayValue ?? []
            #expect(links.count == 2)
        }
    }
}
