import Foundation
import HTTPTypes
import NIOCore
import RapportKit
import RapportStore
import Testing

/// Approving a deal registration opens the registered deal, sourced by the partnership, at
/// the registered company, once; through the API and through the page's Approve button,
/// on both databases. The partner sees the approval, not our deal.
@Suite struct RegistrationDealTests {
    static func setUp(_ api: API) async throws -> (partnership: String, manager: TestUser, partner: TestUser) {
        let org = try await api.create("organizations", #"{"name":"さくら販売","domain":"sakura-hanbai.test"}"#).string("id") ?? ""
        let manager = try await api.user("pm@example.com", role: "partner_manager")
        let partnership = try await api.create("partnerships", """
            {"name":"さくら販売 リセール","partner_id":"\(org)","kind":"reseller","time_zone":"Asia/Tokyo","owner_id":"\(manager.id)"}
            """).string("id") ?? ""
        let partner = try await api.user("partner@sakura-hanbai.test", role: "partner", password: WorkspacePageTests.password)
        try await PartnerPortalTests.link(api, partner, to: partnership)
        return (partnership, manager, partner)
    }

    @Test(arguments: Backend.available)
    func approvalOpensTheRegisteredDealOnce(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (partnership, manager, partner) = try await Self.setUp(api)
            // The customer exists already under its domain; the partner writes its name differently.
            let customer = try await api.create("organizations", #"{"name":"東京物産株式会社","domain":"tokyo-bussan.test"}"#).string("id") ?? ""
            let submitted = try await api.call(.post, "/api/v1/deal_registrations", json: """
                {"partnership_id":"\(partnership)","company_name":"東京物産","company_domain":"tokyo-bussan.test","amount":{"amount":"4500000","currency":"JPY"},"expected_close":"2027-03-31"}
                """, token: partner.token)
            #expect(submitted.status == .created, "\(submitted.body)")
            let id = try submitted.object().string("id") ?? ""
            #expect(try submitted.object()["deal_id"] == nil, "hidden from the partner")

            let approved = try await api.call(.patch, "/api/v1/deal_registrations/\(id)", json: #"{"status":"approved"}"#, token: manager.token)
            #expect(approved.status == .ok, "\(approved.body)")
            let dealID = try #require(try approved.object().string("deal_id"))
            let deal = try await api.call(.get, "/api/v1/deals/\(dealID)").object()
            #expect(deal.string("title") == "東京物産" && deal.string("organization_id") == customer && deal.string("partnership_id") == partnership)
            #expect(deal.string("status") == "open" && deal.string("owner_id") == manager.id && deal.string("close_date") == "2027-03-31")
            #expect(deal["amount"]?.objectValue?.string("amount") == "4500000" && deal["amount"]?.objectValue?.string("currency") == "JPY")
            // Saving the approved registration again opens nothing more.
            #expect(try await api.call(.patch, "/api/v1/deal_registrations/\(id)", json: #"{"protection_days":120}"#, token: manager.token).status == .ok)
            let sourced = try await api.call(.get, "/api/v1/deals?filter[partnership_id]=\(partnership)").object()["data"]?.arrayValue ?? []
            #expect(sourced.count == 1)
            // The partner reads the approval, never our deal.
            let seen = try await api.call(.get, "/api/v1/deal_registrations/\(id)", token: partner.token).object()
            #expect(seen.string("status") == "approved" && seen["deal_id"] == nil)

            // A company nobody has yet is made with the registered domain.
            let fresh = try await api.create("deal_registrations", #"{"partnership_id":"\#(partnership)","company_name":"大阪商会","company_domain":"osaka-shokai.test","status":"approved"}"#)
            let freshDeal = try await api.call(.get, "/api/v1/deals/\(fresh.string("deal_id") ?? "")").object()
            let made = try await api.call(.get, "/api/v1/organizations/\(freshDeal.string("organization_id") ?? "")").object()
            #expect(made.string("name") == "大阪商会" && made.string("domain") == "osaka-shokai.test")
            // Rejected registrations open nothing.
            let rejected = try await api.create("deal_registrations", #"{"partnership_id":"\#(partnership)","company_name":"名古屋工業","status":"rejected"}"#)
            #expect(rejected["deal_id"] == nil || rejected["deal_id"] == .null)
        }
    }

    @Test(arguments: Backend.available)
    func racingApprovalsOpenOneDeal(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (partnership, manager, partner) = try await Self.setUp(api)
            let id = try await api.call(.post, "/api/v1/deal_registrations", json: #"{"partnership_id":"\#(partnership)","company_name":"札幌精機"}"#, token: partner.token).object().string("id") ?? ""
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<10 {
                    group.addTask { Int(try await api.call(.patch, "/api/v1/deal_registrations/\(id)", json: #"{"status":"approved"}"#, token: manager.token).status.code) }
                }
                var out: [Int] = []
                for try await status in group { out.append(status) }
                return out
            }
            #expect(statuses.allSatisfy { $0 == 200 || $0 == 503 } && statuses.contains(200), "\(statuses)")
            let deals = try await api.call(.get, "/api/v1/deals?filter[partnership_id]=\(partnership)").object()["data"]?.arrayValue ?? []
            #expect(deals.count == 1, "\(deals.count) deals")
            let approved = try await api.call(.get, "/api/v1/deal_registrations/\(id)").object()
            #expect(approved.string("deal_id") == deals.first?.objectValue?.string("id"))
        }
    }

    @Test(arguments: Backend.available)
    func aManagerWithoutDealRightsCannotApprove(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (partnership, _, partner) = try await Self.setUp(api)
            let id = try await api.call(.post, "/api/v1/deal_registrations", json: #"{"partnership_id":"\#(partnership)","company_name":"X社"}"#, token: partner.token).object().string("id") ?? ""
            // A role that may decide registrations but not create deals.
            let role = try await api.call(.put, "/api/v1/roles/registrations_only", json: """
                {"label":"Registrations only","grants":{"*":{"actions":["read"],"visibility":"all"},"deal_registrations":{"actions":["read","update","create","import"],"visibility":"all"}}}
                """)
            #expect(role.status == .ok || role.status == .created, "\(role.body)")
            let desk = try await api.user("desk@example.com", role: "registrations_only")
            let refused = try await api.call(.patch, "/api/v1/deal_registrations/\(id)", json: #"{"status":"approved"}"#, token: desk.token)
            #expect(refused.status == .forbidden, "\(refused.body)")
            let after = try await api.call(.get, "/api/v1/deal_registrations/\(id)").object()
            #expect(after.string("status") == "submitted" && (after["deal_id"] == nil || after["deal_id"] == .null))
            #expect(try await api.call(.get, "/api/v1/deals").object()["data"]?.arrayValue?.isEmpty == true)
            // An import is the same write: approved rows it cannot open deals for are refused.
            let csv = "partnership_id,company_name,status\n\(partnership),Y社,approved\n"
            var headers: HTTPFields = [.authorization: "Bearer \(desk.token)", .contentType: "text/csv"]
            let imported = try await api.raw(.post, "/api/v1/deal_registrations/import", body: ByteBuffer(string: csv), headers: headers)
            #expect(try imported.status == .ok && imported.object()["created"] == .number("0") && imported.object()["failed"] == .number("1"), "\(imported.body)")
            #expect(try await api.call(.get, "/api/v1/deals").object()["data"]?.arrayValue?.isEmpty == true)
            // A partner manager's import opens the deal, as their approval would.
            let manager = try await api.user("pm-import@example.com", role: "partner_manager")
            headers[.authorization] = "Bearer \(manager.token)"
            let ok = try await api.raw(.post, "/api/v1/deal_registrations/import", body: ByteBuffer(string: csv), headers: headers)
            #expect(try ok.status == .ok && ok.object()["created"] == .number("1"), "\(ok.body)")
            let deals = try await api.call(.get, "/api/v1/deals").object()["data"]?.arrayValue?.compactMap(\.objectValue) ?? []
            #expect(deals.count == 1 && deals.first?.string("owner_id") == manager.id && deals.first?.string("partnership_id") == partnership)
        }
    }

    @Test(arguments: Backend.available)
    func theApproveButtonDecidesFromThePage(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (partnership, _, partner) = try await Self.setUp(api)
            let id = try await api.call(.post, "/api/v1/deal_registrations", json: #"{"partnership_id":"\#(partnership)","company_name":"横浜電機"}"#, token: partner.token).object().string("id") ?? ""
            var browser = try await WorkspacePageTests.signedIn(api, email: "pm2@example.com", role: "partner_manager")
            let home = try await browser.request(.get, "/")
            let csrf = PageClient.csrf(home.body) ?? ""
            _ = try await browser.request(.post, "/settings/language", form: [("_csrf", csrf), ("language", "ja")])
            let page = try await browser.request(.get, "/deal_registrations/\(id)")
            #expect(page.status == .ok && page.body.contains("承認して商談を作成") && page.body.contains("却下"), "\(page.body)")
            // A decision from a page that another manager has since changed is not applied.
            #expect(try await api.call(.patch, "/api/v1/deal_registrations/\(id)", json: #"{"description":"電話で確認"}"#).status == .ok)
            let stale = try await browser.request(.post, "/deal_registrations/\(id)/decide", form: [("_csrf", csrf), ("status", "approved"), ("version", "1")])
            #expect(stale.status == .preconditionFailed)
            let current = try await api.call(.get, "/api/v1/deal_registrations/\(id)").object()
            #expect(current.string("status") == "submitted")
            let decided = try await browser.request(.post, "/deal_registrations/\(id)/decide", form: [("_csrf", csrf), ("status", "approved"), ("version", current["version"]?.numberLiteral ?? "0")])
            #expect(decided.status == .seeOther || decided.status == .found, "\(decided.status)")
            let now = try await api.call(.get, "/api/v1/deal_registrations/\(id)").object()
            #expect(now.string("status") == "approved" && now.string("deal_id") != nil)
            // Decided: no buttons any more; the deal is linked from the page.
            let after = try await browser.request(.get, "/deal_registrations/\(id)").body
            #expect(!after.contains("承認して商談を作成") && after.contains("/deals/\(now.string("deal_id") ?? "-")"))
            // The partner's page never offers the decision.
            let other = try await api.call(.post, "/api/v1/deal_registrations", json: #"{"partnership_id":"\#(partnership)","company_name":"神戸製作所"}"#, token: partner.token).object().string("id") ?? ""
            var theirs = PageClient(api)
            _ = try await theirs.signIn("partner@sakura-hanbai.test", WorkspacePageTests.password)
            let partnerPage = try await theirs.request(.get, "/deal_registrations/\(other)")
            #expect(partnerPage.status == .ok && partnerPage.body.contains("神戸製作所"), "\(partnerPage.status) \(partnerPage.body)")
            #expect(!partnerPage.body.contains("/decide") && !partnerPage.body.contains("Approve and open the deal"))
            let forged = try await theirs.request(.post, "/deal_registrations/\(other)/decide", form: [("_csrf", PageClient.csrf(partnerPage.body) ?? ""), ("status", "approved"), ("version", "1")])
            #expect(forged.status == .forbidden, "\(forged.status)")
            #expect(try await api.call(.get, "/api/v1/deal_registrations/\(other)").object().string("status") == "submitted")
        }
    }
}
