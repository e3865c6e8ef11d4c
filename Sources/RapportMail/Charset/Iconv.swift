#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The C library's converter, for the legacy charsets: glibc ships tested tables for
/// CP932, CP949 and EUCJP-MS, which no Swift package here provides.
enum Iconv {
    struct Result {
        var text: String
        /// False when some input was not valid in the charset and was replaced.
        var exact: Bool
    }

    /// The bytes as text, or nil when the C library does not know `charset`.
    /// Invalid or truncated input is replaced with U+FFFD one byte at a time, so one bad
    /// byte in a long Shift_JIS message costs one character, not the message.
    static func decode(_ bytes: [UInt8], from charset: String) -> Result? {
        let handle = iconv_open("UTF-8", charset)
        guard let handle, Int(bitPattern: handle) != -1 else { return nil }
        defer { iconv_close(handle) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 2 + 16)
        var exact = true
        var chunk = [UInt8](repeating: 0, count: 4096)
        bytes.withUnsafeBufferPointer { input in
            var offset = 0
            while offset < input.count {
                var inPointer = UnsafeMutablePointer<CChar>(mutating: UnsafeRawPointer(input.baseAddress! + offset).assumingMemoryBound(to: CChar.self))
                var inLeft = input.count - offset
                let (result, err, consumed, produced) = chunk.withUnsafeMutableBufferPointer { out -> (Int, Int32, Int, Int) in
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(out.baseAddress!).assumingMemoryBound(to: CChar.self)
                    var outLeft = out.count
                    var inOptional: UnsafeMutablePointer<CChar>? = inPointer
                    let r = iconv(handle, &inOptional, &inLeft, &outPointer, &outLeft)
                    let e = r == -1 ? errno : 0
                    inPointer = inOptional!
                    return (r, e, (input.count - offset) - inLeft, out.count - outLeft)
                }
                output.append(contentsOf: chunk[0..<produced])
                offset += consumed
                if result != -1 { break }
                switch err {
                case E2BIG: continue
                default:
                    // EILSEQ or EINVAL (truncated at the end): skip one byte and go on.
                    exact = false
                    output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                    offset += 1
                    iconv(handle, nil, nil, nil, nil)
                }
            }
        }
        // Flush a stateful converter's pending shift state.
        chunk.withUnsafeMutableBufferPointer { out in
            var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(out.baseAddress!).assumingMemoryBound(to: CChar.self)
            var outLeft = out.count
            _ = iconv(handle, nil, nil, &outPointer, &outLeft)
            output.append(contentsOf: out[0..<(out.count - outLeft)])
        }
        return Result(text: String(decoding: output, as: UTF8.self), exact: exact)
    }
}
