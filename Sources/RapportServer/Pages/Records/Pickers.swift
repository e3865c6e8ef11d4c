import Foundation
import RapportKit

/// Choices for language, time zone and currency with the user's likely ones first, instead
/// of free text or an alphabetical list of 400 zones where Seoul comes after Riyadh. Labels
/// are in the reader's language; the lists are built once per page language.
enum Pickers {
    static let likelyLanguages = ["ko", "ja", "en", "zh", "zh-Hant", "vi", "th", "id", "fr", "de", "es", "pt", "it", "ru", "ar", "hi"]
    static let likelyZones = ["Asia/Seoul", "Asia/Tokyo", "UTC", "Asia/Shanghai", "Asia/Taipei", "Asia/Singapore", "America/Los_Angeles", "America/New_York", "Europe/London", "Europe/Berlin"]
    static let likelyCurrencies = ["KRW", "JPY", "USD", "EUR", "CNY", "TWD", "SGD", "GBP"]

    /// The page language's own choice first, then the region's usual ones.
    static func first(for language: String, in list: [String], mine: String?) -> [String] {
        let own: String? = switch list {
        case likelyCurrencies: ["ko": "KRW", "ja": "JPY"][language] ?? "USD"
        case likelyZones: ["ko": "Asia/Seoul", "ja": "Asia/Tokyo"][language]
        default: language
        }
        var out: [String] = []
        for code in [mine, own].compactMap({ $0 }) + list where !out.contains(code) { out.append(code) }
        return out
    }

    static func languages(_ language: String, current: String, mine: String?) -> [(String, String)] {
        let locale = Locale(identifier: language)
        var codes = first(for: language, in: likelyLanguages, mine: mine)
        if !current.isEmpty, !codes.contains(current) { codes.insert(current, at: 0) }
        return codes.map { ($0, locale.localizedString(forIdentifier: $0) ?? $0) }
    }

    static func currencies(_ language: String, mine: String?) -> [String] {
        let likely = first(for: language, in: likelyCurrencies, mine: mine)
        return likely + Currency.all.map(\.code).filter { !likely.contains($0) }
    }

    /// Every zone the system knows, likely ones first, each as "(UTC+09:00) Asia/Seoul ·
    /// Korean Standard Time" in the reader's language.
    static func zones(_ language: String, mine: String?) -> [(String, String)] {
        let labels = zoneLabels[language] ?? zoneLabels["en"]!
        let likely = first(for: language, in: likelyZones, mine: mine)
        let rest = TimeZone.knownTimeZoneIdentifiers.sorted().filter { !likely.contains($0) }
        return (likely + rest).map { ($0, labels[$0] ?? $0) }
    }

    static let zoneLabels: [String: [String: String]] = {
        var out: [String: [String: String]] = [:]
        let now = Date()
        for language in PageStrings.languages {
            let locale = Locale(identifier: language)
            var labels: [String: String] = [:]
            for id in TimeZone.knownTimeZoneIdentifiers {
                guard let zone = TimeZone(identifier: id) else { continue }
                let seconds = zone.secondsFromGMT(for: now)
                let offset = String(format: "UTC%@%02d:%02d", seconds < 0 ? "−" : "+", abs(seconds) / 3600, abs(seconds) % 3600 / 60)
                let name = zone.localizedName(for: .generic, locale: locale)
                labels[id] = "(\(offset)) \(id.replacingOccurrences(of: "_", with: " "))" + (name.map { " · \($0)" } ?? "")
            }
            out[language] = labels
        }
        return out
    }()
}
