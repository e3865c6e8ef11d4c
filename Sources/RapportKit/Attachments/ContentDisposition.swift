/// `Content-Disposition: attachment` with the name in both forms of RFC 6266: a plain
/// ASCII `filename` for old clients and `filename*` (RFC 8187, formerly 5987) in UTF-8, so
/// `견적서.pdf` and `見積書.pdf` arrive as they were uploaded.
public enum ContentDisposition {
    public static func attachment(fileName: String) -> String {
        "attachment; filename=\"\(asciiFallback(fileName))\"; filename*=UTF-8''\(encoded(fileName))"
    }

    /// Non-ASCII characters, quotes, backslashes and percent signs become `_`; the
    /// extension survives, so the saved file still opens with the right program.
    static func asciiFallback(_ name: String) -> String {
        var out = ""
        for scalar in name.unicodeScalars {
            let v = scalar.value
            out.unicodeScalars.append(v >= 0x20 && v < 0x7F && scalar != "\"" && scalar != "\\" && scalar != "%" ? scalar : "_")
        }
        return out
    }

    /// `attr-char` of RFC 8187 stays; every other byte is percent-encoded.
    static func encoded(_ name: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$&+-.^_`|~".utf8)
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in name.utf8 {
            if safe.contains(byte) {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
