/// The words of editing in place, the bulk "update a field" action and the timeline's
/// filters.
enum InlineEditStrings: PageStringCatalog {
    static let en: [String: String] = [
        "inline_edit_label": "Edit %1$@ of %2$@",
        "inline_stale": "Someone else changed this record meanwhile, so your value was not saved. Reload to see theirs.",
        "inline_failed": "Could not save. Check your connection and try again.",
        "bulk_field": "Update a field",
        "bulk_field_choose": "Field to update",
        "bulk_field_title": "Update a field on %d records",
        "bulk_field_hint": "The new value replaces the current one on every selected record. Leave it empty to clear the field.",
        "bulk_field_apply": "Update the records",
        "bulk_field_none": "None of the fields can be changed on these records.",
        "bulk_forbidden_records": "%d of the selected records may not be changed by you.",
        "timeline_filter": "Show",
        "timeline_all": "Everything",
        "timeline_changes": "Changes",
        "timeline_more": "Show older entries",
        "timeline_mail_received": "Email received",
        "timeline_mail_quoted": "Earlier messages and signature",
    ]

    static let ko: [String: String] = [
        "inline_edit_label": "%2$@의 %1$@ 수정",
        "inline_stale": "그사이 다른 사람이 이 레코드를 변경해서 입력한 값은 저장되지 않았습니다. 새로 고쳐서 변경 내용을 확인하세요.",
        "inline_failed": "저장하지 못했습니다. 연결 상태를 확인하고 다시 시도하세요.",
        "bulk_field": "필드 값 일괄 변경",
        "bulk_field_choose": "변경할 필드",
        "bulk_field_title": "레코드 %d건의 필드 값 변경",
        "bulk_field_hint": "선택한 모든 레코드의 현재 값이 새 값으로 바뀝니다. 비워 두면 값이 지워집니다.",
        "bulk_field_apply": "레코드 변경",
        "bulk_field_none": "이 레코드들에서 변경할 수 있는 필드가 없습니다.",
        "bulk_forbidden_records": "선택한 레코드 중 %d건은 변경할 권한이 없습니다.",
        "timeline_filter": "표시",
        "timeline_all": "전체",
        "timeline_changes": "변경 이력",
        "timeline_more": "이전 항목 더 보기",
        "timeline_mail_received": "받은 이메일",
        "timeline_mail_quoted": "이전 메일과 서명",
    ]

    static let ja: [String: String] = [
        "inline_edit_label": "%2$@の%1$@を編集",
        "inline_stale": "その間に他の人がこのレコードを変更したため、入力した値は保存されていません。再読み込みして変更内容を確認してください。",
        "inline_failed": "保存できませんでした。接続を確認して、もう一度お試しください。",
        "bulk_field": "項目を一括更新",
        "bulk_field_choose": "更新する項目",
        "bulk_field_title": "%d 件のレコードの項目を更新",
        "bulk_field_hint": "選択したすべてのレコードで、現在の値が新しい値に置き換わります。空欄にすると値が消去されます。",
        "bulk_field_apply": "レコードを更新",
        "bulk_field_none": "これらのレコードで変更できる項目はありません。",
        "bulk_forbidden_records": "選択したレコードのうち %d 件は変更する権限がありません。",
        "timeline_filter": "表示",
        "timeline_all": "すべて",
        "timeline_changes": "変更履歴",
        "timeline_more": "過去の項目をさらに表示",
        "timeline_mail_received": "受信メール",
        "timeline_mail_quoted": "以前のメールと署名",
    ]
}
