import RapportKit
import RapportStore

/// The service desk's routes beside the generic record routes of tickets: the agent views,
/// the clock's events and the stored SLA clocks with their escalations.
extension OpenAPIDocument {
    static func serviceSchemas() -> [(String, JSONValue)] {
        let metric = obj([("type", .string("string")), ("enum", strings(SLAMetric.allCases.map(\.rawValue)))])
        return [
            ("SatisfactionSettings", obj([
                ("type", .string("object")), ("additionalProperties", .bool(false)),
                ("properties", obj([
                    ("enabled", obj([("type", .string("boolean"))])),
                    ("scale", obj([("type", .string("string")), ("enum", strings(SurveyScale.satisfaction.map(\.rawValue)))])),
                    ("delay_minutes", obj([("type", .string("integer")), ("minimum", .number("0")), ("maximum", .number(String(SatisfactionSettings.maximumDelayMinutes)))])),
                    ("public_url", nullable(obj([("type", .string("string")), ("format", .string("uri")), ("maxLength", .number("300"))]))),
                ])),
            ])),
            ("TicketClock", obj([
                ("type", .string("object")),
                ("properties", obj([
                    ("metric", metric), ("state", obj([("type", .string("string")), ("enum", strings(SLAClockState.allCases.map(\.rawValue)))])),
                    ("priority", obj([("type", .string("string")), ("enum", strings(TicketPriority.allCases.map(\.rawValue)))])),
                    ("target_minutes", obj([("type", .string("integer"))])), ("started_at", dateTime()), ("due_at", nullable(dateTime())),
                    ("stopped_at", nullable(dateTime())), ("breached_at", nullable(dateTime())),
                    ("remaining_seconds", nullable(obj([("type", .string("integer")), ("description", .string("Negative once the due time has passed"))]))),
                ])),
            ])),
            ("TicketEscalation", obj([
                ("type", .string("object")),
                ("properties", obj([
                    ("metric", metric), ("kind", obj([("type", .string("string")), ("enum", strings(SLAEscalationKind.allCases.map(\.rawValue)))])),
                    ("due_at", dateTime()), ("fired_at", dateTime()), ("notified", obj([("type", .string("array")), ("items", uuid())])),
                ])),
            ])),
        ]
    }

