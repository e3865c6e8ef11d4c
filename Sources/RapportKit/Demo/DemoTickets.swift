/// The service desk's demo: twenty tickets in Korean, Japanese and English, each with a
/// short conversation and the status it ends in, so every agent view, the thread's
/// public and internal messages and the follow-up of a closed ticket have something to show.
public enum DemoTickets {
    public struct Message: Sendable {
        public var fromRequester: Bool
        public var internalNote: Bool
        public var body: String
    }

    public struct Script: Sendable {
        /// `ko`, `ja` or `en`: whose requester asks.
        public var language: String
        public var subject: String
        public var priority: TicketPriority
        public var kind: String
        public var channel: String
        public var messages: [Message]
        /// Where the ticket ends once the conversation is written.
        public var status: TicketStatus
        /// Whether the agent seeding the demo is its assignee.
        public var assigned: Bool
    }

    private static func ask(_ body: String) -> Message { Message(fromRequester: true, internalNote: false, body: body) }
    private static func reply(_ body: String) -> Message { Message(fromRequester: false, internalNote: false, body: body) }
    private static func note(_ body: String) -> Message { Message(fromRequester: false, internalNote: true, body: body) }

    public static let scripts: [Script] = [
        Script(language: "ko", subject: "세금계산서 재발행 요청", priority: .normal, kind: "question", channel: "email",
               messages: [ask("지난달 세금계산서의 사업자번호가 잘못 기재되어 재발행 부탁드립니다."), reply("확인 후 오늘 중 재발행해 드리겠습니다.")], status: .pendingCustomer, assigned: true),
        Script(language: "ko", subject: "로그인 시 인증 코드가 오지 않습니다", priority: .high, kind: "incident", channel: "phone",
               messages: [ask("오늘 아침부터 문자 인증 코드가 도착하지 않습니다."), note("문자 발송 업체 장애 공지 확인 중"), reply("발송 업체 장애로 확인되어 복구를 기다리고 있습니다.")], status: .pendingThirdParty, assigned: true),
        Script(language: "ko", subject: "대시보드 로딩이 느려요", priority: .normal, kind: "problem", channel: "web_form",
               messages: [ask("월말 보고서 화면이 30초 넘게 걸립니다.")], status: .new, assigned: false),
        Script(language: "ko", subject: "사용자 10명 추가 견적 문의", priority: .low, kind: "question", channel: "portal",
               messages: [ask("내년부터 사용자 10명을 추가하려고 합니다. 견적 부탁드립니다."), note("영업팀에 전달, 거래 생성 예정"), reply("담당 영업 대표가 내일 연락드리겠습니다.")], status: .solved, assigned: true),
        Script(language: "ko", subject: "데이터 내보내기 파일이 깨져 보입니다", priority: .high, kind: "incident", channel: "email",
               messages: [ask("CSV 파일을 엑셀에서 열면 한글이 깨집니다."), reply("엑셀의 데이터 가져오기에서 UTF-8을 선택해 주세요."), ask("해결되었습니다. 감사합니다.")], status: .closed, assigned: true),
        Script(language: "ko", subject: "계약 갱신일 변경 요청", priority: .normal, kind: "task", channel: "api",
               messages: [ask("계약 갱신일을 3월 1일로 옮기고 싶습니다.")], status: .open, assigned: false),
        Script(language: "ko", subject: "모바일에서 첨부 파일이 열리지 않아요", priority: .urgent, kind: "incident", channel: "chat",
               messages: [ask("아이폰에서 PDF 첨부를 누르면 빈 화면만 나옵니다."), note("iOS 17 이상에서 재현됨")], status: .open, assigned: true),
        Script(language: "ja", subject: "請求書の宛名を変更したい", priority: .normal, kind: "question", channel: "email",
               messages: [ask("来月から請求書の宛名を新しい社名に変更してください。"), reply("承知しました。来月分から変更いたします。")], status: .solved, assigned: true),
        Script(language: "ja", subject: "パスワード再設定メールが届かない", priority: .high, kind: "incident", channel: "web_form",
               messages: [ask("再設定メールが迷惑メールフォルダにもありません。"), note("送信ログでは配信済み。受信側のフィルタの可能性"), reply("受信設定をご確認いただけますか。")], status: .pendingCustomer, assigned: true),
        Script(language: "ja", subject: "CSV取り込みで文字化けが発生", priority: .normal, kind: "problem", channel: "portal",
               messages: [ask("Shift_JISのファイルを取り込むと氏名が文字化けします。")], status: .new, assigned: false),
        Script(language: "ja", subject: "担当者の追加方法を教えてください", priority: .low, kind: "question", channel: "chat",
               messages: [ask("取引先に担当者を追加する手順を知りたいです。"), reply("取引先の画面右上の「新規」から追加できます。"), ask("できました。ありがとうございます。")], status: .closed, assigned: true),
        Script(language: "ja", subject: "保守契約の更新について", priority: .normal, kind: "task", channel: "phone",
               messages: [ask("保守契約の更新手続きを進めたいです。"), note("契約部門の回答待ち")], status: .onHold, assigned: true),
        Script(language: "ja", subject: "API のレート制限に達しました", priority: .urgent, kind: "incident", channel: "api",
               messages: [ask("夜間バッチで429エラーが続いています。"), reply("上限の一時的な引き上げを検討しています。")], status: .open, assigned: true),
        Script(language: "ja", subject: "帳票の印刷レイアウトがずれる", priority: .normal, kind: "problem", channel: "email",
               messages: [ask("見積書を印刷すると右端が切れます。")], status: .pendingThirdParty, assigned: false),
        Script(language: "en", subject: "Cannot export the quarterly report", priority: .high, kind: "incident", channel: "email",
               messages: [ask("The export button spins and nothing downloads."), note("Reproduced with filters on; looking at the query"), reply("A fix is deployed; could you try again?")], status: .pendingCustomer, assigned: true),
        Script(language: "en", subject: "Request to merge duplicate accounts", priority: .normal, kind: "task", channel: "web_form",
               messages: [ask("We have two records for Acme Ltd. Please merge them.")], status: .new, assigned: false),
        Script(language: "en", subject: "How do I set up a second pipeline?", priority: .low, kind: "question", channel: "portal",
               messages: [ask("We sell services and licences and want separate pipelines."), reply("Settings, Pipelines, New pipeline; stages can be copied from the default.")], status: .solved, assigned: true),
        Script(language: "en", subject: "Invoice shows the wrong tax rate", priority: .urgent, kind: "incident", channel: "phone",
               messages: [ask("Our invoice shows 8% but we should be charged 10%."), note("Customer moved region; tax settings not updated")], status: .open, assigned: true),
        Script(language: "en", subject: "Webhook deliveries delayed", priority: .normal, kind: "problem", channel: "api",
               messages: [ask("Webhooks arrive up to ten minutes late since Monday."), reply("Our provider confirmed the delay; we are waiting on their fix.")], status: .pendingThirdParty, assigned: true),
        Script(language: "en", subject: "Please close our old sandbox account", priority: .low, kind: "task", channel: "email",
               messages: [ask("The sandbox is no longer needed."), reply("Done: the sandbox is closed."), ask("Thanks!")], status: .closed, assigned: false),
    ]
}
