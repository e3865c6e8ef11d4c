import Foundation

/// Every word the pages show, per language. Templates hold no text of their own, so a
/// missing key is a test failure rather than English left on a Korean page.
enum PageStrings {
    static let languages = ["en", "ko", "ja"]
    /// Each language by its own name, for the switches.
    static let languageNames = [("en", "English"), ("ko", "한국어"), ("ja", "日本語")]

    /// Each domain's table, beside its pages. A new domain adds its table here; a key
    /// defined by two tables is a test failure, so no table silently shadows another.
    static let tables: [any PageStringCatalog.Type] = [
        ShellStrings.self, AccountStrings.self, WorkspaceStrings.self, RecordStrings.self,
        CustomerStrings.self, SalesStrings.self, SettingsStrings.self, JobStrings.self, CompanyStrings.self,
        AttachmentStrings.self,
        BoardStrings.self,
        QuoteStrings.self,
        DataStrings.self,
        ReportStrings.self,
        ForgotPasswordStrings.self, InlineEditStrings.self,
        ComposeStrings.self,
        MailStrings.self,
        ParentStrings.self,
        ServiceStrings.self,
        ServiceLevelStrings.self,
        PortalStrings.self,
        MarketingStrings.self,
        PartnerStrings.self,
    ]

    /// Every page string per language, all tables merged.
    static let catalogs: [String: [String: String]] = {
        var out: [String: [String: String]] = [:]
        for language in languages {
            var merged: [String: String] = [:]
            for table in tables { merged.merge(table.strings(language)) { first, _ in first } }
            out[language] = merged
        }
        return out
    }()

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
