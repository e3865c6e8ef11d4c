import RapportKit

/// One row of `mail_messages` as the API, the pages and the send job read it. The raw
/// bytes stay in the table: they are the send job's, not a reader's.
public struct MailRecord: Sendable, Equatable {
    /// Where a message is in its delivery. `sending` lasts from a claim to the relay's
    /// answer; a row left there by a stopped instance is sent again (see ``MailOutbox``).
    public enum State: String, Sendable, CaseIterable {
        case queued, sending, sent, failed, bounced
        /// Received mail: taken into a ticket, or kept without one (an auto-reply, a bounce).
        case received, ignored
    }

    public var id: String
    public var direction: String
    public var messageID: String
    public var fromName: String?
    public var fromAddress: String
    public var to: [String]
    public var cc: [String]
    public var subject: String?
    public var textBody: String?
    public var rawSize: Int
    public var state: State
    public var attempts: Int
    public var lastError: String?
    public var serverReply: String?
    public var createdBy: String?
    public var createdAt: String
    public var updatedAt: String
    public var sentAt: String?

    static let columns = """
        id, direction, message_id, from_name, from_address, to_addresses, cc_addresses, subject, text_body, raw_size, state, attempts,
        last_error, server_reply, created_by, created_at, updated_at, sent_at
        """

    init(row: Row) {
        func list(_ column: String) -> [String] {
            (row.text(column).flatMap { try? JSONValue.parse($0) }?.arrayValue ?? []).compactMap(\.stringValue)
        }
        id = row.text("id") ?? ""
        direction = row.text("direction") ?? ""
        messageID = row.text("message_id") ?? ""
        fromName = row.text("from_name")
        fromAddress = row.text("from_address") ?? ""
        to = list("to_addresses")
        cc = list("cc_addresses")
        subject = row.text("subject")
        textBody = row.text("text_body")
        rawSize = Int(row.int("raw_size") ?? 0)
        state = State(rawValue: row.text("state") ?? "") ?? .queued
        attempts = Int(row.int("attempts") ?? 0)
        lastError = row.text("last_error")
        serverReply = row.text("server_reply")
        createdBy = row.text("created_by")
        createdAt = row.text("created_at") ?? ""
        updatedAt = row.text("updated_at") ?? ""
        sentAt = row.text("sent_at")
    }

    public var json: JSONObject {
        let str = { (s: String?) in s.map(JSONValue.string) ?? .null }
        return JSONObject([
            ("id", .string(id)), ("direction", .string(direction)), ("message_id", .string(messageID)), ("from_name", str(fromName)),
            ("from_address", .string(fromAddress)), ("to", .array(to.map(JSONValue.string))), ("cc", .array(cc.map(JSONValue.string))),
            ("subject", str(subject)), ("text", str(textBody)), ("raw_size", .number(String(rawSize))), ("state", .string(state.rawValue)),
            ("attempts", .number(String(attempts))), ("last_error", str(lastError)), ("server_reply", str(serverReply)),
            ("created_by", str(createdBy)), ("created_at", .string(createdAt)), ("updated_at", .string(updatedAt)), ("sent_at", str(sentAt)),
        ])
    }
}
