import Testing
@testable import RapportKit

/// Parses the whole input, feeding it in chunks of `chunkSize` bytes (nil: all at once).
private func parseAll(_ bytes: [UInt8], chunkSize: Int? = nil, delimiter: UInt8 = UInt8(ascii: ",")) throws(CSVError) -> [CSVRow] {
    var parser = CSVParser(delimiter: delimiter)
    var rows: [CSVRow] = []
    let size = max(1, chunkSize ?? bytes.count)
    var start = 0
    while start < bytes.count {
        let end = min(start + size, bytes.count)
        rows += try parser.feed(bytes[start..<end])
        start = end
    }
    rows += try parser.finish()
    return rows
}

private func parseAll(_ text: String, chunkSize: Int? = nil) throws(CSVError) -> [CSVRow] {
    try parseAll(Array(text.utf8), chunkSize: chunkSize)
}

/// Exercises every special case at once, so chunk-boundary tests cover them all.
private let trickySample: [UInt8] = [0xEF, 0xBB, 0xBF] + Array((
    "id,name,note\r\n"
    + "1,\"Kim, Minsu\",\"He said \"\"hi\"\"\"\r\n"
    + "\r\n"
    + "2,홍길동,\"multi\r\nline\nnote\"\n"
    + "3,山田太郎,a\"b\r"
    + "4,\"\",\"\"\"\"\r\n"
    + "\n"
    + "5,,\"x\"\"\"\"y\",\"😀\"\r\n"
    + "6,last,no newline"
).utf8)

private let trickyExpected: [CSVRow] = [
    CSVRow(fields: ["id", "name", "note"], line: 1),
    CSVRow(fields: ["1", "Kim, Minsu", "He said \"hi\""], line: 2),
    CSVRow(fields: ["2", "홍길동", "multi\r\nline\nnote"], line: 4),
    CSVRow(fields: ["3", "山田太郎", "a\"b"], line: 7),
    CSVRow(fields: ["4", "", "\""], line: 8),
    CSVRow(fields: ["5", "", "x\"\"y", "😀"], line: 10),
    CSVRow(fields: ["6", "last", "no newline"], line: 11),
]

@Suite struct CSVParserTests {
    @Test func parsesTrickySampleAllAtOnce() throws {
        #expect(try parseAll(trickySample) == trickyExpected)
    }

    @Test func oneByteAtATimeMatchesAllAtOnce() throws {
        #expect(try parseAll(trickySample, chunkSize: 1) == parseAll(trickySample))
    }

    @Test func everyTwoChunkSplitMatchesAllAtOnce() throws {
        for split in 0...trickySample.count {
            var parser = CSVParser()
            var rows = try parser.feed(trickySample[..<split])
            rows += try parser.feed(trickySample[split...])
            rows += try parser.finish()
            #expect(rows == trickyExpected, "split at byte \(split)")
        }
    }

    @Test func feedReturnsRowsAsSoonAsTheyAreComplete() throws {
        var parser = CSVParser()
        #expect(try parser.feed(Array("a,b".utf8)) == [])
        #expect(try parser.feed(Array("\r".utf8)) == [CSVRow(fields: ["a", "b"], line: 1)])
        #expect(try parser.feed(Array("\nc".utf8)) == [])
        #expect(try parser.finish() == [CSVRow(fields: ["c"], line: 2)])
    }

    @Test func acceptsLFCRLFAndLoneCR() throws {
        let expected = [CSVRow(fields: ["a"], line: 1), CSVRow(fields: ["b"], line: 2), CSVRow(fields: ["c"], line: 3)]
        #expect(try parseAll("a\nb\nc\n") == expected)
        #expect(try parseAll("a\r\nb\r\nc\r\n") == expected)
        #expect(try parseAll("a\rb\rc\r") == expected)
        #expect(try parseAll("a\rb\r\nc") == expected)
    }

    @Test func skipsEmptyLinesButKeepsTheirLineNumbers() throws {
        #expect(try parseAll("\n\r\n\ra\n\n\nb") == [CSVRow(fields: ["a"], line: 4), CSVRow(fields: ["b"], line: 7)])
        #expect(try parseAll("") == [])
        #expect(try parseAll("\r\n\r\n") == [])
    }

