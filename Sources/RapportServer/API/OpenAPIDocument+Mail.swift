import RapportKit

/// The mail part of the OpenAPI document: the relay settings, the test message and a
/// message's delivery state.
extension OpenAPIDocument {
    static func mailSchemas() -> [(String, JSONValue)] {
        let text = { (max: Int) in obj([("type", .string("string")), ("maxLength", .number(String(max)))]) }
        return [
            ("MailSettings", obj([
                ("type", .string("object")),
                ("description", .string("configured is false, and nothing else is given, until an admin saves the relay. The password is never returned.")),
                ("properties", obj([
                    ("configured", obj([("type", .string("boolean"))])),
                    ("host", text(253)), ("port", obj([("type", .string("integer")), ("minimum", .number("1")), ("maximum", .number("65535"))])),
                    ("security", obj([("type", .string("string")), ("enum", strings(MailRelaySettings.Security.allCases.map(\.rawValue)))])),
                    ("username", nullable(text(200))), ("has_password", obj([("type", .string("boolean"))])),
                    ("from_name", nullable(text(200))), ("from_address", obj([("type", .string("string")), ("format", .string("email"))])),
                ])),
            ])),
            ("MailSettingsInput", obj([
                ("type", .string("object")), ("additionalProperties", .bool(false)), ("required", strings(["host", "port", "security", "from_address"])),
                ("properties", obj([
                    ("host", text(253)), ("port", obj([("type", .string("integer")), ("minimum", .number("1")), ("maximum", .number("65535"))])),
                    ("security", obj([("type", .string("string")), ("enum", strings(MailRelaySettings.Security.allCases.map(\.rawValue))),
                                      ("description", .string("starttls (port 587), tls (port 465), or none for a relay on this host, which then takes no credentials."))])),
                    ("username", nullable(text(200))),
                    ("password", nullable(obj([("type", .string("string")), ("maxLength", .number("500")), ("writeOnly", .bool(true)),
                                                ("description", .string("Left out or empty: the stored password stays. null: it is cleared. Stored encrypted with the field key."))]))),
                    ("from_name", nullable(text(200))), ("from_address", obj([("type", .string("string")), ("format", .string("email"))])),
                ])),
            ])),
            ("MailMessage", obj([
                ("type", .string("object")),
                ("properties", obj([
                    ("id", uuid()), ("direction", obj([("type", .string("string")), ("enum", strings(["outbound", "inbound"]))])),
                    ("message_id", str()), ("from_name", nullable(str())), ("from_address", str()),
                    ("to", obj([("type", .string("array")), ("items", str())])), ("cc", obj([("type", .string("array")), ("items", str())])),
                    ("subject", nullable(str())), ("text", nullable(str())), ("raw_size", obj([("type", .string("integer"))])),
                    ("state", obj([("type", .string("string")), ("enum", strings(["queued", "sending", "sent", "failed", "bounced"]))])),
                    ("attempts", obj([("type", .string("integer"))])), ("last_error", nullable(str())), ("server_reply", nullable(str())),
                    ("created_by", nullable(str())), ("created_at", str()), ("updated_at", str()), ("sent_at", nullable(str())),
                ])),
            ])),
        ]
    }

    static func mailPaths() -> [(String, JSONValue)] {
        [
            ("/api/v1/settings/mail", obj([
                ("get", operation("getMailSettings", "The relay Rapport sends mail through, without its password (admins)", tag: "settings",
                                  responses: [("200", jsonResponse("The mail settings", ref("MailSettings")))])),
                ("put", operation("replaceMailSettings", "Replace the relay settings; every wrong field is named in one 422 (admins)", tag: "settings",
                                  body: ref("MailSettingsInput"),
                                  responses: [("200", jsonResponse("Saved", ref("MailSettings"))), ("422", problem("Invalid"))])),
            ])),
            ("/api/v1/settings/mail/test", obj([
                ("post", operation("sendTestMail", "Queue a test message through the saved relay (admins)", tag: "settings",
                                   body: obj([("type", .string("object")), ("additionalProperties", .bool(false)), ("required", strings(["to"])),
                                              ("properties", obj([("to", obj([("type", .string("string")), ("format", .string("email"))]))]))]),
                                   responses: [("202", jsonResponse("Queued", ref("MailMessage"))), ("409", problem("No relay is set up")), ("422", problem("Invalid"))])),
            ])),
            ("/api/v1/mail/messages/{id}", obj([
                ("get", operation("getMailMessage", "A message and its delivery state (admins, or the user who sent it)", tag: "mail", parameters: [
                    obj([("name", .string("id")), ("in", .string("path")), ("required", .bool(true)), ("schema", uuid())]),
                ], responses: [("200", jsonResponse("The message", ref("MailMessage"))), ("404", problem("Not found"))])),
            ])),
        ]
    }
}
