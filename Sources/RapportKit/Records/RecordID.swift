import Foundation
import Synchronization

/// UUIDv7 ids (RFC 9562): time-ordered, so new rows append to the primary-key index
/// instead of splitting random pages, and ids sort by creation time.
public enum RecordID {
    /// The last millisecond used and the counter within it (RFC 9562 §6.2, method 1), so
    /// ids made in one process sort in the order they were made even within a millisecond.
    private static let clock = Mutex<(ms: Int64, counter: UInt16)>((0, 0))

    public static func make(millisecondsSince1970 now: Int64 = Int64(Date().timeIntervalSince1970 * 1000)) -> String {
        var bytes = [UInt8](repeating: 0, count: 16)
        // One 64-bit draw instead of eight byte draws: each draw is a getrandom call.
        var generator = SystemRandomNumberGenerator()
        let b = generator.next()
        let (millis, counter) = clock.withLock { state -> (Int64, UInt16) in
            if now > state.ms {
                state = (now, UInt16(truncatingIfNeeded: b >> 52) & 0x01FF)
            } else if state.counter < 0x0FFF {
                state.counter += 1
            } else {
                state = (state.ms + 1, 0)
            }
            return (state.ms, state.counter)
        }
        bytes[6] = UInt8(counter >> 8)
        bytes[7] = UInt8(truncatingIfNeeded: counter)
        for i in 8..<16 { bytes[i] = UInt8(truncatingIfNeeded: b >> (8 * UInt64(i - 8))) }
        let ms = UInt64(max(0, millis))
        for i in 0..<6 { bytes[i] = UInt8((ms >> (8 * UInt64(5 - i))) & 0xFF) }
        bytes[6] = 0x70 | (bytes[6] & 0x0F)
        bytes[8] = 0x80 | (bytes[8] & 0x3F)
        var out = [UInt8]()
        out.reserveCapacity(36)
        for (i, b) in bytes.enumerated() {
            if i == 4 || i == 6 || i == 8 || i == 10 { out.append(UInt8(ascii: "-")) }
            Hex.encode(CollectionOfOne(b), into: &out)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// True for the canonical lower-case 8-4-4-4-12 form; anything else is answered with 404
    /// without touching the database.
    public static func isValid(_ text: String) -> Bool {
        let b = text.utf8
        guard b.count == 36 else { return false }
        for (i, c) in b.enumerated() {
            if i == 8 || i == 13 || i == 18 || i == 23 {
                if c != UInt8(ascii: "-") { return false }
            } else if !((c >= 48 && c <= 57) || (c >= 97 && c <= 102)) {
                return false
            }
        }
        return true
    }
}
