import Foundation

/// Every word the pages show, per language. Templates hold no text of their own, so a
/// missing key is a test failure rather than English left on a Korean page.
enum PageStrings {
    static let languages = ["en", "ko", "ja"]

    /// Every page string per language: sign-in and account pages, the workspace, and the
    /// names of record types, fields, choices and validation problems.
    static let catalogs: [String: [String: String]] = {
        var out: [String: [String: String]] = [:]
        for language in languages {
            var merged = signIn[language] ?? [:]
            merged.merge(AppStrings.catalogs[language] ?? [:]) { a, _ in a }
            merged.merge(RecordStrings.catalogs[language] ?? [:]) { a, _ in a }
            merged.merge(JobStrings.catalogs[language] ?? [:]) { a, _ in a }
            merged.merge(CompanyStrings.catalogs[language] ?? [:]) { a, _ in a }
            out[language] = merged
        }
        return out
    }()

    static let signIn: [String: [String: String]] = [
        "en": [
            "app_name": "Rapport",
            "sign_in": "Sign in",
            "sign_in_title": "Sign in to Rapport",
            "email": "Email",
            "password": "Password",
            "wrong_credentials": "The email or password is not right.",
            "too_many_attempts": "Too many failed attempts. Try again in %@ seconds.",
            "two_factor_title": "Two-step verification",
            "two_factor_hint": "Enter the 6-digit code from your authenticator app.",
            "code": "Code",
            "verify": "Verify",
            "wrong_code": "That code is not right or has expired.",
            "sign_out": "Sign out",
            "account": "Your account",
            "name": "Name",
            "role": "Role",
            "two_factor": "Two-step verification",
            "two_factor_on": "On",
            "two_factor_off": "Off",
            "two_factor_setup": "Add this key to your authenticator app, then enter the code it shows.",
            "secret_key": "Key",
            "turn_on": "Turn on",
            "two_factor_enabled": "Two-step verification is on.",
            "two_factor_needs_key": "Two-step verification cannot be turned on yet: this server has no key to keep its secrets sealed. An administrator can make one with `rapport key create FILE` and start Rapport with RAPPORT_SECRET_KEY_FILE=FILE.",
            "change_password": "Change password",
            "current_password": "Current password",
            "new_password": "New password",
            "save": "Save",
            "password_changed": "Your password was changed. Sign in again.",
            "reset_title": "Choose a new password",
            "reset_invalid": "This link is no longer valid. Ask an admin for a new one.",
            "reset_done": "Your password was set. Sign in with it.",
            "forbidden_title": "Refused",
            "csrf_refused": "This form expired or came from elsewhere. Reload the page and try again.",
            "skip_to_content": "Skip to content",
            "api_tokens_hint": "API tokens: rapport token create, or POST /api/v1/tokens.",
            "role_admin": "Administrator",
            "role_manager": "Manager",
            "role_sales": "Sales",
            "role_support": "Support",
            "role_marketing": "Marketing",
            "role_partner_manager": "Partner manager",
            "role_viewer": "Viewer",
        ],
        "ko": [
            "app_name": "Rapport",
            "sign_in": "로그인",
            "sign_in_title": "Rapport 로그인",
            "email": "이메일",
            "password": "비밀번호",
            "wrong_credentials": "이메일 또는 비밀번호가 올바르지 않습니다.",
            "too_many_attempts": "실패한 시도가 너무 많습니다. %@초 후에 다시 시도하세요.",
            "two_factor_title": "2단계 인증",
            "two_factor_hint": "인증 앱에 표시된 6자리 코드를 입력하세요.",
            "code": "코드",
            "verify": "확인",
            "wrong_code": "코드가 올바르지 않거나 만료되었습니다.",
            "sign_out": "로그아웃",
            "account": "내 계정",
            "name": "이름",
            "role": "역할",
            "two_factor": "2단계 인증",
            "two_factor_on": "사용",
            "two_factor_off": "사용 안 함",
            "two_factor_setup": "이 키를 인증 앱에 추가한 뒤 앱에 표시된 코드를 입력하세요.",
            "secret_key": "키",
            "turn_on": "사용하기",
            "two_factor_enabled": "2단계 인증을 사용 중입니다.",
            "two_factor_needs_key": "이 서버에는 2단계 인증 비밀 값을 암호화할 키가 없어 아직 켤 수 없습니다. 관리자가 `rapport key create FILE`로 키를 만들고 RAPPORT_SECRET_KEY_FILE=FILE로 Rapport를 시작하면 됩니다.",
            "change_password": "비밀번호 변경",
            "current_password": "현재 비밀번호",
            "new_password": "새 비밀번호",
            "save": "저장",
            "password_changed": "비밀번호가 변경되었습니다. 다시 로그인하세요.",
            "reset_title": "새 비밀번호 설정",
            "reset_invalid": "이 링크는 더 이상 유효하지 않습니다. 관리자에게 새 링크를 요청하세요.",
            "reset_done": "비밀번호가 설정되었습니다. 새 비밀번호로 로그인하세요.",
            "forbidden_title": "거부됨",
            "csrf_refused": "양식이 만료되었거나 다른 곳에서 왔습니다. 페이지를 새로 고친 뒤 다시 시도하세요.",
            "skip_to_content": "본문으로 건너뛰기",
            "api_tokens_hint": "API 토큰: rapport token create 또는 POST /api/v1/tokens",
            "role_admin": "관리자",
            "role_manager": "매니저",
            "role_sales": "영업",
            "role_support": "고객 지원",
            "role_marketing": "마케팅",
            "role_partner_manager": "파트너 관리자",
            "role_viewer": "열람자",
        ],
        "ja": [
            "app_name": "Rapport",
            "sign_in": "ログイン",
            "sign_in_title": "Rapport にログイン",
            "email": "メールアドレス",
            "password": "パスワード",
            "wrong_credentials": "メールアドレスまたはパスワードが正しくありません。",
            "too_many_attempts": "失敗が続いたため、%@秒後にもう一度お試しください。",
            "two_factor_title": "2段階認証",
            "two_factor_hint": "認証アプリに表示された6桁のコードを入力してください。",
            "code": "コード",
            "verify": "確認",
            "wrong_code": "コードが正しくないか、有効期限が切れています。",
            "sign_out": "ログアウト",
            "account": "アカウント",
            "name": "名前",
            "role": "ロール",
            "two_factor": "2段階認証",
            "two_factor_on": "有効",
            "two_factor_off": "無効",
            "two_factor_setup": "このキーを認証アプリに追加し、表示されたコードを入力してください。",
            "secret_key": "キー",
            "turn_on": "有効にする",
            "two_factor_enabled": "2段階認証が有効になりました。",
            "two_factor_needs_key": "このサーバーには2段階認証の秘密を暗号化する鍵がないため、まだ有効にできません。管理者が `rapport key create FILE` で鍵を作成し、RAPPORT_SECRET_KEY_FILE=FILE を指定して Rapport を起動してください。",
            "change_password": "パスワードの変更",
            "current_password": "現在のパスワード",
            "new_password": "新しいパスワード",
            "save": "保存",
            "password_changed": "パスワードを変更しました。もう一度ログインしてください。",
            "reset_title": "新しいパスワードの設定",
            "reset_invalid": "このリンクは無効になりました。管理者に新しいリンクを依頼してください。",
            "reset_done": "パスワードを設定しました。新しいパスワードでログインしてください。",
            "forbidden_title": "拒否されました",
            "csrf_refused": "フォームの有効期限が切れたか、別の場所から送信されました。ページを再読み込みしてもう一度お試しください。",
            "skip_to_content": "本文へスキップ",
            "api_tokens_hint": "API トークン: rapport token create または POST /api/v1/tokens",
            "role_admin": "管理者",
            "role_manager": "マネージャー",
            "role_sales": "営業",
            "role_support": "サポート",
            "role_marketing": "マーケティング",
            "role_partner_manager": "パートナー管理",
            "role_viewer": "閲覧者",
        ],
    ]

    /// "Try again in N seconds" in `language`.
    static func tooManyAttempts(_ language: String, wait: Int) -> String {
        (catalogs[language]?["too_many_attempts"] ?? "").replacingOccurrences(of: "%@", with: String(wait))
    }

    /// The first supported language in an `Accept-Language` header (weights respected),
    /// else English.
    static func language(acceptLanguage: String?, preferred: String? = nil) -> String {
        if let preferred, let base = preferred.split(separator: "-").first.map(String.init)?.lowercased(), languages.contains(base) { return base }
        guard let header = acceptLanguage else { return "en" }
        let ranked = header.split(separator: ",").compactMap { part -> (String, Double)? in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first, !tag.isEmpty else { return nil }
            var q = 1.0
            for p in pieces.dropFirst() where p.hasPrefix("q=") { q = Double(p.dropFirst(2)) ?? 0 }
            return (tag.split(separator: "-").first.map(String.init)?.lowercased() ?? "", q)
        }
        return ranked.filter { languages.contains($0.0) && $0.1 > 0 }.sorted { $0.1 > $1.1 }.first?.0 ?? "en"
    }
}
