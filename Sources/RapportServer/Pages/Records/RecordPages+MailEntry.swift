import RapportKit

extension RecordPages {
    /// A received message on a person's, company's or deal's timeline: who wrote, the
    /// subject leading to its ticket, and what they wrote now, with the quoted history and
    /// signature folded away as the ticket's conversation folds them.
    static func mailEntry(_ mail: JSONObject, at: String, formatter: ValueFormatter, user: PageUser) -> [String: Any] {
        let address = mail["from_address"]?.stringValue ?? ""
        let name = mail["from_name"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        var out: [String: Any] = [
            "entry": "mail", "what": user.t("timeline_mail_received"), "at": at, "when": formatter.relative(at),
            "who": name.map { "\($0) <\(address)>" } ?? address,
            "subject": mail["subject"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? "—",
        ]
        if let ticket = mail["ticket_id"]?.stringValue { out["href"] = "/tickets/\(ticket)" }
        if let text = mail["text"]?.stringValue, !text.isEmpty {
            let reply = ReplyText(text)
            out["body"] = reply.visible
            if let folded = reply.folded {
                out["folded"] = folded
                out["foldedLabel"] = user.t("timeline_mail_quoted")
            }
        }
        return out
    }
}
