import RapportKit
import Testing

/// Replies as Gmail, Apple Mail, Outlook and Thunderbird write them in English, Korean and
/// Japanese: the new text stays, the quoted history and signature fold, and anything that
/// is not plainly a trailing quote is left whole.
@Suite struct ReplyTextTests {
    @Test(arguments: [
        // Gmail (English), attribution wrapped over two lines.
        ("Thanks, that worked.\n\nOn Tue, Dec 1, 2026 at 10:00 AM Rapport Support <help@rapport.test>\nwrote:\n\n> Please try again.\n> Best", "Thanks, that worked."),
        // Gmail (Korean).
        ("해결되었습니다. 감사합니다!\n\n2026년 12월 1일 (화) 오전 10:00, 고객지원 <help@rapport.test>님이 작성:\n> 다시 시도해 주세요.", "해결되었습니다. 감사합니다!"),
        // Gmail (Japanese).
        ("ありがとうございます。直りました。\n\n2026年12月1日(火) 10:00 サポート <help@rapport.test>:\n> もう一度お試しください。", "ありがとうございます。直りました。"),
        // Apple Mail (Korean) and (Japanese).
        ("네, 확인했습니다.\n\n2026. 12. 1. 오전 10:00, 고객지원 <help@rapport.test> 작성:\n\n> 확인 부탁드립니다.", "네, 확인했습니다."),
        ("承知しました。\n\n2026/12/01 10:00、サポート <help@rapport.test>のメール:\n\n> ご確認ください。", "承知しました。"),
        // Thunderbird (Japanese): "… さんは書きました:".
        ("了解です。\n\n2026/12/01 10:00 サポート さんは書きました:\n> ご確認ください。", "了解です。"),
        // Outlook: divider, and a header block under a rule (Korean Outlook's labels).
        ("See attached.\n\n-----Original Message-----\nFrom: Rapport Support\nSent: Tuesday, December 1, 2026 10:00\nSubject: RE: Login", "See attached."),
        ("첨부합니다.\n\n________________________________\n보낸 사람: 고객지원 <help@rapport.test>\n보낸 날짜: 2026년 12월 1일 화요일 오전 10:00\n제목: RE: 로그인", "첨부합니다."),
        ("添付します。\n\n差出人: サポート <help@rapport.test>\n送信日時: 2026年12月1日 10:00\n件名: RE: ログイン", "添付します。"),
        // A signature (RFC 3676's "-- ").
        ("Works now.\n-- \nAda Lovelace\nAnalytical Engines Ltd", "Works now."),
    ])
    func foldsTheTrailingHistory(_ body: String, _ visible: String) {
        let reply = ReplyText(body)
        #expect(reply.visible == visible)
        #expect(reply.folded != nil && !(reply.folded ?? "").isEmpty)
        #expect(body.contains(reply.folded ?? "\u{0}"), "the folded part is the original's tail, unchanged")
    }

    @Test(arguments: [
        // An answer written between quoted lines is shown whole.
        "> Which browser?\nSafari 17.\n> And the version of the app?\n3.2.1",
        // A forward has nothing new above the history.
        "-----Original Message-----\nFrom: Someone\nSent: today\nHello",
        // "wrote:" in the middle of a sentence, with no quote under it.
        "My colleague wrote: the export fails.\nIt still fails today.",
        // A plain message, and an empty one.
        "The invoice total is wrong.\nPlease check.", "",
        // From: in the text, not an Outlook block.
        "From: the start it failed.\nDate: unknown.",
    ])
    func leavesEverythingElseWhole(_ body: String) {
        let reply = ReplyText(body)
        #expect(reply.visible == body && reply.folded == nil)
    }
}
