import RapportKit
import RapportStore

/// The background jobs part of the OpenAPI document.
extension OpenAPIDocument {
    static func jobSchemas() -> [(String, JSONValue)] {
        let int = obj([("type", .string("integer"))])
        return [
            ("Job", obj([
                ("type", .string("object")),
                ("properties", obj([
                    ("id", uuid()), ("kind", str()), ("state", obj([("type", .string("string")), ("enum", strings(Job.State.allCases.map(\.rawValue)))])),
                    ("idempotency_key", nullable(str())), ("schedule", nullable(str())), ("time_zone", nullable(str())), ("run_at", dateTime()),
                    ("attempts", int), ("max_attempts", int), ("lease_owner", nullable(str())), ("lease_until", nullable(dateTime())),
                    ("progress", nullable(int)), ("progress_message", nullable(str())), ("last_error", nullable(str())),
                    ("payload", obj([("type", .string("object"))])), ("created_at", dateTime()), ("updated_at", dateTime()), ("finished_at", nullable(dateTime())),
                ])),
            ])),
        ]
    }

    static func jobPaths() -> [(String, JSONValue)] {
        let id = obj([("name", .string("id")), ("in", .string("path")), ("required", .bool(true)), ("schema", uuid())])
        return [
            ("/api/v1/jobs", obj([
                ("get", operation("listJobs", "Background jobs, most recently changed first (admins)", tag: "jobs", parameters: [
                    obj([("name", .string("state")), ("in", .string("query")), ("schema", obj([("type", .string("string")), ("enum", strings(Job.State.allCases.map(\.rawValue)))]))]),
                    obj([("name", .string("limit")), ("in", .string("query")), ("schema", obj([("type", .string("integer")), ("minimum", .number("1")), ("maximum", .number("500"))]))]),
                ], responses: [("200", jsonResponse("Jobs", listOf("Job"))), ("400", problem("Bad parameters"))])),
            ])),
            ("/api/v1/jobs/{id}", obj([
                ("get", operation("getJob", "Read a job (admins)", tag: "jobs", parameters: [id], responses: [("200", jsonResponse("The job", ref("Job"))), ("404", problem("Not found"))])),
            ])),
            ("/api/v1/jobs/{id}/retry", obj([
                ("post", operation("retryJob", "Queue a dead, cancelled or finished job again with fresh attempts (admins)", tag: "jobs", parameters: [id], responses: [
                    ("200", jsonResponse("The job", ref("Job"))), ("404", problem("Not found")), ("409", problem("Queued or running")),
                ])),
            ])),
            ("/api/v1/jobs/{id}/cancel", obj([
                ("post", operation("cancelJob", "Cancel a queued or running job (admins)", tag: "jobs", parameters: [id], responses: [
                    ("200", jsonResponse("The job", ref("Job"))), ("404", problem("Not found")), ("409", problem("Already finished")),
                ])),
            ])),
        ]
    }
}