    static func servicePaths() -> [(String, JSONValue)] {
        let id = obj([("name", .string("id")), ("in", .string("path")), ("required", .bool(true)), ("schema", uuid())])
        let count = obj([("type", .string("integer")), ("minimum", .number("0"))])
        let mailbox = obj([
            ("type", .string("object")),
            ("properties", obj([
                ("host", str()), ("port", obj([("type", .string("integer"))])), ("security", obj([("type", .string("string")), ("enum", strings(["starttls", "tls", "none"]))])),
                ("username", str()), ("folder", str()), ("enabled", obj([("type", .string("boolean"))])), ("has_password", obj([("type", .string("boolean"))])),
                ("last_checked_at", nullable(dateTime())), ("last_error", nullable(str())), ("taken", count),
            ])),
        ])
        let npsRounds = obj([
            ("type", .string("object")),
            ("properties", obj([
                ("nps", nullable(obj([("type", .string("number")), ("minimum", .number("-100")), ("maximum", .number("100"))]))),
                ("responses", count), ("promoters", count), ("passives", count), ("detractors", count), ("next_round_at", nullable(dateTime())),
                ("data", obj([("type", .string("array")), ("items", obj([
                    ("type", .string("object")),
                    ("properties", obj([
                        ("round", dateTime()), ("asked", count), ("skipped", count), ("started_at", dateTime()), ("finished_at", nullable(dateTime())),
                        ("note", nullable(obj([("type", .string("string")), ("enum", strings(["mail_not_set_up", "invalid_audience", "program_deleted"]))]))),
                    ])),
                ]))])),
            ])),
        ])
        let days = obj([("name", .string("pending_days")), ("in", .string("query")),
                        ("schema", obj([("type", .string("integer")), ("minimum", .number("0")), ("maximum", .number(String(TicketQueue.maxPendingDays)))]))])
        let view = obj([("name", .string("view")), ("in", .string("path")), ("required", .bool(true)),
                        ("schema", obj([("type", .string("string")), ("enum", strings(TicketQueue.allCases.map(\.rawValue)))]))])
        let counts = obj([("type", .string("object")), ("properties", obj([
            ("data", obj([("type", .string("array")), ("items", obj([("type", .string("object")), ("properties", obj([
                ("view", str()), ("count", obj([("type", .string("integer"))])),
            ]))]))])),
            ("pending_days", obj([("type", .string("integer"))])),
        ]))])
        let clocks = obj([("type", .string("object")), ("properties", obj([
            ("data", obj([("type", .string("array")), ("items", ref("TicketClock"))])),
            ("escalations", obj([("type", .string("array")), ("items", ref("TicketEscalation"))])),
        ]))])
        let formFields = obj([("type", .string("object")), ("properties", obj([
            ("fields", obj([("type", .string("array")), ("items", str())])), ("eligible", obj([("type", .string("array")), ("items", str())])),
        ]))])
        let events = obj([("type", .string("object")), ("properties", obj([
            ("data", obj([("type", .string("array")), ("items", obj([("type", .string("object"))]))])), ("next_cursor", nullable(str())),
        ]))])
        return [
            ("/api/v1/settings/satisfaction", obj([
                ("get", operation("getSatisfactionSettings", "Whether and how requesters are asked about solved tickets (admins)", tag: "settings",
                                  responses: [("200", jsonResponse("The survey settings", ref("SatisfactionSettings")))])),
                ("put", operation("replaceSatisfactionSettings", "Change the survey settings; fields left out keep their values, every wrong field is named in one 422 (admins)",
                                  tag: "settings", body: ref("SatisfactionSettings"),
                                  responses: [("200", jsonResponse("Saved", ref("SatisfactionSettings"))), ("422", problem("Invalid"))])),
            ])),
            ("/api/v1/teams/{id}/form", obj([
                ("get", operation("getWebFormFields", "The ticket fields a group's public form asks for, and those it could (admins)", tag: "settings", parameters: [id],
                                  responses: [("200", jsonResponse("The form's fields", formFields)), ("404", problem("No such team"))])),
                ("put", operation("replaceWebFormFields", "Replace the ticket fields a group's public form asks for; every wrong name is named in one 422 (admins)",
                                  tag: "settings", parameters: [id], body: obj([
                                      ("type", .string("object")), ("required", strings(["fields"])), ("additionalProperties", .bool(false)),
                                      ("properties", obj([("fields", obj([("type", .string("array")), ("maxItems", .number(String(WebFormFields.maxFields))), ("items", str())]))])),
                                  ]),
                                  responses: [("200", jsonResponse("Saved", formFields)), ("404", problem("No such team")), ("422", problem("Invalid"))])),
            ])),
            ("/api/v1/teams/{id}/mailbox", obj([
                ("get", operation("getTeamMailbox", "The group's IMAP mailbox and how reading it went; never the password (admins)", tag: "settings", parameters: [id],
                                  responses: [("200", jsonResponse("The mailbox", mailbox)), ("404", problem("No mailbox"))])),
                ("put", operation("replaceTeamMailbox", "Connect or change the group's IMAP mailbox; the password is kept when left out; every wrong field is named in one 422 (admins)",
                                  tag: "settings", parameters: [id], body: obj([
                                      ("type", .string("object")), ("required", strings(["host", "port", "security", "username"])), ("additionalProperties", .bool(false)),
                                      ("properties", obj([
                                          ("host", obj([("type", .string("string")), ("maxLength", .number("253"))])),
                                          ("port", obj([("type", .string("integer")), ("minimum", .number("1")), ("maximum", .number("65535"))])),
                                          ("security", obj([("type", .string("string")), ("enum", strings(["starttls", "tls", "none"]))])),
                                          ("username", obj([("type", .string("string")), ("maxLength", .number("200"))])),
                                          ("password", nullable(obj([("type", .string("string")), ("maxLength", .number("500"))]))),
                                          ("folder", obj([("type", .string("string")), ("maxLength", .number("200"))])),
                                          ("enabled", obj([("type", .string("boolean"))])),
                                      ])),
                                  ]),
                                  responses: [("200", jsonResponse("Saved", mailbox)), ("404", problem("No such team")), ("422", problem("Invalid"))])),
                ("delete", operation("deleteTeamMailbox", "Disconnect the group's mailbox; mail already taken stays (admins)", tag: "settings", parameters: [id],
                                     responses: [("204", obj([("description", .string("Disconnected"))])), ("404", problem("No mailbox"))])),
            ])),
            ("/api/v1/nps_programs/{id}/rounds", obj([
                ("get", operation("npsRounds", "An NPS program's score with its count and split, its next round and its rounds, newest first", tag: "nps_programs",
                                  parameters: [id], responses: [("200", jsonResponse("Score and rounds", npsRounds)), ("404", problem("Not found"))])),
                ("post", operation("npsSendRound", "Queue a round now, outside the schedule; the quiet period still applies", tag: "nps_programs", parameters: [id],
                                   responses: [("202", jsonResponse("Queued", obj([("type", .string("object")), ("properties", obj([("job_id", uuid())]))]))),
                                               ("403", problem("Forbidden")), ("404", problem("Not found"))])),
            ])),
            ("/api/v1/tickets/views", obj([
                ("get", operation("ticketViews", "The agent views with their live counts", tag: "tickets", parameters: [days],
                                  responses: [("200", jsonResponse("Views", counts)), ("422", problem("Bad parameters"))])),
            ])),
            ("/api/v1/tickets/views/{view}", obj([
                ("get", operation("ticketView", "One agent view's tickets; breaching_soon soonest due first", tag: "tickets", parameters: [view, days],
                                  responses: [("200", jsonResponse("Tickets", listOf("Ticket"))), ("404", problem("No such view")), ("422", problem("Bad parameters"))])),
            ])),
            ("/api/v1/tickets/{id}/events", obj([
                ("get", operation("ticketEvents", "What the SLA clock reads, oldest first", tag: "tickets", parameters: [id],
                                  responses: [("200", jsonResponse("Events", events)), ("404", problem("Not found"))])),
            ])),
            ("/api/v1/tickets/{id}/clocks", obj([
                ("get", operation("ticketClocks", "The ticket's SLA clocks as of now, and the escalations fired", tag: "tickets", parameters: [id],
                                  responses: [("200", jsonResponse("Clocks", clocks)), ("404", problem("Not found"))])),
            ])),
        ]
    }
}
