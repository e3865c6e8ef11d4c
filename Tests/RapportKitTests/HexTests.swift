import Testing
@testable import RapportKit

@Suite struct HexTests {
    @Test func decodesEitherCase() {
        #expect(Hex.decode("00ff10Ab") == [0, 255, 16, 171])
        #expect(Hex.decode("DEADBEEF") == [0xDE, 0xAD, 0xBE, 0xEF])
        #expect(Hex.decode("") == [])
    }

    @Test(arguments: ["0", "abc", "00f", "zz", "0g", "g0", " 0", "0 ", "0x00", "-1", "é", "１２"])
    func rejectsOddLengthsAndOtherCharacters(_ text: String) {
        #expect(Hex.decode(text) == nil)
    }

    @Test func encodesLowerCase() {
        #expect(Hex.encode([0, 255, 16, 171]) == "00ff10ab")
        #expect(Hex.encode([UInt8]()) == "")
    }

    @Test(arguments: [0, 1, 2, 15, 16, 32, 255, 1000])
    func roundTripsRandomBytes(_ count: Int) {
        var rng = SystemRandomNumberGenerator()
        let bytes = (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &rng) }
        let text = Hex.encode(bytes)
        #expect(text.utf8.count == count * 2)
        #expect(Hex.decode(text) == bytes)
        #expect(Hex.decode(text.uppercased()) == bytes)
    }

    @Test func roundTripsEveryByte() {
        let bytes = (0...255).map(UInt8.init)
        #expect(Hex.decode(Hex.encode(bytes)) == bytes)
    }
}
