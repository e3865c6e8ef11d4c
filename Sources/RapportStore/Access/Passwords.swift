import HummingbirdBcrypt
import NIOPosix
import Synchronization

/// bcrypt password hashing, run on NIO's blocking thread pool: a hash takes a quarter of a
/// second by design and must not stall the threads that serve other requests.
public enum Passwords {
    /// bcrypt reads only the first 72 bytes; longer passwords are refused rather than
    /// silently cut.
    public static let maxBytes = 72
    public static let minLength = 10

    /// Nil when the password is acceptable, else the reason.
    public static func problem(_ password: String) -> String? {
        if password.count < minLength { return "A password needs at least \(minLength) characters." }
        if password.utf8.count > maxBytes { return "A password may be at most \(maxBytes) bytes long." }
        return nil
    }

    public static func hash(_ password: String, cost: UInt8) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public static func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// Compared against when an account does not exist, so a wrong email costs as long as a
    /// wrong password and timing does not reveal who has an account. One per work factor,
    /// made once.
    public static func decoy(cost: UInt8) async throws -> String {
        if let hash = decoys.withLock({ $0[cost] }) { return hash }
        let hash = try await Self.hash("rapport-decoy-password", cost: cost)
        decoys.withLock { $0[cost] = hash }
        return hash
    }

    private static let decoys = Mutex<[UInt8: String]>([:])
}
