import Crypto
import Foundation
import RapportKit

/// Encrypts sensitive custom field values at rest with AES-GCM, so a copied database file
/// or backup does not expose them. The key lives outside the database, in the file
/// `RAPPORT_SECRET_KEY_FILE` names.
///
/// Values are bound to where they belong: the record type, record id and field name are
/// the cipher's additional authenticated data (`enc:v2:`), so a ciphertext copied into
/// another record or field does not open. Values written before that (`enc:v1:`, no
/// additional data) still open.
public struct FieldCipher: Sendable {
    /// Raw bytes: `SymmetricKey` is not `Sendable`, so it is rebuilt per use.
    private let keyBytes: [UInt8]
    static let legacyPrefix = "enc:v1:"
    static let prefix = "enc:v2:"

    var key: SymmetricKey { SymmetricKey(data: keyBytes) }

    public init(keyBytes: [UInt8]) {
        self.keyBytes = keyBytes
    }

    /// Reads a 256-bit key written as 64 hex digits or 44 base64 characters.
    public init(keyFile path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DatabaseError.configuration("Cannot read the secret key file \(path).")
        }
        let text = String(decoding: data, as: UTF8.self).trimmedWhitespace
        if text.utf8.count == 64, let bytes = Hex.decode(text) {
            self.keyBytes = bytes
        } else if let bytes = Data(base64Encoded: text), bytes.count == 32 {
            self.keyBytes = Array(bytes)
        } else {
            throw DatabaseError.configuration("The secret key file \(path) must hold 32 bytes as 64 hex digits or base64; create one with `rapport key create`.")
        }
    }

    /// A fresh key as base64, for `rapport key create`.
    public static func newKeyText() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
    }

    /// Names the key without revealing it: the first 8 bytes of an HMAC of a fixed label,
    /// in hex. Stored beside the check value so a refusal can say which key is expected.
    public var keyID: String {
        String(checkValue.prefix(16))
    }

    /// An HMAC-SHA256 of a constant under the key: stored in the database the first time
    /// the key is used, compared on every start, so a wrong key stops the server instead of
    /// reading sensitive values as empty (and the next edit erasing them).
    public var checkValue: String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("rapport field key check v1".utf8), using: key)
        return Hex.encode(Array(mac))
    }

    /// The data a value is bound to.
    static func context(type: String, id: String, field: String) -> Data {
        Data("\(type)\u{0}\(id)\u{0}\(field)".utf8)
    }

    /// The sealed form of `value` for `field` of record `id` of `type`; throws rather than
    /// ever returning the plain value.
    func seal(_ value: JSONValue, type: String, id: String, field: String) throws -> JSONValue {
        guard !value.isNull else { return value }
        let box = try AES.GCM.seal(Data(value.serialized().utf8), using: key, authenticating: Self.context(type: type, id: id, field: field))
        guard let combined = box.combined else { throw FieldCipherError.sealFailed }
        return .string(Self.prefix + combined.base64EncodedString())
    }

    /// Values written before the field became sensitive are returned as they are; a value
    /// that does not open under this key and place reads as null.
    func open(_ value: JSONValue, type: String, id: String, field: String) -> JSONValue {
        guard let text = value.stringValue else { return value }
        let aad: Data?
        let body: Substring
        if text.hasPrefix(Self.prefix) {
            aad = Self.context(type: type, id: id, field: field)
            body = text.dropFirst(Self.prefix.count)
        } else if text.hasPrefix(Self.legacyPrefix) {
            aad = nil
            body = text.dropFirst(Self.legacyPrefix.count)
        } else {
            return value
        }
        guard let data = Data(base64Encoded: String(body)), let box = try? AES.GCM.SealedBox(combined: data) else { return .null }
        let plain = aad.map { try? AES.GCM.open(box, using: key, authenticating: $0) } ?? (try? AES.GCM.open(box, using: key))
        guard let plain, let parsed = try? JSONValue.parse(String(decoding: plain, as: UTF8.self)) else { return .null }
        return parsed
    }

    /// The `enc:v1:` form, without additional data, as values were written before v2; kept
    /// so tests can show such values still open.
    func sealLegacy(_ value: JSONValue) throws -> JSONValue {
        let box = try AES.GCM.seal(Data(value.serialized().utf8), using: key)
        guard let combined = box.combined else { throw FieldCipherError.sealFailed }
        return .string(Self.legacyPrefix + combined.base64EncodedString())
    }
}

enum FieldCipherError: Error, CustomStringConvertible {
    case sealFailed

    var description: String { "A sensitive value could not be encrypted." }
}
