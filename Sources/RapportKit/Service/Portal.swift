/// The requester portal's rules, apart from any page or table: which tickets a signed-in
/// requester may read, how a ticket's status reads to them, and what a request they write
/// must hold.
///
/// A requester sees their own tickets; their colleagues' only when their organization has
/// chosen to share them (`portal_shares_tickets`), as Zendesk's "organization requests"
/// and Freshdesk's "company tickets" do. Agents' internal notes never reach the portal.
public enum PortalAccess {
    public static func canSee(requesterID: String?, organizationID: String?, person: String, organization: String?, organizationShares: Bool) -> Bool {
        if requesterID == person { return true }
        guard organizationShares, let organization, let organizationID else { return false }
        return organizationID == organization
    }

    /// The status as the requester reads it: they do not need the desk's distinctions
    /// between waiting on a third party and on hold, only whether it is their turn.
    public enum Shown: String, Sendable, CaseIterable {
        case received, inProgress = "in_progress", awaitingYou = "awaiting_you", solved, closed
    }

    public static func shown(_ status: TicketStatus) -> Shown {
        switch status {
        case .new: .received
        case .open, .pendingThirdParty, .onHold: .inProgress
        case .pendingCustomer: .awaitingYou
        case .solved: .solved
        case .closed: .closed
        }
    }
}

/// The text of a request anyone writes without an agent's help (the public form, the
/// portal): every wrong field at once, longer text refused with its field named, never cut.
public enum RequestText {
    public static func errors(subject: String?, body: String) -> [FieldError] {
        var out: [FieldError] = []
        if let subject {
            let trimmed = subject.trimmedWhitespace
            if trimmed.isEmpty { out.append(FieldError(field: "subject", code: "required", message: "Say in a few words what it is about.")) }
            if trimmed.count > WebFormMail.maxSubject { out.append(FieldError(field: "subject", code: "too_long", message: "At most \(WebFormMail.maxSubject) characters.")) }
        }
        let text = body.trimmedWhitespace
        if text.isEmpty { out.append(FieldError(field: "body", code: "required", message: "Describe the request.")) }
        if text.count > WebFormMail.maxBody { out.append(FieldError(field: "body", code: "too_long", message: "At most \(WebFormMail.maxBody) characters.")) }
        return out
    }
}

/// The sign-in mail of the portal: one link, how long it works, and what to do when the
/// reader did not ask for it. In the requester's language, as ``SurveyWords`` picks it.
public struct PortalLinkMail: Sendable {
    public var subject: String
    public var text: String

    public init(language: String, link: String, minutes: Int, organizationName: String) {
        let words = Self.texts[SurveyWords.language(language)]!
        subject = words["subject"]!.replacingOccurrences(of: "%@", with: organizationName)
        text = [
            words["intro"]!.replacingOccurrences(of: "%@", with: organizationName),
            "",
            link,
            "",
            words["lifetime"]!.replacingOccurrences(of: "%d", with: String(minutes)),
            words["ignore"]!,
        ].joined(separator: "\n")
    }

    static let texts: [String: [String: String]] = [
        "en": [
            "subject": "Your sign-in link for %@ support",
            "intro": "Open this link to see and answer your requests to %@:",
            "lifetime": "The link works once, within %d minutes.",
            "ignore": "If you did not ask for it, ignore this mail: nobody can sign in without the link.",
        ],
        "ko": [
            "subject": "%@ 고객 지원 로그인 링크",
            "intro": "아래 링크를 열면 %@에 보내신 문의를 보고 답할 수 있습니다.",
            "lifetime": "링크는 %d분 안에 한 번만 쓸 수 있습니다.",
            "ignore": "요청하신 적이 없다면 이 메일은 무시하셔도 됩니다. 링크가 없으면 아무도 로그인할 수 없습니다.",
        ],
        "ja": [
            "subject": "%@ サポートのログインリンク",
            "intro": "次のリンクを開くと、%@ へのお問い合わせを確認し、返信できます。",
            "lifetime": "リンクは %d 分以内に一度だけ使えます。",
            "ignore": "お心当たりがない場合は、このメールを破棄してください。リンクがなければ誰もログインできません。",
        ],
    ]
}
