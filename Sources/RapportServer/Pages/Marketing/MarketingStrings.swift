/// Marketing's words: NPS programs, their rounds and answers, and the survey opt-out.
/// Korean and Japanese keep "NPS" and say 추천 지수 / 推奨度 where a word is needed, as
/// Korean and Japanese survey tools do.
enum MarketingStrings: PageStringCatalog {
    /// The audience's stages read as the people's lifecycle stages do.
    private static func stages(_ table: [String: String]) -> [String: String] {
        var out: [String: String] = [:]
        for (key, value) in table where key.hasPrefix("choice.lifecycle_stage.") {
            out["choice.audience_stages." + key.dropFirst("choice.lifecycle_stage.".count)] = value
        }
        return out
    }

    static let en: [String: String] = [
        "type.nps_programs": "NPS surveys",
        "type.nps_programs.one": "NPS survey",
        "field.on_schedule": "Send on schedule",
        "field.schedule": "Schedule (cron)",
        "field.audience_stages": "Lifecycle stages",
        "field.audience_tags": "Any of these tags",
        "field.quiet_days": "Ask a person at most once in (days)",
        "field.subject_name": "Recommend what",
        "error.invalid_schedule": "Not a schedule: five fields, minute hour day month weekday (for example 0 10 1 */3 *).",
        "error.too_frequent": "Rounds must be at least a day apart.",
        "nps_no_answers": "No answers yet.",
        "nps_promoters": "Promoters", "nps_passives": "Passives", "nps_detractors": "Detractors",
        "nps_next_round": "Next round: %@",
        "nps_next_pending": "On schedule: the next round is set within five minutes.",
        "nps_inactive": "Not on schedule: rounds go out only when sent by hand.",
        "nps_send_now": "Send a round now",
        "nps_rounds": "Rounds", "nps_round": "Round", "nps_asked": "Asked", "nps_skipped": "Skipped", "nps_state": "State",
        "nps_round_running": "Sending", "nps_round_done": "Done",
        "nps_note.mail_not_set_up": "Not sent: mail or the public address is not set up",
        "nps_note.invalid_audience": "Not sent: the audience no longer matches the people's fields",
        "nps_note.program_deleted": "Not sent: the survey was deleted",
        "nps_reasons": "Latest reasons",
        "nps_report": "Net Promoter Score (NPS)",
        "nps_report_hint": "% promoters (9–10) minus % detractors (0–6) among answers in the period; the count is beside each figure.",
        "nps_by_program": "By survey",
        "nps_survey_title": "A quick question",
        "survey_unsubscribe_title": "Unsubscribe from surveys",
        "survey_unsubscribe_confirm": "Stop sending survey emails to your addresses? Replies to your own requests still reach you.",
        "survey_unsubscribe_button": "Unsubscribe",
        "survey_unsubscribed": "Done: we will send you no more surveys.",
    ].merging(stages(CustomerStrings.en)) { a, _ in a }

