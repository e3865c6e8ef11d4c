import Logging
import RapportKit
import RapportMail

extension TicketMailIntake {
    /// An LMTP listener that takes each message in as `rapport mail ingest` does, with its
    /// envelope recipients added as `Delivered-To` (as a local delivery agent adds them),
    /// so mail to a group's address in Bcc reaches that group.
    ///
    /// Answers: taken in, a duplicate or kept without a ticket (an auto-reply, a bounce)
    /// are 250; too large or empty are 552/554, so the MTA returns the mail; a database
    /// that does not answer is 451, so the MTA keeps it and tries again.
    public func lmtpServer(host: String, port: Int, logger: Logger) -> LMTPServer {
        LMTPServer(host: host, port: port, maxBytes: Self.maxBytes) { message, recipients in
            var raw: [UInt8] = []
            for recipient in recipients where Email.normalize(recipient) != nil {
                raw.append(contentsOf: Array("Delivered-To: \(recipient)\r\n".utf8))
            }
            raw.append(contentsOf: message)
            do {
                let outcome = try await receive(raw)
                logger.info("LMTP delivery", metadata: ["outcome": "\(Self.label(outcome))", "bytes": "\(message.count)"])
                switch outcome {
                case .refused(let reason) where reason == "too_large": return .rejected("552 5.3.4 Message too large")
                case .refused: return .rejected("554 5.6.0 Empty message")
                default: return .accepted
                }
            } catch {
                logger.error("LMTP delivery deferred", metadata: ["error": "\(String(reflecting: error))"])
                return .deferred
            }
        }
    }

    static func label(_ outcome: Outcome) -> String {
        switch outcome {
        case .opened: "opened"
        case .threaded: "threaded"
        case .duplicate: "duplicate"
        case .ignored(let reason): "ignored:\(reason)"
        case .refused(let reason): "refused:\(reason)"
        case .held: "held"
        }
    }
}
