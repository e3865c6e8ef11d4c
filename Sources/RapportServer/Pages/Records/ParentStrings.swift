/// What a record page says about a record that follows its parent (``ParentRule``).
enum ParentStrings: PageStringCatalog {
    static let en: [String: String] = [
        "parent_final": "Its {parent} is “{state}”, so this record no longer changes.",
    ]
    static let ko: [String: String] = [
        "parent_final": "{parent}이(가) ‘{state}’ 상태이므로 이 기록은 더 이상 변경할 수 없습니다.",
    ]
    static let ja: [String: String] = [
        "parent_final": "{parent}が「{state}」のため、この記録は変更できません。",
    ]
}