    static let ko: [String: String] = [
        "type.nps_programs": "NPS 설문",
        "type.nps_programs.one": "NPS 설문",
        "field.on_schedule": "일정대로 보내기",
        "field.schedule": "일정 (cron)",
        "field.audience_stages": "라이프사이클 단계",
        "field.audience_tags": "다음 태그 중 하나",
        "field.quiet_days": "한 사람에게 묻는 최소 간격 (일)",
        "field.subject_name": "추천 대상",
        "error.invalid_schedule": "일정 형식이 아닙니다. 분 시 일 월 요일의 다섯 칸으로 적어 주세요 (예: 0 10 1 */3 *).",
        "error.too_frequent": "회차 사이는 하루 이상이어야 합니다.",
        "nps_no_answers": "아직 응답이 없습니다.",
        "nps_promoters": "추천 고객", "nps_passives": "중립 고객", "nps_detractors": "비추천 고객",
        "nps_next_round": "다음 회차: %@",
        "nps_next_pending": "일정대로 보내기: 5분 안에 다음 회차가 정해집니다.",
        "nps_inactive": "일정 꺼짐: 직접 보낼 때만 회차가 나갑니다.",
        "nps_send_now": "지금 한 회차 보내기",
        "nps_rounds": "회차", "nps_round": "회차", "nps_asked": "발송", "nps_skipped": "제외", "nps_state": "상태",
        "nps_round_running": "보내는 중", "nps_round_done": "완료",
        "nps_note.mail_not_set_up": "보내지 않음: 메일 또는 공개 주소가 설정되지 않았습니다",
        "nps_note.invalid_audience": "보내지 않음: 대상 조건이 사람 필드와 맞지 않습니다",
        "nps_note.program_deleted": "보내지 않음: 설문이 삭제되었습니다",
        "nps_reasons": "최근 응답 이유",
        "nps_report": "순추천지수 (NPS)",
        "nps_report_hint": "기간 중 응답의 추천 고객(9–10) 비율에서 비추천 고객(0–6) 비율을 뺀 값이며, 각 수치 옆에 응답 수를 표시합니다.",
        "nps_by_program": "설문별",
        "nps_survey_title": "짧은 질문",
        "survey_unsubscribe_title": "설문 수신 거부",
        "survey_unsubscribe_confirm": "이 주소로 설문 메일을 더 이상 받지 않으시겠습니까? 문의하신 건에 대한 답변은 계속 받으실 수 있습니다.",
        "survey_unsubscribe_button": "수신 거부",
        "survey_unsubscribed": "처리되었습니다. 앞으로 설문을 보내 드리지 않습니다.",
    ].merging(stages(CustomerStrings.ko)) { a, _ in a }

    static let ja: [String: String] = [
        "type.nps_programs": "NPSアンケート",
        "type.nps_programs.one": "NPSアンケート",
        "field.on_schedule": "スケジュールどおり送信",
        "field.schedule": "スケジュール (cron)",
        "field.audience_stages": "ライフサイクルステージ",
        "field.audience_tags": "次のいずれかのタグ",
        "field.quiet_days": "同じ人に尋ねる最短間隔（日）",
        "field.subject_name": "推奨の対象",
        "error.invalid_schedule": "スケジュールの形式ではありません。分 時 日 月 曜日の5項目で指定してください（例: 0 10 1 */3 *）。",
        "error.too_frequent": "回の間隔は1日以上必要です。",
        "nps_no_answers": "まだ回答はありません。",
        "nps_promoters": "推奨者", "nps_passives": "中立者", "nps_detractors": "批判者",
        "nps_next_round": "次回: %@",
        "nps_next_pending": "スケジュールどおり送信: 5分以内に次回が設定されます。",
        "nps_inactive": "スケジュール送信オフ: 手動で送信したときだけ送られます。",
        "nps_send_now": "今すぐ1回送信",
        "nps_rounds": "送信回", "nps_round": "回", "nps_asked": "送信", "nps_skipped": "対象外", "nps_state": "状態",
        "nps_round_running": "送信中", "nps_round_done": "完了",
        "nps_note.mail_not_set_up": "未送信: メールまたは公開アドレスが設定されていません",
        "nps_note.invalid_audience": "未送信: 対象の条件が人の項目と合いません",
        "nps_note.program_deleted": "未送信: アンケートが削除されました",
        "nps_reasons": "最近の回答理由",
        "nps_report": "ネット・プロモーター・スコア (NPS)",
        "nps_report_hint": "期間内の回答のうち推奨者（9–10）の割合から批判者（0–6）の割合を引いた値です。各数値の横に回答数を示します。",
        "nps_by_program": "アンケート別",
        "nps_survey_title": "簡単なご質問",
        "survey_unsubscribe_title": "アンケートの配信停止",
        "survey_unsubscribe_confirm": "このアドレスへのアンケートメールを停止しますか？お問い合わせへの返信は引き続き届きます。",
        "survey_unsubscribe_button": "配信を停止する",
        "survey_unsubscribed": "停止しました。今後アンケートはお送りしません。",
    ].merging(stages(CustomerStrings.ja)) { a, _ in a }
}
