import Testing
@testable import RapportMail

@Suite struct CharsetTests {
    @Test func legacyLabelsDecodeWithTheSupersetSendersUse() {
        // ① and 髙 are Windows extensions: strict Shift_JIS, EUC-JP and ISO-2022-JP refuse them.
        #expect(Charset.decode([0x87, 0x40], label: "Shift_JIS") == .init(text: "①", label: "shift_jis", fidelity: .exact))
        #expect(Charset.decode([0xAD, 0xA1], label: "EUC-JP").text == "①")
        #expect(Charset.decode([0x1B, 0x24, 0x42, 0x2D, 0x21, 0x1B, 0x28, 0x42], label: "ISO-2022-JP").text == "①")
        // 똠 is in CP949 only, not in KS X 1001 (EUC-KR proper).
        #expect(Charset.decode([0x8C, 0x63], label: "EUC-KR").text == "똠")
        // Half-width katakana inside ISO-2022-JP (ESC ( I).
        #expect(Charset.decode([0x1B, 0x28, 0x49, 0x31, 0x1B, 0x28, 0x42], label: "iso-2022-jp").text == "ｱ")
        #expect(Charset.decode([0x93], label: "iso-8859-1").text == "\u{201C}")
        #expect(Charset.decode([0xE9], label: "latin1").text == "é")
    }

    @Test func badBytesCostOneCharacterAndSaySo() {
        let decoded = Charset.decode([0x82, 0xA0, 0xFF, 0x82, 0xA2], label: "shift_jis")
        #expect(decoded.text == "あ\u{FFFD}い")
        #expect(decoded.fidelity == .repaired)
        #expect(Charset.decode([0x61, 0xC3], label: "utf-8").fidelity == .repaired)
    }

    @Test func unknownCharsetsKeepTheBytesReadable() {
        let decoded = Charset.decode(Array("plain".utf8), label: "x-no-such-charset")
        #expect(decoded.fidelity == .unknownCharset)
        #expect(decoded.text == "plain")
    }

    @Test func asciiLabelledUTF8IsUTF8() {
        #expect(Charset.decode(Array("김보경".utf8), label: "us-ascii").text == "김보경")
    }
}
