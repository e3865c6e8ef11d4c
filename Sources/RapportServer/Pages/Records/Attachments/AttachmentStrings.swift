/// The words of the Attachments panel on every record page.
enum AttachmentStrings: PageStringCatalog {
    static let en: [String: String] = [
        "attachments": "Attachments",
        "no_attachments": "No files yet. Attach a proposal, a contract or meeting notes here.",
        "attachment_choose": "File",
        "attachment_upload": "Attach file",
        "attachment_limit": "Up to %@ per file. Everyone who can see this record can download it.",
        "attachment_delete_confirm": "Delete this file from the record?",
        "attachment_added": "File attached.",
        "attachment_deleted": "File deleted.",
        "attachment_error_too_large": "The file is larger than %@. Choose a smaller file.",
        "attachment_error_empty": "The file is empty. Choose a file with content.",
        "attachment_error_required": "Choose a file to attach.",
        "attachment_error_too_many": "This record holds as many files as it can. Delete one first.",
        "attachment_error_name": "This file name cannot be used. Rename the file and try again.",
        "attachment_error_unreadable": "The upload could not be read. Try again.",
        "attachment_download": "Download",
    ]

    static let ko: [String: String] = [
        "attachments": "첨부 파일",
        "no_attachments": "아직 첨부 파일이 없습니다. 제안서, 계약서, 회의록 등을 여기에 첨부하세요.",
        "attachment_choose": "파일",
        "attachment_upload": "파일 첨부",
        "attachment_limit": "파일당 최대 %@까지 첨부할 수 있습니다. 이 레코드를 볼 수 있는 사람은 누구나 내려받을 수 있습니다.",
        "attachment_delete_confirm": "이 파일을 레코드에서 삭제할까요?",
        "attachment_added": "파일을 첨부했습니다.",
        "attachment_deleted": "파일을 삭제했습니다.",
        "attachment_error_too_large": "파일 크기가 %@를 넘습니다. 더 작은 파일을 선택하세요.",
        "attachment_error_empty": "빈 파일입니다. 내용이 있는 파일을 선택하세요.",
        "attachment_error_required": "첨부할 파일을 선택하세요.",
        "attachment_error_too_many": "이 레코드에 첨부할 수 있는 파일 수를 모두 채웠습니다. 먼저 파일을 삭제하세요.",
        "attachment_error_name": "사용할 수 없는 파일 이름입니다. 파일 이름을 바꾼 뒤 다시 시도하세요.",
        "attachment_error_unreadable": "업로드한 내용을 읽지 못했습니다. 다시 시도하세요.",
        "attachment_download": "내려받기",
    ]

    static let ja: [String: String] = [
        "attachments": "添付ファイル",
        "no_attachments": "添付ファイルはまだありません。提案書、契約書、議事録などをここに添付できます。",
        "attachment_choose": "ファイル",
        "attachment_upload": "ファイルを添付",
        "attachment_limit": "1ファイルあたり最大%@まで。このレコードを閲覧できる人は誰でもダウンロードできます。",
        "attachment_delete_confirm": "このファイルをレコードから削除しますか？",
        "attachment_added": "ファイルを添付しました。",
        "attachment_deleted": "ファイルを削除しました。",
        "attachment_error_too_large": "ファイルが%@を超えています。より小さいファイルを選択してください。",
        "attachment_error_empty": "ファイルが空です。内容のあるファイルを選択してください。",
        "attachment_error_required": "添付するファイルを選択してください。",
        "attachment_error_too_many": "このレコードに添付できるファイル数の上限に達しています。先にファイルを削除してください。",
        "attachment_error_name": "このファイル名は使用できません。名前を変更してもう一度お試しください。",
        "attachment_error_unreadable": "アップロードを読み取れませんでした。もう一度お試しください。",
        "attachment_download": "ダウンロード",
    ]
}
