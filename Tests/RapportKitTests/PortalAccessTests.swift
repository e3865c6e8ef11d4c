import RapportKit
import Testing

/// Who sees a ticket in the portal and how its status reads there.
@Suite struct PortalAccessTests {
    @Test func ownTicketsAlwaysColleaguesOnlyWhenShared() {
        // Every combination of requester, organization and sharing: visible exactly when
        // it is theirs, or their organization's and the organization shares.
        for requester in ["p1", "p2", nil] as [String?] {
            for ticketOrg in ["o1", "o2", nil] as [String?] {
                for personOrg in ["o1", nil] as [String?] {
                    for shares in [true, false] {
                        let seen = PortalAccess.canSee(requesterID: requester, organizationID: ticketOrg, person: "p1", organization: personOrg, organizationShares: shares)
                        let expected = requester == "p1" || (shares && personOrg != nil && ticketOrg == personOrg)
                        #expect(seen == expected, "\(String(describing: requester)) \(String(describing: ticketOrg)) \(String(describing: personOrg)) \(shares)")
                    }
                }
            }
        }
    }

    @Test func statusesSayWhoseTurnItIs() {
        #expect(PortalAccess.shown(.new) == .received)
        #expect(PortalAccess.shown(.pendingCustomer) == .awaitingYou)
        for status in [TicketStatus.open, .pendingThirdParty, .onHold] { #expect(PortalAccess.shown(status) == .inProgress) }
        #expect(PortalAccess.shown(.solved) == .solved && PortalAccess.shown(.closed) == .closed)
    }

    @Test func linkMailInTheReadersLanguage() {
        let ko = PortalLinkMail(language: "ko-KR", link: "https://desk.example.com/portal/link/abc", minutes: 30, organizationName: "한빛상사")
        #expect(ko.subject == "한빛상사 고객 지원 로그인 링크" && ko.text.contains("30분") && ko.text.contains("https://desk.example.com/portal/link/abc"))
        let ja = PortalLinkMail(language: "ja", link: "L", minutes: 30, organizationName: "山田商事")
        #expect(ja.subject.contains("ログインリンク") && ja.text.contains("30 分"))
        #expect(PortalLinkMail(language: "fr", link: "L", minutes: 30, organizationName: "Acme").subject == "Your sign-in link for Acme support")
    }

    @Test func requestTextNamesEveryWrongField() {
        #expect(RequestText.errors(subject: " ", body: "").map(\.field) == ["subject", "body"])
        #expect(RequestText.errors(subject: nil, body: "x").isEmpty)
        #expect(RequestText.errors(subject: String(repeating: "가", count: 301), body: "x").map(\.code) == ["too_long"])
    }
}
