import Testing
@testable import RapportMail

/// The examples of RFC 2047 §8, and the East-Asian forms real mail uses.
@Suite struct EncodedWordsTests {
    @Test(arguments: [
        ("=?ISO-8859-1?Q?a?=", "a"),
        ("=?ISO-8859-1?Q?a?= b", "a b"),
        ("=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=", "ab"),
        ("=?ISO-8859-1?Q?a?=  =?ISO-8859-1?Q?b?=", "ab"),
        ("=?ISO-8859-1?Q?a?=\r\n    =?ISO-8859-1?Q?b?=", "ab"),
        ("=?ISO-8859-1?Q?a_b?=", "a b"),
        ("=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?=", "a b"),
        ("=?US-ASCII?Q?Keith_Moore?=", "Keith Moore"),
        ("=?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?=", "Keld Jørn Simonsen"),
        ("=?ISO-8859-1?Q?Andr=E9?= Pirard", "André Pirard"),
        ("=?ISO-8859-1?B?SWYgeW91IGNhbiByZWFkIHRoaXMgeW8=?= =?ISO-8859-2?B?dSB1bmRlcnN0YW5kIHRoZSBleGFtcGxlLg==?=",
         "If you can read this you understand the example."),
    ])
    func rfc2047Examples(encoded: String, decoded: String) {
        #expect(EncodedWords.decode(encoded) == decoded)
    }

    @Test func eastAsianCharsets() {
        #expect(EncodedWords.decode("=?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?=") == "テスト")
        #expect(EncodedWords.decode("=?ks_c_5601-1987?B?vsiz58fPvLy/5CC6uLDm?=") == "안녕하세요 보경")
        #expect(EncodedWords.decode("=?Shift_JIS?B?jKmQz4+RgsyMjw==?=") == "見積書の件")
        // A UTF-8 character split across two words (Outlook does this) is joined first.
        #expect(EncodedWords.decode("=?UTF-8?B?7JU=?= =?UTF-8?B?iOuFlQ==?=") == "안녕")
        #expect(EncodedWords.decode("=?UTF-8?Q?=EC=95?= =?UTF-8?Q?=88?=") == "안")
    }

    @Test func malformedWordsStayAsWritten() {
        #expect(EncodedWords.decode("=?UTF-8?X?abc?=") == "=?UTF-8?X?abc?=")
        #expect(EncodedWords.decode("=?UTF-8?B?abc") == "=?UTF-8?B?abc")
        #expect(EncodedWords.decode("price =? 100") == "price =? 100")
        #expect(EncodedWords.decode("=??B?YQ==?=") == "=??B?YQ==?=")
    }

    @Test func encodingKeepsWordsShortAndWhole() {
        let name = String(repeating: "김보경 山田太郎 ", count: 12)
        let words = EncodedWords.encode(name)
        #expect(words.count > 1)
        #expect(words.allSatisfy { $0.utf8.count <= 75 && $0.hasPrefix("=?UTF-8?B?") })
        #expect(EncodedWords.decode(words.joined(separator: "\r\n ")) == name)
        #expect(EncodedWords.encode("Quote Q-2026-0001") == ["Quote Q-2026-0001"])
        #expect(EncodedWords.decode(EncodedWords.encode("looks like =?a?b?c?=").joined(separator: " ")) == "looks like =?a?b?c?=")
    }
}
