import RapportKit
import Testing

/// The import page's first guess of the mapping, from headers as real exports write them.
@Suite("dataui: guessing import columns from headers")
struct ImportColumnGuessTests {
    /// People's fields with their labels in the three page languages, as the page passes them.
    static let people: [ImportColumnGuess.Candidate] = [
        .init(field: "display_name", words: ["display_name", "Display name", "표시 이름", "表示名"]),
        .init(field: "family_name", words: ["family_name", "Family name", "성", "姓"]),
        .init(field: "given_name", words: ["given_name", "Given name", "이름", "名"]),
        .init(field: "name_reading", words: ["name_reading", "Name reading", "읽는 법 (후리가나)", "フリガナ"]),
        .init(field: "emails", words: ["emails", "Email addresses", "이메일", "メールアドレス"]),
        .init(field: "phones", words: ["phones", "Phone numbers", "전화번호", "電話番号"]),
        .init(field: "organization_id", words: ["organization_id", "Organization", "회사", "会社"]),
        .init(field: "job_title", words: ["job_title", "Job title", "직함", "役職"]),
        .init(field: "tags", words: ["tags", "Tags", "태그", "タグ"]),
    ]

    @Test("HubSpot's contact export headers")
    func hubSpotExport() {
        let headers = ["First Name", "Last Name", "Email", "Phone Number", "Company Name", "Job Title", "Record ID"]
        #expect(ImportColumnGuess.guess(headers: headers, candidates: Self.people)
            == ["given_name", "family_name", "emails", "phones", "organization_id", "job_title", nil])
    }

    @Test("Korean headers of an address-book export")
    func korean() {
        let headers = ["성", "이름", "이메일", "휴대폰", "회사명", "직책", "메모"]
        #expect(ImportColumnGuess.guess(headers: headers, candidates: Self.people)
            == ["family_name", "given_name", "emails", "phones", "organization_id", "job_title", nil])
    }

    @Test("Japanese headers of a business-card export, full-width letters included")
    func japanese() {
        let headers = ["会社名", "役職", "姓", "名", "フリガナ", "メール", "電話番号", "ＴＡＧ"]
        #expect(ImportColumnGuess.guess(headers: headers, candidates: Self.people)
            == ["organization_id", "job_title", "family_name", "given_name", "name_reading", "emails", "phones", "tags"])
    }

    @Test("E-mail, the field's own name and a plural's singular")
    func spellings() {
        #expect(ImportColumnGuess.guess(headers: ["E-mail"], candidates: Self.people) == ["emails"])
        #expect(ImportColumnGuess.guess(headers: ["emails"], candidates: Self.people) == ["emails"])
        #expect(ImportColumnGuess.guess(headers: ["Ｅメール"], candidates: Self.people) == ["emails"])
        #expect(ImportColumnGuess.guess(headers: ["\u{FEFF}Email"], candidates: Self.people) == ["emails"])
    }

    @Test("A field is proposed for one column only, the closest")
    func oneColumnPerField() {
        // "Email" is the field's word exactly; "Mail" only a common one: both score, one wins.
        #expect(ImportColumnGuess.guess(headers: ["Work email", "Email", "E-mail"], candidates: Self.people) == [nil, "emails", nil])
        #expect(ImportColumnGuess.guess(headers: ["", "   "], candidates: Self.people) == [nil, nil])
    }
}
