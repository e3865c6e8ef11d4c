import RapportKit
import RapportStore

/// The notifications part of the OpenAPI document.
extension OpenAPIDocument {
    static func notificationSchemas() -> [(String, JSONValue)] {
        [
            ("Notification", obj([
                ("type", .string("object")),
                ("properties", obj([
                    ("id", uuid()), ("kind", obj([("type", .string("string")), ("enum", strings(NotificationKind.allCases.map(\.rawValue)))])),
                    ("record_type", str()), ("record_id", uuid()), ("actor_id", nullable(uuid())), ("created_at", dateTime()), ("read_at", nullable(dateTime())),
                ])),
            ])),
        ]
    }

    static func notificationPaths() -> [(String, JSONValue)] {
        let id = obj([("name", .string("id")), ("in", .string("path")), ("required", .bool(true)), ("schema", uuid())])
        return [
            ("/api/v1/notifications", obj([
                ("get", operation("listNotifications", "The caller's notifications, newest first", tag: "notifications", parameters: [
                    obj([("name", .string("unread")), ("in", .string("query")), ("schema", obj([("type", .string("boolean"))]))]),
                    obj([("name", .string("limit")), ("in", .string("query")), ("schema", obj([("type", .string("integer")), ("minimum", .number("1")), ("maximum", .number("500"))]))]),
                    obj([("name", .string("cursor")), ("in", .string("query")), ("schema", str())]),
                ], responses: [("200", jsonResponse("Notifications", listOf("Notification"))), ("400", problem("Bad parameters"))])),
            ])),
            ("/api/v1/notifications/{id}/read", obj([
                ("post", operation("readNotification", "Mark one of the caller's notifications read", tag: "notifications", parameters: [id], responses: [
                    ("200", jsonResponse("The notification", ref("Notification"))), ("404", problem("Not found")),
                ])),
            ])),
            ("/api/v1/notifications/read-all", obj([
                ("post", operation("readAllNotifications", "Mark all the caller's notifications read", tag: "notifications", parameters: [], responses: [
                    ("200", jsonResponse("How many were unread", obj([("type", .string("object")), ("properties", obj([("marked", obj([("type", .string("integer"))]))]))]))),
                ])),
            ])),
        ]
    }
}
