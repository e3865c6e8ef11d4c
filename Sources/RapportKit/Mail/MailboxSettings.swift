/// A group's IMAP mailbox: where the fetcher reads the group's mail when no MTA hands it
/// over (a hosted mailbox such as Google Workspace or Microsoft 365). Host, port, security
/// and credentials follow the relay's rules (``MailRelaySettings``), with a username always
/// required; the folder is printable ASCII (`INBOX` unless set).
public struct MailboxSettings: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var security: MailRelaySettings.Security
    public var username: String
    public var folder: String
    public var enabled: Bool
    public var hasPassword: Bool

    public init(host: String, port: Int, security: MailRelaySettings.Security, username: String, folder: String = "INBOX", enabled: Bool = true, hasPassword: Bool) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.folder = folder
        self.enabled = enabled
        self.hasPassword = hasPassword
    }

    public static let fieldNames = ["host", "port", "security", "username", "password", "folder", "enabled"]

    /// What an API answer and the audit show; never the password.
    public var json: JSONObject {
        JSONObject([
            ("host", .string(host)), ("port", .number(String(port))), ("security", .string(security.rawValue)), ("username", .string(username)),
            ("folder", .string(folder)), ("enabled", .bool(enabled)), ("has_password", .bool(hasPassword)),
        ])
    }

    /// Where the mark of what was read must start again: another server, account or folder.
    public func readsSameMailbox(as other: MailboxSettings) -> Bool {
        host == other.host && port == other.port && username == other.username && folder == other.folder
    }

    public static func parse(_ body: JSONObject, storedPassword: Bool) -> Result<(MailboxSettings, MailRelaySettings.PasswordChange), RecordError> {
        var errors: [FieldError] = []
        for key in body.keys where !fieldNames.contains(key) {
            errors.append(FieldError(field: key, code: "unknown_field", message: "A mailbox has \(fieldNames.joined(separator: ", "))."))
        }
        // The connection's fields are checked exactly as the relay's are.
        var connection = JSONObject()
        for key in ["host", "port", "security", "username", "password"] { if let v = body[key] { connection[key] = v } }
        connection["from_address"] = .string("mailbox@rapport.invalid")
        var parsed: (MailRelaySettings, MailRelaySettings.PasswordChange)?
        switch MailRelaySettings.parse(connection, storedPassword: storedPassword) {
        case .success(let p): parsed = p
        case .failure(let error):
            if case .invalid(let list) = error { errors += list } else { return .failure(error) }
        }
        if parsed != nil, parsed?.0.username == nil {
            errors.append(FieldError(field: "username", code: "required", message: "The mailbox's username is required."))
        }
        var folder = "INBOX"
        switch body["folder"] {
        case nil, .some(.null): break
        case .some(.string(let text)):
            let trimmed = text.trimmedWhitespace
            if !trimmed.isEmpty { folder = trimmed }
            if folder.count > 200 || !folder.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }) {
                errors.append(FieldError(field: "folder", code: "invalid_folder", message: "A folder name in printable ASCII without quotes or backslashes, such as INBOX."))
            }
        default: errors.append(FieldError(field: "folder", code: "invalid_type", message: "Expected text."))
        }
        var enabled = true
        switch body["enabled"] {
        case nil, .some(.null): break
        case .some(.bool(let b)): enabled = b
        default: errors.append(FieldError(field: "enabled", code: "invalid_type", message: "Expected true or false."))
        }
        guard errors.isEmpty, let (relay, change) = parsed, let username = relay.username else { return .failure(.invalid(errors)) }
        let settings = MailboxSettings(host: relay.host, port: relay.port, security: relay.security, username: username, folder: folder, enabled: enabled,
                                       hasPassword: relay.hasPassword)
        return .success((settings, change))
    }
}
