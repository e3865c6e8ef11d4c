import Foundation
import RapportKit

extension PageUser {
    /// A lost reason in the reader's language: the default list's names are translated,
    /// names an admin typed and the rep's own words after them stay as written.
    func lostReasonLabel(_ stored: String, names: [String]) -> String {
        guard let (name, text) = LostReasons.split(stored, names: names) else { return stored }
        let label = strings["lost_reason." + name.lowercased()] ?? name
        return text.map { label + ": " + $0 } ?? label
    }

    /// "3d" for a deal three days in its stage, in the reader's language.
    func daysInStage(_ days: Int) -> String {
        t("days_in_stage_short").replacingOccurrences(of: "%d", with: String(days))
    }

    /// Today in the reader's time zone (`yyyy-MM-dd`).
    func today(_ now: Date) -> String { DealAging.today(now, in: timeZone) }

    /// Up to two letters for an owner's badge: the first letters of the first and last
    /// word of a Latin name ("AL"), the first character of a Korean or Japanese one.
    static func initials(_ name: String) -> String {
        let words = name.split(whereSeparator: \.isWhitespace)
        guard let first = words.first?.first else { return "" }
        guard first.isASCII || first.isLetter && first.unicodeScalars.first.map({ $0.value < 0x2E80 }) == true else { return String(first) }
        let last = words.count > 1 ? words.last?.first.map(String.init) ?? "" : ""
        return (String(first) + last).uppercased()
    }
}
