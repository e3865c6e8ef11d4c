import Crypto
import Foundation
import RapportKit

/// Encrypts sensitive custom field values at rest with AES-GCM, so a copied database file
/// or backup does not expose them. The key lives outside the database, in the file
/// `RAPPORT_SECRET_KEY_FILE` names.
public struct FieldCipher: Sendable {
    /// Raw bytes: `SymmetricKey` is not `Sendable`, so it is rebuilt per use.
    private let keyBytes: [UInt8]
    static let prefix = "enc:v1:"

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

    func seal(_ value: JSONValue) -> JSONValue {
        guard !value.isNull, let box = try? AES.GCM.seal(Data(value.serialized().utf8), using: key), let combined = box.combined else { return value }
        return .string(Self.prefix + combined.base64EncodedString())
    }

    /// Values written before the field became sensitive are returned as they are.
    func open(_ value: JSONValue) -> JSONValue {
        guard let text = value.stringValue, text.hasPrefix(Self.prefix), let data = Data(base64Encoded: String(text.dropFirst(Self.prefix.count))) else { return value }
        guard let box = try? AES.GCM.SealedBox(combined: data), let plain = try? AES.GCM.open(box, using: key),
              let parsed = try? JSONValue.parse(String(decoding: plain, as: UTF8.self)) else { return .null }
        return parsed
    }
}
