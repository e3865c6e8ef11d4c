/// The mail inviting a person at a partner to the partner portal, in their language: who
/// invites them to which partnership, and the link that sets their password (a week long).
/// Beside the domain rather than in the page catalogs because no page renders it.
public struct PartnerInvitationMail: Sendable {
    static let texts: [String: [String: String]] = [
        "en": [
            "subject": "Your invitation to %@",
            "body": "%1 invites you to work on the partnership “%2” together: shared goals, the roadmap, decisions and deal registrations.\n\nSet your password to sign in (the link works for a week):\n%3\n",
        ],
        "ko": [
            "subject": "%@ 초대",
            "body": "%1 님이 파트너십 “%2”에 초대했습니다. 공동 목표, 로드맵, 의사결정과 딜 등록을 함께 관리할 수 있습니다.\n\n아래 링크에서 비밀번호를 설정한 뒤 로그인하세요 (일주일 동안 유효):\n%3\n",
        ],
        "ja": [
            "subject": "%@へのご招待",
            "body": "%1 さんからパートナーシップ「%2」へ招待されました。共通の目標、ロードマップ、意思決定、案件登録を一緒に管理できます。\n\n次のリンクでパスワードを設定してからサインインしてください（1週間有効）:\n%3\n",
        ],
    ]

    public let subject: String
    public let text: String

    public init(language: String?, inviter: String, partnership: String, link: String) {
        let words = Self.texts[String((language ?? "en").prefix(2))] ?? Self.texts["en"]!
        subject = words["subject"]!.replacingOccurrences(of: "%@", with: partnership)
        text = words["body"]!.replacingOccurrences(of: "%1", with: inviter).replacingOccurrences(of: "%2", with: partnership).replacingOccurrences(of: "%3", with: link)
    }
}
