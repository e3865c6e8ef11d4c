/// The words of "Forgot password?" and of the administrator's side of it.
enum ForgotPasswordStrings: PageStringCatalog {
    static let en: [String: String] = [
        "forgot_link": "Forgot password?",
        "forgot_title": "Reset your password",
        "forgot_hint": "Enter the email you sign in with. An administrator will send you a link to choose a new password.",
        "forgot_submit": "Ask for a reset link",
        "forgot_sent": "Thank you. If an account uses that email, an administrator has been asked to send you a reset link. If nothing arrives within a working day, ask your administrator.",
        "forgot_back": "Back to sign in",
        "forgot_email_invalid": "Email: enter the address you sign in with, such as name@example.com.",
        "notif_kind.reset_requested": "Asked for a password reset",
        "issue_reset_link": "Issue reset link",
        "reset_link_issued": "Reset link for %@. It works once, for one hour. Send it to them yourself:",
    ]

    static let ko: [String: String] = [
        "forgot_link": "비밀번호를 잊으셨나요?",
        "forgot_title": "비밀번호 재설정",
        "forgot_hint": "로그인할 때 쓰는 이메일을 입력하세요. 관리자가 새 비밀번호를 설정할 수 있는 링크를 보내 드립니다.",
        "forgot_submit": "재설정 링크 요청",
        "forgot_sent": "요청을 받았습니다. 이 이메일을 쓰는 계정이 있으면 관리자에게 재설정 링크 발송을 요청했습니다. 영업일 하루 안에 연락이 없으면 관리자에게 문의하세요.",
        "forgot_back": "로그인으로 돌아가기",
        "forgot_email_invalid": "이메일: 로그인할 때 쓰는 주소를 입력하세요(예: name@example.com).",
        "notif_kind.reset_requested": "비밀번호 재설정 요청",
        "issue_reset_link": "재설정 링크 발급",
        "reset_link_issued": "%@ 님의 재설정 링크입니다. 1시간 동안 한 번만 쓸 수 있습니다. 직접 전달해 주세요:",
    ]

    static let ja: [String: String] = [
        "forgot_link": "パスワードをお忘れですか？",
        "forgot_title": "パスワードの再設定",
        "forgot_hint": "ログインに使うメールアドレスを入力してください。新しいパスワードを設定するためのリンクを管理者がお送りします。",
        "forgot_submit": "再設定リンクを依頼",
        "forgot_sent": "受け付けました。このメールアドレスのアカウントがあれば、再設定リンクの送付を管理者に依頼しました。1営業日たっても届かない場合は、管理者にお問い合わせください。",
        "forgot_back": "ログインに戻る",
        "forgot_email_invalid": "メールアドレス：ログインに使うアドレスを入力してください（例：name@example.com）。",
        "notif_kind.reset_requested": "パスワード再設定の依頼",
        "issue_reset_link": "再設定リンクを発行",
        "reset_link_issued": "%@ さんの再設定リンクです。1時間以内に1回だけ使えます。ご本人に直接お伝えください：",
    ]
}
