import Hummingbird
import NIOCore
import RapportKit
import RapportStore

/// Per-request state: who is calling, what they may see, and the id that ties logs and
/// audit entries together.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: Identity? {
        didSet { RequestTrace.signedIn(identity?.userID) }
    }
    public var viewer: Viewer?
    /// Set when a browser session (not a token) authenticated the request.
    public var session: PageSession?
    public var requestID: String
    /// The client's IP address, for the audit log and sign-in throttling: the peer's, or
    /// what a trusted proxy reports (see ``ServerConfiguration/behindProxy``).
    public var address: String?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.identity = nil
        self.viewer = nil
        self.session = nil
        self.requestID = ""
        self.address = source.channel.remoteAddress?.ipAddress
    }

    /// Bodies above 1 MiB are refused with 413 before they are read.
    public var maxUploadSize: Int { 1 << 20 }

    var actor: Actor {
        Actor(userID: identity?.userID, requestID: requestID, address: address, viewer: viewer)
    }
}

extension AppRequestContext {
    /// Users, roles, teams, custom fields and the audit log are the admin's alone.
    func requireAdmin(_ what: String) throws {
        guard viewer?.role.isAdmin == true else {
            throw Problem(.forbidden, "Forbidden", detail: "Only admins \(what).")
        }
    }
}
