/// The user behind a request and what their credential allows.
public struct Identity: Sendable, Equatable {
    public var userID: String
    public var email: String
    public var role: String
    /// `read` tokens may only read; `write` tokens may also change data.
    public var scope: String
    public var tokenID: String?

    public var canWrite: Bool { scope == "write" }
}
