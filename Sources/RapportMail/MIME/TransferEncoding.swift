/// Content-Transfer-Encoding (RFC 2045 §6): how a part's bytes were made safe for 7-bit
/// transport, and the way back. Decoders are lenient, as received mail requires (a bad
/// escape is kept as written, stray characters in base64 are skipped); encoders are strict,
/// as sent mail requires (lines of at most 76 characters, CRLF only).
public enum TransferEncoding: String, Sendable, Equatable {
    case sevenBit = "7bit"
    case eightBit = "8bit"
    case binary
    case quotedPrintable = "quoted-printable"
    case base64

    public init(header: String?) {
        self = header.flatMap { TransferEncoding(rawValue: $0.trimmingASCIIWhitespace().lowercased()) } ?? .sevenBit
    }

    public func decode(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        switch self {
        case .sevenBit, .eightBit, .binary: Array(bytes)
        case .quotedPrintable: QuotedPrintable.decode(bytes)
        case .base64: Base64.decode(bytes)
        }
    }
}

public enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in alphabet.enumerated() { table[Int(c)] = UInt8(i) }
        return table
    }()

    /// Decodes ignoring anything outside the alphabet (line breaks, spaces) and stopping
    /// at padding; a trailing partial quantum yields the whole bytes it holds.
    public static func decode(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for c in bytes {
            if c == UInt8(ascii: "=") { break }
            let v = values[Int(c)]
            if v == 0xFF { continue }
            buffer = (buffer << 6) | UInt32(v)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
                buffer &= (1 << UInt32(bits)) - 1
            }
        }
        return out
    }

    /// Encodes with line breaks every `lineLength` characters (0 for none).
    public static func encode(_ bytes: [UInt8], lineLength: Int = 76) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 4 / 3 + bytes.count / 38 + 4)
        var column = 0
        var i = 0
        func emit(_ c: UInt8) {
            if lineLength > 0, column == lineLength { out.append(contentsOf: [13, 10]); column = 0 }
            out.append(c)
            column += 1
        }
        while i < bytes.count {
            let b0 = UInt32(bytes[i]), b1 = i + 1 < bytes.count ? UInt32(bytes[i + 1]) : 0, b2 = i + 2 < bytes.count ? UInt32(bytes[i + 2]) : 0
            let n = (b0 << 16) | (b1 << 8) | b2
            emit(alphabet[Int((n >> 18) & 63)])
            emit(alphabet[Int((n >> 12) & 63)])
            emit(i + 1 < bytes.count ? alphabet[Int((n >> 6) & 63)] : UInt8(ascii: "="))
            emit(i + 2 < bytes.count ? alphabet[Int(n & 63)] : UInt8(ascii: "="))
            i += 3
        }
        return out
    }
}

public enum QuotedPrintable {
    static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    /// RFC 2045 §6.7: `=XX` is a byte, `=` at the end of a line joins it to the next, and
    /// whitespace at the end of a line was added in transit and goes. A malformed `=` is
    /// kept as written rather than dropping text.
    public static func decode(_ input: some Collection<UInt8>) -> [UInt8] {
        let bytes = Array(input)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 10 { lineEnd += 1 }
            let hasBreak = lineEnd < bytes.count
            var contentEnd = lineEnd
            if contentEnd > lineStart, bytes[contentEnd - 1] == 13 { contentEnd -= 1 }
            while contentEnd > lineStart, bytes[contentEnd - 1] == 32 || bytes[contentEnd - 1] == 9 { contentEnd -= 1 }
            var soft = false
            var i = lineStart
            while i < contentEnd {
                let c = bytes[i]
                if c == UInt8(ascii: "=") {
                    if i + 1 == contentEnd { soft = true; i += 1; continue }
                    if i + 2 < contentEnd, let h = hex(bytes[i + 1]), let l = hex(bytes[i + 2]) {
                        out.append(h << 4 | l)
                        i += 3
                        continue
                    }
                }
                out.append(c)
                i += 1
            }
            if hasBreak, !soft { out.append(contentsOf: [13, 10]) }
            lineStart = lineEnd + 1
        }
        return out
    }

    /// Encodes text bytes with CRLF line breaks kept as breaks, lines of at most 76
    /// characters, and `=`, controls, 8-bit bytes and trailing whitespace escaped. A line
    /// starting with "." or "From " is escaped too, so neither SMTP nor an mbox changes it.
    public static func encode(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        let digits = Array("0123456789ABCDEF".utf8)
        var column = 0
        var i = 0
        func escape(_ b: UInt8) -> [UInt8] { [UInt8(ascii: "="), digits[Int(b >> 4)], digits[Int(b & 15)]] }
        while i < bytes.count {
            let b = bytes[i]
            if b == 13, i + 1 < bytes.count, bytes[i + 1] == 10 {
                out.append(contentsOf: [13, 10]); column = 0; i += 2; continue
            }
            if b == 10 { out.append(contentsOf: [13, 10]); column = 0; i += 1; continue }
            let atLineEnd = i + 1 == bytes.count || bytes[i + 1] == 10 || (bytes[i + 1] == 13 && i + 2 < bytes.count && bytes[i + 2] == 10)
            var piece: [UInt8]
            if b == UInt8(ascii: "=") || (b < 32 && b != 9) || b >= 127 || ((b == 32 || b == 9) && atLineEnd) {
                piece = escape(b)
            } else if column == 0, b == UInt8(ascii: ".") {
                piece = escape(b)
            } else if column == 0, b == UInt8(ascii: "F"), bytes[i...].starts(with: Array("From ".utf8)) {
                piece = escape(b)
            } else {
                piece = [b]
            }
            if column + piece.count > 75 {
                out.append(contentsOf: [UInt8(ascii: "="), 13, 10])
                column = 0
                if piece == [UInt8(ascii: ".")] { piece = escape(b) }
            }
            out.append(contentsOf: piece)
            column += piece.count
            i += 1
        }
        return out
    }
}
