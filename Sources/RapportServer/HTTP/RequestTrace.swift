import Synchronization

/// What the access log learns while a request is handled — who it turned out to be — kept
/// in a task-local so authentication, which runs deeper in the middleware chain on a copy
/// of the context, can report it to the access log that wraps the chain.
final class RequestTrace: Sendable {
    @TaskLocal static var current: RequestTrace?

    private let user = Mutex<String?>(nil)

    var userID: String? { user.withLock { $0 } }

    static func signedIn(_ userID: String?) {
        guard let userID else { return }
        current?.user.withLock { $0 = userID }
    }
}
