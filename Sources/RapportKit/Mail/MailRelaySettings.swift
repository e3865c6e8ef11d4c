/// The relay Rapport hands its mail to, and the sender it writes in `From`: one settings
/// record an admin keeps. The password is not part of it: it is write-only, stored sealed
/// with the field key, and only ``hasPassword`` is ever shown back.
public struct MailRelaySettings: Sendable, Equatable {
    /// How the connection to the relay is protected.
    public enum Security: String, Sendable, CaseIterable {
        /// A plain connection upgraded with STARTTLS, which the relay must offer (port 587).
        case starttls
        /// TLS from the first byte (port 465).
        case tls
        /// No TLS: only for a relay on this host or network, chosen explicitly, and then
        /// without credentials, which would travel in the clear.
        case none
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var fromName: String?
    public var fromAddress: String
    public var hasPassword: Bool

    public init(host: String, port: Int, security: Security, username: String? = nil, fromName: String? = nil, fromAddress: String, hasPassword: Bool = false) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.fromName = fromName
        self.fromAddress = fromAddress
        self.hasPassword = hasPassword
    }

    /// What a save does to the stored password: an omitted one stays, so an admin who
    /// changes the port need not type it again.
    public enum PasswordChange: Sendable, Equatable {
        case keep
        case set(String)
        case clear
    }

    /// The fields a save may name, in the order the page shows them.
    public static let fieldNames = ["host", "port", "security", "username", "password", "from_name", "from_address"]

    /// The API's form; the password never appears, only whether one is stored.
    public var json: JSONObject {
        func v(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
        return JSONObject([
            ("host", .string(host)), ("port", .number(String(port))), ("security", .string(security.rawValue)),
            ("username", v(username)), ("has_password", .bool(hasPassword)), ("from_name", v(fromName)), ("from_address", .string(fromAddress)),
        ])
    }

    /// A full replacement (the password aside), or every field that is wrong. `storedPassword`
    /// says whether a password is kept from before, so a username without any password is
    /// refused while one already stored counts.
    public static func parse(_ body: JSONObject, storedPassword: Bool) -> Result<(MailRelaySettings, PasswordChange), RecordError> {
        var errors: [FieldError] = []
        func fail(_ field: String, _ code: String, _ message: String) { errors.append(FieldError(field: field, code: code, message: message)) }
        for key in body.keys where !fieldNames.contains(key) {
            fail(key, "unknown_field", "Mail settings have \(fieldNames.joined(separator: ", ")).")
        }
        /// A one-line text value: nil when absent, null or blank.
        func line(_ field: String, max: Int) -> String? {
            guard let value = body[field], !value.isNull else { return nil }
            guard let text = value.stringValue else { fail(field, "invalid_type", "Expected text."); return nil }
            let trimmed = text.trimmedWhitespace
            if trimmed.isEmpty { return nil }
            if trimmed.unicodeScalars.contains(where: { $0.value < 32 || $0.value == 127 }) {
                fail(field, "invalid_text", "Line breaks and control characters are not allowed."); return nil
            }
            if trimmed.count > max { fail(field, "too_long", "At most \(max) characters."); return nil }
            return trimmed
        }

        let host = line("host", max: 253)?.lowercased()
        if let host {
            if !Self.isHostName(host) { fail("host", "invalid_host", "A host name such as smtp.example.com, or an IP address.") }
        } else if !errors.contains(where: { $0.field == "host" }) {
            fail("host", "required", "The relay's host name is required.")
        }

        var port: Int?
        switch body["port"] {
        case nil, .some(.null): fail("port", "required", "The relay's port is required, such as 587 or 465.")
        case .some(.number(let literal)): port = Int(literal)
        case .some(.string(let text)): port = Int(text.trimmedWhitespace)
        default: break
        }
        if body["port"] != nil, body["port"]?.isNull == false, !(port.map { (1...65_535).contains($0) } ?? false) {
            fail("port", "invalid_port", "A port from 1 to 65535, such as 587 or 465.")
            port = nil
        }

        var security: Security?
        if let text = line("security", max: 20) {
            security = Security(rawValue: text.lowercased())
            if security == nil { fail("security", "invalid_choice", "One of starttls, tls or none.") }
        } else if !errors.contains(where: { $0.field == "security" }) {
            fail("security", "required", "Choose starttls, tls or none.")
        }

        let username = line("username", max: 200)
        var change = PasswordChange.keep
        switch body["password"] {
        case nil: break
        case .some(.null): change = .clear
        case .some(.string(let text)):
            if text.isEmpty { change = .keep }
            else if text.unicodeScalars.contains(where: { $0.value < 32 || $0.value == 127 }) { fail("password", "invalid_text", "Line breaks and control characters are not allowed.") }
            else if text.count > 500 { fail("password", "too_long", "At most 500 characters.") }
            else { change = .set(text) }
        default: fail("password", "invalid_type", "Expected text.")
        }
        let willHavePassword: Bool = switch change {
        case .keep: storedPassword
        case .set: true
        case .clear: false
        }
        if username != nil, !willHavePassword, !errors.contains(where: { $0.field == "password" }) {
            fail("password", "required", "A username needs its password.")
        }
        if username == nil, case .set = change {
            fail("username", "required", "A password needs its username.")
        }
        if security == Security.none, username != nil {
            fail("security", "credentials_in_clear", "A relay that asks for a username and password needs starttls or tls.")
        }

        let fromName = line("from_name", max: 200)
        var fromAddress: String?
        if let text = line("from_address", max: 254) {
            fromAddress = Email.normalize(text)
            if fromAddress == nil { fail("from_address", "invalid_email", "'\(text)' is not a valid email address.") }
        } else if !errors.contains(where: { $0.field == "from_address" }) {
            fail("from_address", "required", "The address mail is sent from is required.")
        }

        guard errors.isEmpty, let host, let port, let security, let fromAddress else { return .failure(.invalid(errors)) }
        let settings = MailRelaySettings(host: host, port: port, security: security, username: username, fromName: fromName,
                                         fromAddress: fromAddress, hasPassword: willHavePassword)
        return .success((settings, change))
    }

    /// A DNS name of letters, digits and hyphens in dot-separated labels, an IPv4 address,
    /// or an IPv6 address in brackets or bare.
    static func isHostName(_ host: String) -> Bool {
        let scalars = host.unicodeScalars
        if scalars.contains(":") {
            let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
            return !bare.isEmpty && bare.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) || $0 == ":" || $0 == "." }
        }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        return !labels.isEmpty && labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        }
    }
}