    @Test func keepsEmptyFields() throws {
        #expect(try parseAll("a,\n,b\n,\n\"\"\n") == [
            CSVRow(fields: ["a", ""], line: 1),
            CSVRow(fields: ["", "b"], line: 2),
            CSVRow(fields: ["", ""], line: 3),
            CSVRow(fields: [""], line: 4),
        ])
        #expect(try parseAll("a,") == [CSVRow(fields: ["a", ""], line: 1)])
    }

    @Test func skipsByteOrderMarkOnlyAtTheStart() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        #expect(try parseAll(bom + Array("a,b".utf8)) == [CSVRow(fields: ["a", "b"], line: 1)])
        #expect(try parseAll(bom + Array("a,b".utf8), chunkSize: 1) == [CSVRow(fields: ["a", "b"], line: 1)])
        #expect(try parseAll(Array("x\n".utf8) + bom + Array("y".utf8)) == [
            CSVRow(fields: ["x"], line: 1), CSVRow(fields: ["\u{FEFF}y"], line: 2),
        ])
        #expect(try parseAll(bom) == [])
    }

    @Test func keepsQuoteInsideUnquotedFieldLiterally() throws {
        #expect(try parseAll("5\" pipe,a\"\"b, \"x\"\n") == [CSVRow(fields: ["5\" pipe", "a\"\"b", " \"x\""], line: 1)])
    }

    @Test func quotedFieldsSpanLinesAndLineNumbersFollow() throws {
        #expect(try parseAll("\"a\nb\nc\",d\ne\n") == [
            CSVRow(fields: ["a\nb\nc", "d"], line: 1),
            CSVRow(fields: ["e"], line: 4),
        ])
    }

    @Test func handlesKoreanAndJapaneseText() throws {
        let text = "이름,메모\r\n김철수,\"서울, 한국\"\r\nたなか,\"東京\n日本\"\r\n"
        let expected = [
            CSVRow(fields: ["이름", "메모"], line: 1),
            CSVRow(fields: ["김철수", "서울, 한국"], line: 2),
            CSVRow(fields: ["たなか", "東京\n日本"], line: 3),
        ]
        #expect(try parseAll(text) == expected)
        #expect(try parseAll(text, chunkSize: 1) == expected)
        #expect(try parseAll(text, chunkSize: 2) == expected)
    }

    @Test func supportsOtherDelimiters() throws {
        #expect(try parseAll(Array("a;b,c;\"d;e\"\n".utf8), delimiter: UInt8(ascii: ";")) == [CSVRow(fields: ["a", "b,c", "d;e"], line: 1)])
        #expect(try parseAll(Array("a\tb\n".utf8), delimiter: UInt8(ascii: "\t")) == [CSVRow(fields: ["a", "b"], line: 1)])
    }

    @Test func rejectsInvalidUTF8NamingTheLine() {
        let bytes = Array("ok,fine\nbad,".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        #expect(throws: CSVError(line: 2, message: "Field 2 is not valid UTF-8 text")) { try parseAll(bytes) }
        #expect(throws: CSVError.self) { try parseAll(bytes, chunkSize: 1) }
        #expect(throws: CSVError.self) { try parseAll(Array("\"".utf8) + [0xFF] + Array("\"".utf8)) }
        #expect(throws: CSVError.self) { try parseAll([0xEF, 0xBB]) }
    }

    @Test func rejectsUnterminatedQuoteAtFinish() throws {
        var parser = CSVParser()
        let rows = try parser.feed(Array("a\n\"open,\nstill open".utf8))
        #expect(rows == [CSVRow(fields: ["a"], line: 1)])
        #expect(throws: CSVError(line: 2, message: "Quoted field is not closed before the end of the file")) {
            try parser.finish()
        }
    }

    @Test func rejectsTextAfterClosingQuote() {
        #expect(throws: CSVError.self) { try parseAll("\"abc\"def,1\n") }
        #expect(throws: CSVError.self) { try parseAll("\"abc\" ,1\n", chunkSize: 1) }
    }

    @Test func acceptsNonContiguousCollections() throws {
        var parser = CSVParser()
        #expect(try parser.feed(Array("\nb,a".utf8).reversed()) == [CSVRow(fields: ["a", "b"], line: 1)])
        #expect(try parser.feed("c,\"d\"\n".utf8) == [CSVRow(fields: ["c", "d"], line: 2)])
    }

    @Test func doesNotEnforceFieldCount() throws {
        #expect(try parseAll("a,b,c\nd\n").map(\.fields.count) == [3, 1])
    }

    @Test func finishResetsForReuse() throws {
        var parser = CSVParser()
        _ = try parser.feed(Array("x,y".utf8))
        #expect(try parser.finish() == [CSVRow(fields: ["x", "y"], line: 1)])
        #expect(try parser.feed(Array("z\n".utf8)) == [CSVRow(fields: ["z"], line: 1)])
    }
}

@Suite struct CSVWriterTests {
    @Test func quotesOnlyWhenNeeded() {
        #expect(CSVWriter.field("plain") == "plain")
        #expect(CSVWriter.field("") == "")
        #expect(CSVWriter.field("한글") == "한글")
        #expect(CSVWriter.field("a,b") == "\"a,b\"")
        #expect(CSVWriter.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVWriter.field("two\nlines") == "\"two\nlines\"")
        #expect(CSVWriter.field("cr\r") == "\"cr\r\"")
        #expect(CSVWriter.field(" lead") == "\" lead\"")
        #expect(CSVWriter.field("trail ") == "\"trail \"")
        #expect(CSVWriter.field(" \"q\" ") == "\" \"\"q\"\" \"")
        #expect(CSVWriter.field("in side") == "in side")
    }

    @Test func writesLinesWithCRLF() {
        #expect(CSVWriter.line(["a", "b,c", ""]) == "a,\"b,c\",\r\n")
        #expect(CSVWriter.line([]) == "\r\n")
    }

    @Test func roundTripsThroughParser() throws {
        let rows: [[String]] = [
            ["id", "이름", "note"],
            ["1", " 山田 ", "He said \"hi\", then left\r\nsecond line"],
            ["2", "", "\"\""],
            ["3", "😀", "a\"b"],
        ]
        let text = rows.map(CSVWriter.line).joined()
        #expect(try parseAll(text).map(\.fields) == rows)
        #expect(try parseAll(text, chunkSize: 3).map(\.fields) == rows)
    }
}
