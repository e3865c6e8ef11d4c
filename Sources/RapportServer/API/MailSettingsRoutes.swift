import Hummingbird
import RapportKit
import RapportMail
import RapportStore

/// `/api/v1/settings/mail` and the outbox's messages: the relay Rapport sends through,
/// which only admins read or change (it names the relay's account), a test message to
/// prove it works, and a message's delivery state.
struct MailSettingsRoutes {
    let outbox: MailOutbox

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get("settings/mail", use: read)
        group.put("settings/mail", use: replace)
        group.post("settings/mail/test", use: sendTest)
        group.get("mail/messages/:id", use: message)
    }

    /// The settings without the password: `has_password` says whether one is stored.
    static func body(_ settings: MailRelaySettings?) -> JSONValue {
        guard let settings else { return .object(JSONObject([("configured", .bool(false))])) }
        var json = settings.json
        json["configured"] = .bool(true)
        return .object(json)
    }

    @Sendable func read(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.requireAdmin("read the mail settings")
        return .json(Self.body(try await outbox.settings.settings()))
    }

    /// A full replacement: a `password` left out keeps the stored one, `null` clears it.
    @Sendable func replace(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.requireAdmin("change the mail settings")
        let body = try await request.jsonObject(context: context)
        return .json(Self.body(try await outbox.settings.replace(body, actor: context.actor)))
    }

    /// Queues a short message to `to` through the saved relay; its state is then read at
    /// `/api/v1/mail/messages/{id}`.
    @Sendable func sendTest(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.requireAdmin("send a test message")
        let body = try await request.jsonObject(context: context)
        if let unknown = body.keys.first(where: { $0 != "to" }) {
            throw RecordError.invalid([FieldError(field: unknown, code: "unknown_field", message: "A test message takes only to.")])
        }
        guard let to = body["to"]?.stringValue?.trimmedWhitespace, let address = Email.normalize(to) else {
            throw RecordError.invalid([FieldError(field: "to", code: "invalid_email", message: "The address to send the test message to.")])
        }
        let record = try await outbox.enqueue(MailTestMessage.draft(to: address), actor: context.actor)
        return .json(.object(record.json), status: .accepted)
    }

    /// Admins read every message; anyone else only the ones they sent.
    @Sendable func message(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = context.parameters.get("id") ?? ""
        guard let record = try await outbox.message(id: id),
              context.viewer?.role.isAdmin == true || (record.createdBy != nil && record.createdBy == context.actor.userID) else {
            throw RecordError.notFound(type: "mail_messages", id: id)
        }
        return .json(.object(record.json))
    }
}

/// The message the "send test message" button sends, in the three page languages at once,
/// since its reader's language is unknown.
enum MailTestMessage {
    static func draft(to address: String) -> MailOutbox.Draft {
        MailOutbox.Draft(
            to: [MailAddress(address: address)], subject: "Rapport test message / 테스트 메일 / テストメール",
            text: """
                This message was sent from Rapport's mail settings to check the relay.
                Rapport 메일 설정에서 릴레이를 확인하려고 보낸 메일입니다.
                Rapport のメール設定から、リレーを確認するために送信したメールです。
                """)
    }
}
