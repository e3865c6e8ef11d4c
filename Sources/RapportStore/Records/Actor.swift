import RapportKit

/// Who is doing something and from where, recorded with every audited change, and what
/// they may see: the engine filters every read and refuses every write by ``viewer``.
public struct Actor: Sendable {
    public var userID: String?
    public var requestID: String?
    public var address: String?
    /// The signed-in user's role and team; nil for the server's own commands, which see
    /// everything.
    public var viewer: Viewer?

    public init(userID: String?, requestID: String? = nil, address: String? = nil, viewer: Viewer? = nil) {
        self.userID = userID
        self.requestID = requestID
        self.address = address
        self.viewer = viewer
    }

    /// Changes made by `rapport` commands on the server's own machine.
    public static let system = Actor(userID: nil, requestID: nil, address: "cli")
}

extension Actor {
    /// The same person, recorded as such, acting where the engine has already decided for
    /// them: the children a parent's delete takes along, whichever of them the role reads.
    var unrestricted: Actor {
        var copy = self
        copy.viewer = nil
        return copy
    }
}
