import Hummingbird
import RapportStore

/// Per-request state: who is calling and the id that ties logs and audit entries together.
/// Pages (sessions, language) extend this same context.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: Identity?
    public var requestID: String

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.identity = nil
        self.requestID = ""
    }

    /// Bodies above 1 MiB are refused with 413 before they are read.
    public var maxUploadSize: Int { 1 << 20 }

    var actor: Actor {
        Actor(userID: identity?.userID, requestID: requestID, address: nil)
    }
}
