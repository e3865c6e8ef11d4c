import Foundation
import HummingbirdOTP

/// RFC 6238 time-based one-time codes: 6 digits, 30-second steps, HMAC-SHA1 — what every
/// authenticator app speaks.
enum TwoFactor {
    static let step: Double = 30

    /// A new secret: 32 characters of the base32 alphabet, used as the key's bytes.
    static func newSecret() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var generator = SystemRandomNumberGenerator()
        return String((0..<32).map { _ in alphabet[Int.random(in: 0..<32, using: &generator)] })
    }

    static func setupURL(secret: String, account: String) -> String {
        TOTP(secret: secret).createAuthenticatorURL(label: "Rapport:\(account)", issuer: "Rapport")
    }

    /// The base32 key a person types into an app by hand.
    static func manualKey(secret: String) -> String {
        let url = setupURL(secret: secret, account: "x")
        guard let start = url.range(of: "secret=") else { return "" }
        return String(url[start.upperBound...].prefix { $0 != "&" })
    }

    /// The time step the code belongs to, accepting one step of clock drift either way.
    static func matchingStep(secret: String, code: String, at date: Date = Date()) -> Int64? {
        let digits = code.filter { !$0.isWhitespace }
        guard digits.count == 6, let value = Int(digits) else { return nil }
        let totp = TOTP(secret: secret)
        let current = Int64(date.timeIntervalSince1970 / step)
        for s in [current, current - 1, current + 1] where totp.compute(date: Date(timeIntervalSince1970: Double(s) * step)) == value {
            return s
        }
        return nil
    }
}
