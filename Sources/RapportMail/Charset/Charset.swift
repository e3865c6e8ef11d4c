/// Text of a message part or header in the charset it was labelled with.
///
/// Mail in Korea and Japan still arrives in legacy charsets, and senders label them
/// loosely: "Shift_JIS" text uses Windows' extensions, "EUC-KR" text uses Hangul only
/// CP949 has, "ISO-2022-JP" carries NEC's circled numbers. Each label therefore decodes
/// with the superset its senders actually use, the choice the WHATWG Encoding Standard
/// made for browsers: Shift_JIS as Windows-31J, EUC-KR as windows-949, ISO-8859-1 and
/// US-ASCII as windows-1252 (US-ASCII text that is really UTF-8 is kept as UTF-8).
public enum Charset {
    /// How faithfully bytes became text.
    public enum Fidelity: Sendable, Equatable {
        /// Every byte was valid in the charset.
        case exact
        /// Some bytes were not, and each run of them became U+FFFD.
        case repaired
        /// The charset is not known here: the text is the bytes read as UTF-8 with
        /// repairs, and the original bytes must be kept to decode them later.
        case unknownCharset
    }

    public struct Decoded: Sendable, Equatable {
        public var text: String
        /// The label as the message gave it, lower-cased.
        public var label: String
        public var fidelity: Fidelity
    }

    /// The text of `bytes` labelled `label`; never fails, says how well it went.
    public static func decode(_ bytes: [UInt8], label rawLabel: String) -> Decoded {
        let label = rawLabel.trimmingASCIIWhitespace().lowercased()
        switch Family(label: label) {
        case .utf8:
            return Decoded(text: String(decoding: bytes, as: UTF8.self), label: label, fidelity: validUTF8(bytes) ? .exact : .repaired)
        case .windows1252:
            // Declared Latin-1 or ASCII that is valid UTF-8 is almost always UTF-8 sent by
            // a program that did not say so; a Latin-1 text is rarely valid UTF-8 by chance.
            if bytes.contains(where: { $0 >= 0x80 }), validUTF8(bytes), label != "windows-1252", label != "cp1252" {
                return Decoded(text: String(decoding: bytes, as: UTF8.self), label: label, fidelity: .exact)
            }
            return Decoded(text: Windows1252.decode(bytes), label: label, fidelity: .exact)
        case .iso2022jp:
            let (euc, clean) = ISO2022JP.toEUCJP(bytes)
            guard let result = Iconv.decode(euc, from: "EUCJP-MS") else {
                return Decoded(text: String(decoding: bytes, as: UTF8.self), label: label, fidelity: .unknownCharset)
            }
            return Decoded(text: result.text, label: label, fidelity: clean && result.exact ? .exact : .repaired)
        case .iconv(let name):
            guard let result = Iconv.decode(bytes, from: name) else {
                return Decoded(text: String(decoding: bytes, as: UTF8.self), label: label, fidelity: .unknownCharset)
            }
            return Decoded(text: result.text, label: label, fidelity: result.exact ? .exact : .repaired)
        }
    }

    static func validUTF8(_ bytes: [UInt8]) -> Bool {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    /// The decoder a label resolves to.
    enum Family: Equatable {
        case utf8, windows1252, iso2022jp
        case iconv(String)

        init(label: String) {
            switch label {
            case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8": self = .utf8
            case "us-ascii", "ascii", "ansi_x3.4-1968", "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "l1",
                 "windows-1252", "cp1252", "x-cp1252", "cp819", "ibm819", "iso-ir-100":
                self = .windows1252
            case "iso-2022-jp", "csiso2022jp", "iso-2022-jp-1", "iso-2022-jp-ms", "cp50220", "cp50221", "cp50222":
                self = .iso2022jp
            case "shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "csshiftjis", "windows-31j", "cp932", "ms932", "x-ms-cp932":
                self = .iconv("CP932")
            case "euc-jp", "eucjp", "x-euc-jp", "cseucpkdfmtjapanese", "eucjp-ms", "x-eucjp-ms":
                self = .iconv("EUCJP-MS")
            case "euc-kr", "euckr", "cseuckr", "ks_c_5601-1987", "ks_c_5601-1989", "ks_c_5601", "ksc5601", "ksc_5601",
                 "korean", "iso-ir-149", "cp949", "windows-949", "x-windows-949", "uhc", "ms949":
                self = .iconv("CP949")
            default: self = .iconv(label.uppercased())
            }
        }
    }
}

extension String {
    func trimmingASCIIWhitespace() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.isASCIIWhitespace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.isASCIIWhitespace })!
        return String(scalars[start...end])
    }
}

extension Unicode.Scalar {
    var isASCIIWhitespace: Bool { self == " " || self == "\t" || self == "\r" || self == "\n" }
}
