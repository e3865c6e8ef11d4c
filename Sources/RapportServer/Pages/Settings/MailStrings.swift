/// The words of Settings → Mail: the relay, the sender, the test message and the
/// delivery states of the outbox.
enum MailStrings: PageStringCatalog {
    static let en: [String: String] = [
        "mail_title": "Mail", "mail_legend": "The relay Rapport sends mail through", "mail_save": "Save mail settings",
        "mail_saved": "Mail settings saved.", "mail_setting": "Setting", "mail_value": "Value", "mail_not_set_up": "Mail is not set up yet.",
        "mail_field.host": "Relay host", "mail_field.port": "Port", "mail_field.security": "Security", "mail_field.username": "Username",
        "mail_field.password": "Password (leave empty to keep the stored one)", "mail_field.from_name": "From name", "mail_field.from_address": "From address",
        "mail_field.to": "Send a test message to", "mail_password_stored": "Stored, encrypted", "mail_password_none": "None",
        "mail_security.starttls": "STARTTLS (port 587)", "mail_security.tls": "TLS from the start (port 465)",
        "mail_security.none": "None: a relay on this host only, without a password",
        "mail_test_legend": "Check the relay", "mail_test_send": "Send test message", "mail_test_queued": "Test message queued; its state shows below.",
        "mail_recent": "Message to %@", "mail_state.queued": "Queued", "mail_state.sending": "Sending", "mail_state.sent": "Sent",
        "mail_state.failed": "Failed", "mail_state.bounced": "Bounced",
        "mail_error.invalid_host": "a host name such as smtp.example.com, or an IP address", "mail_error.invalid_port": "a port from 1 to 65535",
        "mail_error.credentials_in_clear": "a relay that takes a username and password needs STARTTLS or TLS",
        "mail_error.needs_key": "storing a password needs the field key (RAPPORT_SECRET_KEY_FILE)",
        "mail_error.invalid_text": "one line without control characters",
        "mail_error.not_set_up": "Mail is not set up: save the relay first.",
    ]

    static let ko: [String: String] = [
        "mail_title": "메일", "mail_legend": "Rapport가 메일을 보내는 릴레이 서버", "mail_save": "메일 설정 저장",
        "mail_saved": "메일 설정을 저장했습니다.", "mail_setting": "항목", "mail_value": "값", "mail_not_set_up": "아직 메일이 설정되지 않았습니다.",
        "mail_field.host": "릴레이 호스트", "mail_field.port": "포트", "mail_field.security": "보안", "mail_field.username": "사용자 이름",
        "mail_field.password": "비밀번호 (비워 두면 저장된 비밀번호 유지)", "mail_field.from_name": "보내는 사람 이름", "mail_field.from_address": "보내는 주소",
        "mail_field.to": "테스트 메일 받을 주소", "mail_password_stored": "암호화하여 저장됨", "mail_password_none": "없음",
        "mail_security.starttls": "STARTTLS (포트 587)", "mail_security.tls": "처음부터 TLS (포트 465)",
        "mail_security.none": "없음: 이 호스트의 릴레이 전용, 비밀번호 없이",
        "mail_test_legend": "릴레이 확인", "mail_test_send": "테스트 메일 보내기", "mail_test_queued": "테스트 메일을 대기열에 넣었습니다. 상태는 아래에 표시됩니다.",
        "mail_recent": "%@ 님에게 보낸 메일", "mail_state.queued": "대기 중", "mail_state.sending": "보내는 중", "mail_state.sent": "보냄",
        "mail_state.failed": "실패", "mail_state.bounced": "반송됨",
        "mail_error.invalid_host": "smtp.example.com 같은 호스트 이름이나 IP 주소", "mail_error.invalid_port": "1부터 65535까지의 포트",
        "mail_error.credentials_in_clear": "사용자 이름과 비밀번호를 쓰는 릴레이는 STARTTLS나 TLS가 필요합니다",
        "mail_error.needs_key": "비밀번호를 저장하려면 필드 키(RAPPORT_SECRET_KEY_FILE)가 필요합니다",
        "mail_error.invalid_text": "제어 문자 없는 한 줄",
        "mail_error.not_set_up": "메일이 설정되지 않았습니다. 먼저 릴레이를 저장하세요.",
    ]

    static let ja: [String: String] = [
        "mail_title": "メール", "mail_legend": "Rapport がメールを送るリレーサーバー", "mail_save": "メール設定を保存",
        "mail_saved": "メール設定を保存しました。", "mail_setting": "項目", "mail_value": "値", "mail_not_set_up": "メールはまだ設定されていません。",
        "mail_field.host": "リレーのホスト", "mail_field.port": "ポート", "mail_field.security": "セキュリティ", "mail_field.username": "ユーザー名",
        "mail_field.password": "パスワード（空欄なら保存済みのものを使用）", "mail_field.from_name": "差出人名", "mail_field.from_address": "差出人アドレス",
        "mail_field.to": "テストメールの宛先", "mail_password_stored": "暗号化して保存済み", "mail_password_none": "なし",
        "mail_security.starttls": "STARTTLS（ポート 587）", "mail_security.tls": "最初から TLS（ポート 465）",
        "mail_security.none": "なし：このホスト上のリレー専用、パスワードなし",
        "mail_test_legend": "リレーの確認", "mail_test_send": "テストメールを送信", "mail_test_queued": "テストメールを送信待ちにしました。状態は下に表示されます。",
        "mail_recent": "%@ 宛てのメール", "mail_state.queued": "送信待ち", "mail_state.sending": "送信中", "mail_state.sent": "送信済み",
        "mail_state.failed": "失敗", "mail_state.bounced": "不達",
        "mail_error.invalid_host": "smtp.example.com のようなホスト名か IP アドレス", "mail_error.invalid_port": "1 から 65535 までのポート",
        "mail_error.credentials_in_clear": "ユーザー名とパスワードを使うリレーには STARTTLS か TLS が必要です",
        "mail_error.needs_key": "パスワードの保存にはフィールド鍵（RAPPORT_SECRET_KEY_FILE）が必要です",
        "mail_error.invalid_text": "制御文字を含まない 1 行",
        "mail_error.not_set_up": "メールが設定されていません。先にリレーを保存してください。",
    ]
}
