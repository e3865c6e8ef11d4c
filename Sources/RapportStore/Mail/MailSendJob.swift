import Foundation
import NIOSSL
import RapportKit
import RapportMail

/// Hands one queued message to the relay: claims the row, sends its stored bytes through
/// ``SMTPClient``, and records the relay's answer. A transient failure (a 4xx reply, no
/// connection, a timeout) puts the message back in the queue and fails the job, which the
/// runner retries with backoff; a permanent one (5xx, a refused certificate, a message
/// too large) marks it failed with the relay's words and ends the job. See ``MailOutbox``
/// for what "once" means here.
public struct MailSendJob: JobHandler {
    public static let kind = "mail.send"
    let outbox: MailOutbox
    let trustRoots: [NIOSSLCertificate]
    let timeouts: SMTPConfiguration.Timeouts

    /// `trustRootFiles` are PEM files of certificates to trust besides the system's, for a
    /// relay with a private CA.
    public init(outbox: MailOutbox, trustRootFiles: [String] = [], timeouts: SMTPConfiguration.Timeouts = SMTPConfiguration.Timeouts()) throws {
        self.outbox = outbox
        self.trustRoots = try trustRootFiles.flatMap { try NIOSSLCertificate.fromPEMFile($0) }
        self.timeouts = timeouts
    }

    /// A transient failure: the message waits in the queue for the job's next attempt.
    struct Deferred: Error, CustomStringConvertible {
        var description: String
    }

    static let resentNote = "The previous attempt stopped before the relay's answer was recorded; sent again with the same Message-ID."

    private struct Claimed: Sendable {
        var resent: Bool
        var raw: [UInt8]
        var from: String
        var recipients: [String]
        var configuration: SMTPConfiguration
    }

    public func run(_ job: JobContext) async throws {
        guard let id = job.payload["mail_id"]?.stringValue else { return }
        let claim = "\(job.worker)/\(job.id)/\(job.attempt)"
        let settings = outbox.settings
        let trustRoots = self.trustRoots, timeouts = self.timeouts
        let claimed: Claimed? = try await outbox.db.transaction { s in
            let lock = s.dialect == .postgres ? " FOR UPDATE" : ""
            guard let row = try await s.query("""
                SELECT state, raw, from_address, to_addresses, cc_addresses FROM mail_messages WHERE id = \(id) AND direction = 'outbound'\(raw: lock)
                """).first, let state = row.text("state").flatMap(MailRecord.State.init(rawValue:)) else { return nil }
            guard state == .queued || state == .sending else { return nil }
            guard let credentials = try await settings.credentials(s) else {
                throw Deferred(description: "Mail is not set up: no relay to send through.")
            }
            let (relay, password) = credentials
            let note: String? = state == .sending ? Self.resentNote : nil
            try await s.execute("""
                UPDATE mail_messages SET state = 'sending', attempts = attempts + 1, send_claim = \(claim), last_error = COALESCE(\(note), last_error),
                updated_at = \(Timestamp.format(millisecondsSince1970: job.now)) WHERE id = \(id)
                """)
            let list = { (column: String) in (row.text(column).flatMap { try? JSONValue.parse($0) }?.arrayValue ?? []).compactMap(\.stringValue) }
            let security: SMTPConfiguration.Security = switch relay.security {
            case .starttls: .startTLS
            case .tls: .implicitTLS
            case .none: .none
            }
            let helo = relay.fromAddress.split(separator: "@").last.map(String.init) ?? "localhost"
            let configuration = SMTPConfiguration(host: relay.host, port: relay.port, security: security, username: relay.username,
                                                  password: relay.username == nil ? nil : password, heloName: helo,
                                                  additionalTrustRoots: trustRoots, timeouts: timeouts)
            return Claimed(resent: state == .sending, raw: Array((row.text("raw") ?? "").utf8), from: row.text("from_address") ?? "",
                           recipients: list("to_addresses") + list("cc_addresses"), configuration: configuration)
        }
        guard let claimed else { return }
        let delivery: SMTPClient.Delivery
        do {
            delivery = try await SMTPClient(configuration: claimed.configuration).send(claimed.raw, from: claimed.from, to: claimed.recipients)
        } catch let error as SMTPError {
            let retry = error.isTransient && job.attempt < job.job.maxAttempts
            try await record(id, claim: claim, state: retry ? .queued : .failed, error: error.description, reply: nil, at: job.now)
            if retry { throw Deferred(description: error.description) }
            job.logger.warning("Mail refused for good", metadata: ["mail_id": "\(id)", "error": "\(error.description)"])
            return
        }
        let refused = delivery.refused.map { "\($0.recipient): \($0.reply)" }.joined(separator: "; ")
        let note = refused.isEmpty ? (claimed.resent ? Self.resentNote : nil) : "Refused: " + refused
        try await record(id, claim: claim, state: .sent, error: note, reply: delivery.reply.description, at: job.now)
    }

    /// Records an attempt's outcome if this attempt still holds the message's claim.
    private func record(_ id: String, claim: String, state: MailRecord.State, error: String?, reply: String?, at now: Int64) async throws {
        let stamp = Timestamp.format(millisecondsSince1970: now)
        try await outbox.db.transaction { s in
            try await s.execute("""
                UPDATE mail_messages SET state = \(state.rawValue), last_error = \(error.map { String($0.prefix(2000)) }), server_reply = \(reply.map { String($0.prefix(2000)) }),
                sent_at = \(state == .sent ? stamp : nil), send_claim = NULL, updated_at = \(stamp) WHERE id = \(id) AND send_claim = \(claim)
                """)
        }
    }
}

extension JobRegistry {
    /// The mail area's background work: sending the outbox.
    public mutating func registerMail(_ sender: MailSendJob) {
        register(sender)
    }
}
