/// The words of the Settings → Jobs page.
enum JobStrings: PageStringCatalog {
    static let en: [String: String] = [
        "jobs_title": "Background jobs", "job_kind": "Kind", "job_state": "State", "job_attempts": "Attempts", "job_run_at": "Runs at",
        "job_schedule": "Schedule", "job_progress": "Progress", "job_error": "Last error", "job_retry": "Run again", "job_cancel": "Cancel job",
        "job_state_queued": "Queued", "job_state_running": "Running", "job_state_succeeded": "Done", "job_state_dead": "Failed for good",
        "job_state_cancelled": "Cancelled",
    ]

    static let ko: [String: String] = [
        "jobs_title": "백그라운드 작업", "job_kind": "종류", "job_state": "상태", "job_attempts": "시도", "job_run_at": "실행 시각",
        "job_schedule": "일정", "job_progress": "진행", "job_error": "마지막 오류", "job_retry": "다시 실행", "job_cancel": "작업 취소",
        "job_state_queued": "대기 중", "job_state_running": "실행 중", "job_state_succeeded": "완료", "job_state_dead": "최종 실패",
        "job_state_cancelled": "취소됨",
    ]

    static let ja: [String: String] = [
        "jobs_title": "バックグラウンドジョブ", "job_kind": "種類", "job_state": "状態", "job_attempts": "試行", "job_run_at": "実行時刻",
        "job_schedule": "スケジュール", "job_progress": "進捗", "job_error": "直近のエラー", "job_retry": "再実行", "job_cancel": "ジョブを取り消す",
        "job_state_queued": "待機中", "job_state_running": "実行中", "job_state_succeeded": "完了", "job_state_dead": "最終失敗",
        "job_state_cancelled": "取り消し済み",
    ]
}
