/// Whether and how the desk asks requesters about a solved ticket. `publicURL` is the
/// address requesters open the survey at (the server's address as the internet sees it):
/// without it there is no link to send, so surveys stay off whatever `enabled` says.
public struct SatisfactionSettings: Sendable, Equatable {
    public var enabled: Bool
    public var scale: SurveyScale
    /// Minutes after the solve; a ticket reopened meanwhile is not asked about.
    public var delayMinutes: Int
    public var publicURL: String?

    public static let maximumDelayMinutes = 30 * 24 * 60
    public static let fieldNames = ["enabled", "scale", "delay_minutes", "public_url"]

    public init(enabled: Bool = false, scale: SurveyScale = .goodBad, delayMinutes: Int = 60, publicURL: String? = nil) {
        self.enabled = enabled
        self.scale = scale
        self.delayMinutes = delayMinutes
        self.publicURL = publicURL
    }

    /// Surveys go out only with somewhere to answer them.
    public var sends: Bool { enabled && publicURL != nil }

    public var json: JSONObject {
        JSONObject([("enabled", .bool(enabled)), ("scale", .string(scale.rawValue)), ("delay_minutes", .number(String(delayMinutes))),
                    ("public_url", publicURL.map(JSONValue.string) ?? .null)])
    }

    /// Reads a form or API body over `current`: fields left out keep their values. Every
    /// wrong field is named at once.
    public static func parse(_ body: JSONObject, over current: SatisfactionSettings) -> Result<SatisfactionSettings, RecordError> {
        var out = current
        var errors: [FieldError] = []
        for key in body.keys where !fieldNames.contains(key) {
            errors.append(FieldError(field: key, code: "unknown_field", message: "Not a satisfaction setting."))
        }
        if let v = body["enabled"] {
            if let b = v.boolValue { out.enabled = b } else if let s = v.stringValue, ["true", "on", "1", "false", "off", "0"].contains(s) {
                out.enabled = ["true", "on", "1"].contains(s)
            } else { errors.append(FieldError(field: "enabled", code: "invalid", message: "Expected true or false.")) }
        }
        if let v = body["scale"] {
            if let s = v.stringValue.flatMap(SurveyScale.init(rawValue:)), SurveyScale.satisfaction.contains(s) { out.scale = s } else {
                errors.append(FieldError(field: "scale", code: "invalid_choice", message: "Expected good_bad or five."))
            }
        }
        if let v = body["delay_minutes"] {
            let n: Int? = v.numberLiteral.flatMap { Int($0) } ?? v.stringValue.flatMap { Int($0.trimmedWhitespace) }
            if let n, (0...maximumDelayMinutes).contains(n) { out.delayMinutes = n } else {
                errors.append(FieldError(field: "delay_minutes", code: "out_of_range", message: "Expected whole minutes from 0 to \(maximumDelayMinutes)."))
            }
        }
        if let v = body["public_url"] {
            let text = v.stringValue?.trimmedWhitespace ?? ""
            if v.isNull || text.isEmpty { out.publicURL = nil } else if let url = canonicalURL(text) { out.publicURL = url } else {
                errors.append(FieldError(field: "public_url", code: "invalid_url", message: "Expected an http or https address such as https://desk.example.com."))
            }
        }
        return errors.isEmpty ? .success(out) : .failure(.invalid(errors))
    }

    /// `https://desk.example.com/` → `https://desk.example.com`: scheme and host, an
    /// optional port and path, no query, fragment or credentials, at most 300 characters.
    public static func canonicalURL(_ text: String) -> String? {
        guard text.count <= 300, !text.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } == true }) else { return nil }
        let lower = text.lowercased()
        guard let scheme = ["https://", "http://"].first(where: { lower.hasPrefix($0) }) else { return nil }
        let rest = text.dropFirst(scheme.count)
        let authority = rest.prefix { $0 != "/" }
        guard !authority.isEmpty, !authority.contains("@"), !rest.contains("?"), !rest.contains("#") else { return nil }
        let host = authority.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard let name = host.first, !name.isEmpty,
              name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }) else { return nil }
        if host.count == 2 { guard let port = Int(host[1]), (1...65535).contains(port) else { return nil } }
        var out = scheme + rest
        while out.hasSuffix("/") { out.removeLast() }
        return out
    }
}
