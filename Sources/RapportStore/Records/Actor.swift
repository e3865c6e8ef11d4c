/// Who is doing something and from where, recorded with every audited change.
public struct Actor: Sendable {
    public var userID: String?
    public var requestID: String?
    public var address: String?

    public init(userID: String?, requestID: String? = nil, address: String? = nil) {
        self.userID = userID
        self.requestID = requestID
        self.address = address
    }

    /// Changes made by `rapport` commands on the server's own machine.
    public static let system = Actor(userID: nil, requestID: nil, address: "cli")
}
