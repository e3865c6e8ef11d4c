import Logging
import RapportKit

/// Tells each task's owner when it falls due within the next hour, every 15 minutes.
/// One notification per task and due time: a job run twice, or by two instances after a
/// lost lease, tells nobody twice, and a task moved to a new time is reminded again.
/// A task due while no run happened (the server was down) is reminded if it fell due in
/// the last 15 minutes; older ones show as overdue on Home instead.
public struct TaskDueJob: SweepJob {
    public static let kind = "notifications.task_due"
    public static let ahead: Int64 = 60 * 60_000
    public static let behind: Int64 = 15 * 60_000
    public static let changed: Logger.Message = "Reminded owners of tasks falling due"
    let store: RecordStore

    public init(store: RecordStore) { self.store = store }

    public func sweep(_ job: JobContext) async throws -> Int { try await store.remindDueTasks(now: job.now) }
}

extension RecordStore {
    /// Notifies the owners of open tasks due between ``TaskDueJob/behind`` before and
    /// ``TaskDueJob/ahead`` after `now` (milliseconds); returns how many were new.
    public func remindDueTasks(now: Int64) async throws -> Int {
        let type = try await self.type(named: Activities.type.name)
        let from = Timestamp.format(millisecondsSince1970: now - TaskDueJob.behind), to = Timestamp.format(millisecondsSince1970: now + TaskDueJob.ahead)
        let at = Timestamp.format(millisecondsSince1970: now)
        let codec = self.codec(type)
        return try await db.transaction { s in
            let rows = try await s.query("""
                SELECT \(raw: codec.selectList) FROM activities WHERE kind = 'task' AND completed_at IS NULL AND deleted_at IS NULL
                AND owner_id IS NOT NULL AND due_at >= \(from) AND due_at <= \(to) ORDER BY due_at LIMIT 5000
                """)
            var recipients = Recipients(s)
            var sent = 0
            for task in rows.map(codec.decode) {
                guard let owner = task.ownerID, let due = task.fields["due_at"]?.stringValue,
                      try await recipients.maySee(owner, type, task, fields: [], catalog: catalog) else { continue }
                if try await NotificationStore.insert(s, recipient: owner, kind: .taskDue, recordType: type.name, recordID: task.id, actor: nil,
                                                      at: at, key: "task_due:\(task.id):\(due)") { sent += 1 }
            }
            return sent
        }
    }
}

extension JobRegistry {
    /// The notifications area's background work and when it runs.
    public mutating func registerNotifications(store: RecordStore) {
        register(TaskDueJob(store: store), schedule: "*/15 * * * *")
    }
}
