import RapportKit

/// One row of the `jobs` table as the runner, the API and the command line see it.
public struct Job: Sendable, Equatable {
    /// Where a job is in its life. A job waiting to retry is `queued` with a later
    /// ``runAt`` and ``attempts`` above zero.
    public enum State: String, Sendable, CaseIterable {
        case queued, running, succeeded, dead, cancelled
    }

    public var id: String
    public var kind: String
    public var payload: JSONObject
    public var state: State
    public var idempotencyKey: String?
    /// A five-field cron schedule for a recurring job; nil for a one-off.
    public var schedule: String?
    public var timeZone: String?
    /// Milliseconds since 1970.
    public var runAt: Int64
    public var attempts: Int
    public var maxAttempts: Int
    public var leaseOwner: String?
    public var leaseUntil: Int64?
    public var progress: Int?
    public var progressMessage: String?
    public var lastError: String?
    public var createdAt: String
    public var updatedAt: String
    public var finishedAt: String?

    init(row: Row) {
        id = row.text("id") ?? ""
        kind = row.text("kind") ?? ""
        payload = (try? JSONValue.parse(row.text("payload") ?? "{}"))?.objectValue ?? JSONObject()
        state = State(rawValue: row.text("state") ?? "") ?? .queued
        idempotencyKey = row.text("idempotency_key")
        schedule = row.text("schedule")
        timeZone = row.text("time_zone")
        runAt = row.int("run_at") ?? 0
        attempts = Int(row.int("attempts") ?? 0)
        maxAttempts = Int(row.int("max_attempts") ?? 1)
        leaseOwner = row.text("lease_owner")
        leaseUntil = row.int("lease_until")
        progress = row.int("progress").map { Int($0) }
        progressMessage = row.text("progress_message")
        lastError = row.text("last_error")
        createdAt = row.text("created_at") ?? ""
        updatedAt = row.text("updated_at") ?? ""
        finishedAt = row.text("finished_at")
    }

    /// The API's and the admin page's form: times in RFC 3339, payload as stored.
    public var json: JSONObject {
        let num = { (i: Int?) in i.map { JSONValue.number(String($0)) } ?? .null }
        let str = { (s: String?) in s.map(JSONValue.string) ?? .null }
        return JSONObject([
            ("id", .string(id)), ("kind", .string(kind)), ("state", .string(state.rawValue)),
            ("idempotency_key", str(idempotencyKey)), ("schedule", str(schedule)), ("time_zone", str(timeZone)),
            ("run_at", .string(Timestamp.format(millisecondsSince1970: runAt))), ("attempts", num(attempts)),
            ("max_attempts", num(maxAttempts)), ("lease_owner", str(leaseOwner)),
            ("lease_until", str(leaseUntil.map { Timestamp.format(millisecondsSince1970: $0) })),
            ("progress", num(progress)), ("progress_message", str(progressMessage)), ("last_error", str(lastError)),
            ("payload", .object(payload)), ("created_at", .string(createdAt)), ("updated_at", .string(updatedAt)),
            ("finished_at", str(finishedAt)),
        ])
    }
}
