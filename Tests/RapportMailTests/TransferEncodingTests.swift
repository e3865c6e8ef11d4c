import Testing
@testable import RapportMail

@Suite struct TransferEncodingTests {
    /// RFC 4648 §10.
    @Test(arguments: [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")])
    func base64Vectors(plain: String, encoded: String) {
        #expect(String(decoding: Base64.encode(Array(plain.utf8)), as: UTF8.self) == encoded)
        #expect(Base64.decode(Array(encoded.utf8)) == Array(plain.utf8))
    }

    @Test func base64LinesAndNoise() {
        let data = (0..<200).map { UInt8($0) }
        let encoded = Base64.encode(data)
        let lines = String(decoding: encoded, as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines.dropLast().allSatisfy { $0.count == 76 })
        #expect(Base64.decode(encoded) == data)
        #expect(Base64.decode(Array("Zm9v\r\n YmFy !".utf8)) == Array("foobar".utf8))
    }

    /// RFC 2045 §6.7's soft line break and trailing-space rules.
    @Test func quotedPrintableRules() {
        let soft = "Now's the time =\r\nfor all folk to come=\r\n to the aid of their country."
        #expect(String(decoding: QuotedPrintable.decode(Array(soft.utf8)), as: UTF8.self) == "Now's the time for all folk to come to the aid of their country.")
        #expect(QuotedPrintable.decode(Array("a=3Db=C3=A9 \r\nc".utf8)) == Array("a=bé\r\nc".utf8))
        #expect(QuotedPrintable.decode(Array("100=%\r\n=ZZ".utf8)) == Array("100=%\r\n=ZZ".utf8))
        #expect(QuotedPrintable.decode(Array("lower =c3=a9".utf8)) == Array("lower é".utf8))
    }

    @Test func quotedPrintableEncodingIsSafe() {
        let text = ".hidden\nFrom me\n" + String(repeating: "é", count: 60) + " \nend="
        let encoded = QuotedPrintable.encode(Array(text.utf8))
        let lines = String(decoding: encoded, as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 76 && !$0.hasPrefix(".") && !$0.hasPrefix("From ") && !$0.hasSuffix(" ") })
        #expect(encoded.allSatisfy { $0 < 128 })
        #expect(QuotedPrintable.decode(encoded) == Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8))
    }
}
