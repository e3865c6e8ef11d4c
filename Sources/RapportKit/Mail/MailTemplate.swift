/// A message written once and filled per record: `{{person.name}}` takes the record's
/// value, and `{{person.name|고객님}}` says what to write when the record has none, so a
/// greeting never reads "Dear ," in any language.
///
/// Only names listed in `values` are fields; anything else in double braces stays as
/// written, so a typo shows in the preview instead of silently vanishing.
public enum MailTemplate {
    /// The fields a template may use, as the compose page lists them.
    public static let fields = ["person.name", "organization.name", "deal.name", "user.name"]

    /// `fields` are the names this template may use (a ticket macro's list is longer).
    public static func render(_ template: String, values: [String: String], fields: [String] = fields) -> String {
        var out = ""
        var rest = Substring(template)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            let after = rest[open.upperBound...]
            guard let close = after.range(of: "}}") else {
                out += rest[open.lowerBound...]
                return out
            }
            let inner = after[..<close.lowerBound]
            let parts = inner.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
            let name = parts[0].trimmedWhitespace
            if fields.contains(name) {
                let value = values[name]?.trimmedWhitespace ?? ""
                let fallback = parts.count > 1 ? parts[1].trimmedWhitespace : ""
                out += value.isEmpty ? fallback : value
            } else {
                out += rest[open.lowerBound..<close.upperBound]
            }
            rest = after[close.upperBound...]
        }
        out += rest
        return out
    }
}
