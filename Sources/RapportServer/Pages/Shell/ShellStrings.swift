/// The frame around every page: brand, navigation, search and the pages that say no.
enum ShellStrings: PageStringCatalog {
    static let en: [String: String] = [
        "app_name": "Rapport",
        "forbidden_title": "Refused",
        "csrf_refused": "This form expired or came from elsewhere. Reload the page and try again.",
        "skip_to_content": "Skip to content",
        "nav_home": "Home",
        "nav_main": "Main",
        "search_label": "Search everything",
        "search_button": "Search",
        "settings": "Settings",
        "language_switch": "Language",
        "not_allowed": "Your role does not allow this.",
        "not_found_title": "Not found",
        "not_found": "There is nothing here, or you may not see it.",
    ]

    static let ko: [String: String] = [
        "app_name": "Rapport",
        "forbidden_title": "거부됨",
        "csrf_refused": "양식이 만료되었거나 다른 곳에서 왔습니다. 페이지를 새로 고친 뒤 다시 시도하세요.",
        "skip_to_content": "본문으로 건너뛰기",
        "nav_home": "홈",
        "nav_main": "주 메뉴",
        "search_label": "전체 검색",
        "search_button": "검색",
        "settings": "설정",
        "language_switch": "언어",
        "not_allowed": "현재 역할로는 할 수 없는 작업입니다.",
        "not_found_title": "찾을 수 없음",
        "not_found": "항목이 없거나 볼 수 있는 권한이 없습니다.",
    ]

    static let ja: [String: String] = [
        "app_name": "Rapport",
        "forbidden_title": "拒否されました",
        "csrf_refused": "フォームの有効期限が切れたか、別の場所から送信されました。ページを再読み込みしてもう一度お試しください。",
        "skip_to_content": "本文へスキップ",
        "nav_home": "ホーム",
        "nav_main": "メインメニュー",
        "search_label": "すべてを検索",
        "search_button": "検索",
        "settings": "設定",
        "language_switch": "言語",
        "not_allowed": "現在のロールではこの操作はできません。",
        "not_found_title": "見つかりません",
        "not_found": "存在しないか、表示する権限がありません。",
    ]
}
