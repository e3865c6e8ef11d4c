import Foundation
import HummingbirdOTP
@testable import RapportServer
import Testing

/// RFC 6238 appendix B: the reference codes for its three keys at six instants.
@Suite struct TwoFactorTests {
    static let sha1Key = "12345678901234567890"
    static let sha256Key = "12345678901234567890123456789012"
    static let sha512Key = "1234567890123456789012345678901234567890123456789012345678901234"

    static let vectors: [(Double, Int, Int, Int)] = [
        (59, 94_287_082, 46_119_246, 90_693_936),
        (1_111_111_109, 7_081_804, 68_084_774, 25_091_201),
        (1_111_111_111, 14_050_471, 67_062_674, 99_943_326),
        (1_234_567_890, 89_005_924, 91_819_424, 93_441_116),
        (2_000_000_000, 69_279_037, 90_698_825, 38_618_901),
        (20_000_000_000, 65_353_130, 77_737_706, 47_863_826),
    ]

    @Test(arguments: vectors)
    func rfc6238Vectors(_ vector: (Double, Int, Int, Int)) {
        let (time, sha1, sha256, sha512) = vector
        let date = Date(timeIntervalSince1970: time)
        #expect(TOTP(secret: Self.sha1Key, length: 8, hashFunction: .sha1).compute(date: date) == sha1)
        #expect(TOTP(secret: Self.sha256Key, length: 8, hashFunction: .sha256).compute(date: date) == sha256)
        #expect(TOTP(secret: Self.sha512Key, length: 8, hashFunction: .sha512).compute(date: date) == sha512)
    }

    /// Six-digit codes are the last six digits of the reference values.
    @Test(arguments: vectors)
    func signInAcceptsTheCodeOfItsStep(_ vector: (Double, Int, Int, Int)) {
        let (time, sha1, _, _) = vector
        let date = Date(timeIntervalSince1970: time)
        let code = String(format: "%06d", sha1 % 1_000_000)
        #expect(TwoFactor.matchingStep(secret: Self.sha1Key, code: code, at: date) == Int64(time / 30))
        // One step of drift either way is tolerated, two are not.
        #expect(TwoFactor.matchingStep(secret: Self.sha1Key, code: code, at: date.addingTimeInterval(30)) != nil)
        #expect(TwoFactor.matchingStep(secret: Self.sha1Key, code: code, at: date.addingTimeInterval(90)) == nil)
    }

    @Test func malformedCodesAreRejected() {
        for code in ["", "12345", "1234567", "abcdef", "12 34 5"] {
            #expect(TwoFactor.matchingStep(secret: Self.sha1Key, code: code) == nil)
        }
    }

    @Test func setupKeyIsBase32OfTheSecret() {
        // "12345678901234567890" in base32 (RFC 4648), as authenticator apps expect it.
        #expect(TwoFactor.manualKey(secret: Self.sha1Key) == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
        let secret = TwoFactor.newSecret()
        #expect(secret.count == 32 && secret.allSatisfy { $0.isUppercase || ("2"..."7").contains($0) })
    }
}
