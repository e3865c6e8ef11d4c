import Testing
@testable import RapportKit

@Suite struct JSONParsingTests {
    @Test func parsesScalars() throws {
        #expect(try JSONValue.parse("null") == .null)
        #expect(try JSONValue.parse("true") == .bool(true))
        #expect(try JSONValue.parse(" false \n") == .bool(false))
        #expect(try JSONValue.parse("\"hi\"") == .string("hi"))
    }

    @Test(arguments: ["0", "-0", "12.50", "-3e2", "1E+10", "2.5e-3", "123456789012345678901234567890.000000000000000001"])
    func keepsNumberLiterals(_ literal: String) throws {
        let value = try JSONValue.parse(literal)
        #expect(value == .number(literal))
        #expect(value.numberLiteral == literal)
        #expect(value.serialized() == literal)
    }

    @Test func parsesNestedStructuresInOrder() throws {
        let value = try JSONValue.parse(#" { "z" : 1, "a" : [true, null, {"k": "v"}], "m": {} , "e": [] } "#)
        let object = try #require(value.objectValue)
        #expect(object.keys == ["z", "a", "m", "e"])
        #expect(object["z"] == .number("1"))
        #expect(object["a"]?.arrayValue?.count == 3)
        #expect(object["a"]?.arrayValue?[2].objectValue?["k"]?.stringValue == "v")
        #expect(object["m"] == .object(JSONObject()))
        #expect(object["e"] == .array([]))
        #expect(value.serialized() == #"{"z":1,"a":[true,null,{"k":"v"}],"m":{},"e":[]}"#)
    }

    @Test func decodesEscapes() throws {
        let value = try JSONValue.parse(#""a\"b\\c\/d\b\f\n\r\t\u0041\u00e9\uAC00\uD83D\uDE00""#)
        #expect(value == .string("a\"b\\c/d\u{8}\u{C}\n\r\tAé가😀"))
    }

    @Test func handlesKoreanAndJapaneseText() throws {
        let text = #"{"이름":"홍길동","名前":"山田太郎","메모":"カタカナ와 한글 😀"}"#
        let value = try JSONValue.parse(text)
        #expect(value.objectValue?["이름"]?.stringValue == "홍길동")
        #expect(value.objectValue?["名前"]?.stringValue == "山田太郎")
        #expect(value.serialized() == text)
    }

    @Test func roundTripsThroughSerializer() throws {
        let original = JSONValue.object(JSONObject([
            ("id", .number("42")),
            ("price", .number("12.50")),
            ("tags", .array([.string("a"), .string("한국어"), .string("line\nbreak")])),
            ("ok", .bool(true)),
            ("missing", .null),
            ("nested", .object(JSONObject([("deep", .array([.array([.number("-1e-9")])]))]))),
        ]))
        let text = original.serialized()
        #expect(try JSONValue.parse(text) == original)
        var bytes: [UInt8] = []
        original.write(into: &bytes)
        #expect(try JSONValue.parse(bytes) == original)
    }

    @Test func acceptsNestingUpToMaxDepth() throws {
        let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(throws: Never.self) { try JSONValue.parse(ok) }
        let tooDeep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(throws: JSONParseError.self) { try JSONValue.parse(tooDeep) }
        let objects = String(repeating: #"{"a":"#, count: 3) + "1" + String(repeating: "}", count: 3)
        #expect(throws: Never.self) { try JSONValue.parse(Array(objects.utf8), maxDepth: 3) }
        #expect(throws: JSONParseError.self) { try JSONValue.parse(Array(objects.utf8), maxDepth: 2) }
    }

    @Test(arguments: [
        ("", "empty input"),
        ("   ", "whitespace only"),
        ("01", "leading zero"),
        ("-01", "negative leading zero"),
        ("+1", "plus sign"),
        (".5", "no integer part"),
        ("1.", "no fraction digits"),
        ("1e", "no exponent digits"),
        ("-", "lone minus"),
        ("NaN", "NaN"),
        ("Infinity", "Infinity"),
        ("-Infinity", "negative Infinity"),
        ("[1,]", "trailing comma in array"),
        (#"{"a":1,}"#, "trailing comma in object"),
        ("[,1]", "leading comma"),
        ("'a'", "single quoted string"),
        (#"{'a':1}"#, "single quoted key"),
        ("[1] // c", "line comment"),
        ("/* c */ 1", "block comment"),
        ("1 2", "two values"),
        (#"{"a":1}}"#, "extra closing brace"),
        (#"{"a" 1}"#, "missing colon"),
        (#"{a:1}"#, "unquoted key"),
        ("[1 2]", "missing comma"),
        ("\"abc", "unterminated string"),
        ("[1", "unterminated array"),
        ("tru", "truncated literal"),
        ("True", "capitalised literal"),
        ("\"tab\there\"", "raw tab in string"),
        ("\"new\nline\"", "raw newline in string"),
        ("\"nul\u{0}\"", "raw NUL in string"),
        ("\"esc\u{1F}\"", "raw unit separator in string"),
        (#""\uD800""#, "lone high surrogate"),
        (#""\uDC00""#, "lone low surrogate"),
        (#""\uD800\u0041""#, "high surrogate followed by non-surrogate"),
        (#""\uD800x""#, "high surrogate followed by text"),
        (#""\x41""#, "unknown escape"),
        (#""\u12G4""#, "bad hex in escape"),
    ])
    func rejectsInvalidDocuments(_ input: String, _ reason: String) {
        #expect(throws: JSONParseError.self, "should reject \(reason)") {
            try JSONValue.parse(input)
        }
    }

    @Test(arguments: [
        [0x22, 0xFF, 0x22],                      // byte never valid in UTF-8
        [0x22, 0xC3, 0x22],                      // truncated two-byte sequence
        [0x22, 0xC0, 0xAF, 0x22],                // overlong '/'
        [0x22, 0xED, 0xA0, 0x80, 0x22],          // encoded surrogate
        [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],    // above U+10FFFF
        [0x22, 0xEA, 0xB0, 0x22],                // truncated Hangul syllable
        [0x5B, 0xC3, 0xA9, 0x5D],                // valid UTF-8 but outside a string
        [0x5B, 0x31, 0x5D, 0x80],                // stray continuation byte after value
        [0xEF, 0xBB, 0xBF, 0x31],                // byte order mark is not JSON whitespace
    ] as [[UInt8]])
    func rejectsInvalidBytes(_ bytes: [UInt8]) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(bytes) }
    }

    @Test func reportsOffsetAndReadableMessage() {
        #expect(throws: JSONParseError(message: "Unexpected character '}' at byte 7 after the end of the JSON value", offset: 7)) {
            try JSONValue.parse(#"{"a":1}}"#)
        }
        #expect(throws: JSONParseError(message: "Empty input", offset: 0)) { try JSONValue.parse("") }
        #expect(throws: JSONParseError(message: "Number with a leading zero at byte 1", offset: 1)) { try JSONValue.parse("[01]") }
        #expect(throws: JSONParseError(message: "Invalid UTF-8 at byte 1", offset: 1)) { try JSONValue.parse([0x22, 0xFF, 0x22]) }
    }

    @Test func rejectsDuplicateKeysNamingTheKey() throws {
        let error = try #require(throws: JSONParseError.self) {
            try JSONValue.parse(#"{"amount":1,"currency":"KRW","amount":2}"#)
        }
        #expect(error.message.contains("\"amount\""))
        #expect(error.offset == 29)
        #expect(throws: Never.self) { try JSONValue.parse(#"{"a":{"a":1},"b":{"a":2}}"#) }
    }
}

@Suite struct JSONSerializationTests {
    @Test func escapesForJSONAndHTML() throws {
        let value = JSONValue.string("\"\\\n\r\t\u{8}\u{C}\u{1}\u{1F}<script>&\u{2028}\u{2029}/é한")
        #expect(value.serialized() == #""\"\\\n\r\t\b\f\u0001\u001f\u003cscript\u003e\u0026\u2028\u2029/é한""#)
        #expect(try JSONValue.parse(value.serialized()) == value)
    }

    @Test func writesCompactForm() {
        let value = JSONValue.array([.null, .bool(false), .number("-0.10"), .object(JSONObject([("k", .string(""))]))])
        #expect(value.serialized() == #"[null,false,-0.10,{"k":""}]"#)
    }

    @Test func writeAppendsToExistingBuffer() {
        var buffer = Array("data: ".utf8)
        JSONValue.array([.number("1")]).write(into: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == "data: [1]")
    }
}

@Suite struct JSONObjectTests {
    @Test func keepsInsertionOrderAndPosition() {
        var object = JSONObject()
        object["b"] = .number("1")
        object["a"] = .number("2")
        object["c"] = .number("3")
        object["a"] = .string("replaced")
        #expect(object.keys == ["b", "a", "c"])
        #expect(object["a"] == .string("replaced"))
        #expect(object.count == 3)
        #expect(object.map(\.key) == ["b", "a", "c"])
        #expect(object.map(\.value) == [.number("1"), .string("replaced"), .number("3")])
    }

    @Test func removingKeepsLookupsCorrect() {
        var object = JSONObject((0..<10).map { ("k\($0)", JSONValue.number("\($0)")) })
        object["k3"] = nil
        object["missing"] = nil
        #expect(object.count == 9)
        #expect(object["k3"] == nil)
        #expect(object["k9"] == .number("9"))
        object["k4"] = .null
        object["k3"] = .bool(true)
        #expect(object.keys == ["k0", "k1", "k2", "k4", "k5", "k6", "k7", "k8", "k9", "k3"])
        #expect(object["k4"] == .null)
    }

    @Test func equalityIncludesOrder() {
        let ab = JSONObject([("a", .null), ("b", .null)])
        let ba = JSONObject([("b", .null), ("a", .null)])
        #expect(ab != ba)
        #expect(ab == JSONObject([("a", .null), ("b", .null)]))
    }

    @Test func accessorsReturnNilForOtherCases() {
        let number = JSONValue.number("1")
        #expect(number.stringValue == nil)
        #expect(number.objectValue == nil)
        #expect(number.arrayValue == nil)
        #expect(number.boolValue == nil)
        #expect(!number.isNull)
        #expect(JSONValue.null.isNull)
        #expect(JSONValue.string("1").numberLiteral == nil)
        #expect(JSONValue.bool(false).boolValue == false)
    }
}
