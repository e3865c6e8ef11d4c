/// One domain's words in every page language. Each domain keeps its table beside its pages
/// and registers it in `PageStrings.tables`; templates hold no text of their own.
protocol PageStringCatalog {
    static var en: [String: String] { get }
    static var ko: [String: String] { get }
    static var ja: [String: String] { get }
}

extension PageStringCatalog {
    static func strings(_ language: String) -> [String: String] {
        switch language {
        case "ko": ko
        case "ja": ja
        default: en
        }
    }
}
