/// The words of the Settings → Company page and of the seller block on a printed quote.
enum CompanyStrings: PageStringCatalog {
    static let en: [String: String] = [
        "company_title": "Company", "company_legend": "The seller printed on quotes and orders", "company_save": "Save company",
        "company_saved": "Company settings saved.", "company_setting": "Setting", "company_value": "Value",
        "field.legal_name": "Legal name", "field.tax_number": "Tax registration number",
    ]

    static let ko: [String: String] = [
        "company_title": "회사 정보", "company_legend": "견적서와 주문서에 표시되는 판매자", "company_save": "회사 정보 저장",
        "company_saved": "회사 정보를 저장했습니다.", "company_setting": "항목", "company_value": "값",
        "field.legal_name": "법인명", "field.tax_number": "사업자등록번호",
    ]

    static let ja: [String: String] = [
        "company_title": "会社情報", "company_legend": "見積書と注文書に記載する売り手", "company_save": "会社情報を保存",
        "company_saved": "会社情報を保存しました。", "company_setting": "項目", "company_value": "値",
        "field.legal_name": "正式名称", "field.tax_number": "登録番号",
    ]
}
