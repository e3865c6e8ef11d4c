/// A delivery status notification (RFC 3464) read for what it says about each recipient:
/// whether the address failed for good (hard), for now (soft), or was delivered.
public struct DeliveryReport: Sendable, Equatable {
    public struct Recipient: Sendable, Equatable {
        /// The address as the reporting server names it (`Final-Recipient`, or
        /// `Original-Recipient` when the final one is missing).
        public var address: String
        /// `failed`, `delayed`, `delivered`, `relayed` or `expanded` (RFC 3464 §2.3.3).
        public var action: String
        /// The enhanced status code (RFC 3463), e.g. `5.1.1`.
        public var status: String?
        public var diagnostic: String?

        /// Hard: a 5.x.x status of a failed delivery; the address should not be tried
        /// again as it is. Soft: a 4.x.x status or a delay; it may work later.
        public var severity: Severity {
            switch action {
            case "failed": return status?.hasPrefix("4.") == true ? .soft : .hard
            case "delayed": return .soft
            default: return .delivered
            }
        }
    }

    public enum Severity: String, Sendable, Equatable { case hard, soft, delivered }

    public var reportingMTA: String?
    /// The `Message-ID` of the message that bounced, from the returned headers when the
    /// report includes them: it ties the bounce to the message Rapport sent.
    public var originalMessageID: String?
    public var recipients: [Recipient]

    /// The report in `message`, or nil when it has no `message/delivery-status` part.
    public init?(_ message: MailMessage) {
        guard let statusPart = message.root.allParts.first(where: { ["message/delivery-status", "message/global-delivery-status"].contains($0.contentType.value) }) else { return nil }
        // The part's body is groups of header fields: the message's first, then one per
        // recipient, separated by blank lines. A body whose fields were parsed as the
        // part's own headers (no blank line first) is read from there.
        var groups: [MailHeaders] = []
        var rest = statusPart.body[...]
        while !rest.isEmpty {
            while let first = rest.first, first == 13 || first == 10 { rest = rest.dropFirst() }
            if rest.isEmpty { break }
            let (fields, next) = MailHeaders.parse(rest)
            if !fields.fields.isEmpty { groups.append(fields) }
            guard next > rest.startIndex else { break }
            rest = rest[next...]
        }
        reportingMTA = groups.first?.text("Reporting-MTA").map(Self.typedValue)
        recipients = groups.compactMap { group -> Recipient? in
            guard let address = (group.text("Final-Recipient") ?? group.text("Original-Recipient")).map(Self.typedValue), !address.isEmpty,
                  let action = group.text("Action")?.lowercased().trimmingASCIIWhitespace() else { return nil }
            let status = group.text("Status").map { String($0.trimmingASCIIWhitespace().prefix { $0.isNumber || $0 == "." }) }
            return Recipient(address: address, action: action, status: status?.isEmpty == true ? nil : status,
                             diagnostic: group.text("Diagnostic-Code").map(Self.typedValue))
        }
        let returned = message.root.allParts.first { ["message/rfc822", "text/rfc822-headers", "message/global", "message/global-headers"].contains($0.contentType.value) }
        let returnedHeaders = returned.map { part in part.parts.first?.headers ?? MailHeaders.parse(part.body[...]).0 }
        originalMessageID = returnedHeaders?.text("Message-ID").flatMap { MailMessage.messageIDs(in: $0).first }
    }

    /// `rfc822; someone@example.com` → `someone@example.com`: the address type goes.
    static func typedValue(_ text: String) -> String {
        let value = text.split(separator: ";", maxSplits: 1).count == 2 ? String(text.split(separator: ";", maxSplits: 1)[1]) : text
        return value.trimmingASCIIWhitespace()
    }
}
