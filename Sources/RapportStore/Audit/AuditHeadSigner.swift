import Crypto
import Foundation
import RapportKit
import Synchronization

/// Signs the audit chain's head with a key that is not in the database, so someone who can
/// only write the database can neither move the head nor forge a signature for a head they
/// made up.
///
/// The key is derived from the field key with HKDF under its own label, so the encryption
/// key itself never signs anything and a signature reveals nothing about it. What a
/// signature cannot tell is whether the head is the newest one: an older, validly signed
/// head row copied back from a backup, with the entries after it removed, verifies inside
/// the database. ``AuditCheckpoint`` keeps the newest head this host has seen outside the
/// database for exactly that.
public struct AuditHeadSigner: Sendable {
    /// Raw bytes: `SymmetricKey` is not `Sendable`.
    private let keyBytes: [UInt8]
    /// Where this host keeps its checkpoint of the newest signed head; nil keeps none.
    public let checkpoint: AuditCheckpoint?

    static let derivationLabel = "rapport audit head signing v1"

    public init(fieldKey: FieldCipher, checkpointPath: String? = nil) {
        let derived = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: fieldKey.key, salt: Data("rapport".utf8), info: Data(Self.derivationLabel.utf8), outputByteCount: 32)
        self.keyBytes = derived.withUnsafeBytes { Array($0) }
        self.checkpoint = checkpointPath.map(AuditCheckpoint.init(path:))
    }

    /// The checkpoint file kept beside a key file: the key's directory is already the one
    /// place the database cannot reach.
    public static func checkpointPath(besideKey keyPath: String) -> String {
        keyPath + ".audit-head"
    }

    /// The head's signature: the chain's id, its last position and that entry's hash, under
    /// a label of its own so no other MAC made with this key can pass for it.
    func sign(chainID: String, position: Int64, hash: String) -> String {
        mac("head", chainID: chainID, position: position, hash: hash)
    }

    func verify(_ signature: String?, chainID: String, position: Int64, hash: String) -> Bool {
        guard let signature, let given = Hex.decode(signature) else { return false }
        let expected = Hex.decode(sign(chainID: chainID, position: position, hash: hash)) ?? []
        return given.count == expected.count && zip(given, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    func mac(_ purpose: String, chainID: String, position: Int64, hash: String) -> String {
        var h = HMAC<SHA256>(key: SymmetricKey(data: keyBytes))
        for part in ["rapport audit \(purpose) v1", chainID, String(position), hash] {
            h.update(data: Data("\(part.utf8.count):".utf8))
            h.update(data: Data(part.utf8))
        }
        return Hex.encode(Array(h.finalize()))
    }
}

/// The signer a database's sealer and verifier use, set once the key is known (a server
/// builds its application with it; every command opens the database with it).
public final class AuditSigning: Sendable {
    private let current = Mutex<AuditHeadSigner?>(nil)

    init() {}

    public var signer: AuditHeadSigner? {
        get { current.withLock { $0 } }
        set { current.withLock { $0 = newValue } }
    }
}
