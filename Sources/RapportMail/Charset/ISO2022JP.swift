/// ISO-2022-JP, still the charset of much Japanese business mail, as Windows writes it
/// (CP50221): JIS X 0208 with NEC's and IBM's extensions (①, ㈱, 髙), half-width katakana
/// after `ESC ( I`, and JIS X 0212 after `ESC $ ( D`. Strict decoders refuse the
/// extensions, so the escape sequences are rewritten to the EUC-JP those character sets
/// map to byte for byte, and EUCJP-MS (which has the extensions) decodes the result.
enum ISO2022JP {
    private enum Mode { case ascii, jis0208, katakana, jis0212 }

    /// The EUC-JP form of the bytes, and false when an escape sequence or a byte outside
    /// the current set was dropped.
    static func toEUCJP(_ bytes: [UInt8]) -> ([UInt8], Bool) {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var mode = Mode.ascii
        var clean = true
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x1B {
                let rest = bytes[(i + 1)...].prefix(3)
                if rest.starts(with: [0x28, 0x42]) || rest.starts(with: [0x28, 0x4A]) { mode = .ascii; i += 3; continue }
                if rest.starts(with: [0x24, 0x40]) || rest.starts(with: [0x24, 0x42]) { mode = .jis0208; i += 3; continue }
                if rest.starts(with: [0x28, 0x49]) { mode = .katakana; i += 3; continue }
                if rest.starts(with: [0x24, 0x28, 0x44]) { mode = .jis0212; i += 4; continue }
                if rest.starts(with: [0x24, 0x28, 0x42]) || rest.starts(with: [0x24, 0x28, 0x40]) { mode = .jis0208; i += 4; continue }
                clean = false
                i += 1
                continue
            }
            if b == 0x0E { mode = .katakana; i += 1; continue } // SO, as CP50222 writes it
            if b == 0x0F { mode = .ascii; i += 1; continue }    // SI
            if b == 0x0A || b == 0x0D { mode = mode == .katakana ? .ascii : mode; out.append(b); i += 1; continue }
            switch mode {
            case .ascii:
                if b >= 0x80 { clean = false }
                out.append(b)
                i += 1
            case .katakana:
                if (0x21...0x5F).contains(b) { out.append(contentsOf: [0x8E, b | 0x80]) } else { out.append(b); if b >= 0x80 { clean = false } }
                i += 1
            case .jis0208, .jis0212:
                guard i + 1 < bytes.count, (0x21...0x7E).contains(b), (0x21...0x7E).contains(bytes[i + 1]) else {
                    clean = false
                    if b < 0x80 { out.append(b) }
                    i += 1
                    continue
                }
                if mode == .jis0212 { out.append(0x8F) }
                out.append(contentsOf: [b | 0x80, bytes[i + 1] | 0x80])
                i += 2
            }
        }
        return (out, clean)
    }
}
