/// Home and global search.
enum WorkspaceStrings: PageStringCatalog {
    static let en: [String: String] = [
        "home_title": "Home",
        "home_tasks": "My tasks due today and overdue",
        "home_recent": "Recent activity",
        "home_changed": "My records changed by others",
        "nothing_here": "Nothing here.",
        "overdue": "Overdue",
        "due": "Due",
        "search_title": "Search",
        "search_hint": "Press / anywhere to search.",
        "type_label": "Type",
        "results": "Results",
    ]

    static let ko: [String: String] = [
        "home_title": "홈",
        "home_tasks": "오늘 마감이거나 기한이 지난 내 할 일",
        "home_recent": "최근 활동",
        "home_changed": "다른 사람이 변경한 내 레코드",
        "nothing_here": "항목이 없습니다.",
        "overdue": "기한 지남",
        "due": "마감",
        "search_title": "검색",
        "search_hint": "어디서든 / 키를 누르면 검색할 수 있습니다.",
        "type_label": "유형",
        "results": "결과",
    ]

    static let ja: [String: String] = [
        "home_title": "ホーム",
        "home_tasks": "今日が期限または期限切れの自分のタスク",
        "home_recent": "最近の活動",
        "home_changed": "他の人が変更した自分のレコード",
        "nothing_here": "ありません。",
        "overdue": "期限切れ",
        "due": "期限",
        "search_title": "検索",
        "search_hint": "どこでも / キーで検索できます。",
        "type_label": "種類",
        "results": "結果",
    ]
}
