import Testing
@testable import RapportMail

/// RFC 2045 §5.1 parameters with the continuations and charsets of RFC 2231's examples.
@Suite struct HeaderParameterTests {
    @Test func rfc2231Examples() {
        let continued = HeaderValueWithParameters(parsing: "message/external-body; access-type=URL;\r\n URL*0=\"ftp://\";\r\n URL*1=\"cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar\"")
        #expect(continued.value == "message/external-body")
        #expect(continued[parameter: "access-type"] == "URL")
        #expect(continued[parameter: "url"] == "ftp://cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar")
        let charset = HeaderValueWithParameters(parsing: "application/x-stuff;\r\n title*=us-ascii'en-us'This%20is%20%2A%2A%2Afun%2A%2A%2A")
        #expect(charset[parameter: "title"] == "This is ***fun***")
        let mixed = HeaderValueWithParameters(parsing: "application/x-stuff;\r\n title*0*=us-ascii'en'This%20is%20even%20more%20;\r\n title*1*=%2A%2A%2Afun%2A%2A%2A%20;\r\n title*2=\"isn't it!\"")
        #expect(mixed[parameter: "title"] == "This is even more ***fun*** isn't it!")
    }

    @Test func namesAsMailersWriteThem() {
        let korean = HeaderValueWithParameters(parsing: "attachment; filename*=UTF-8''%EA%B2%AC%EC%A0%81%EC%84%9C.pdf")
        #expect(korean.value == "attachment")
        #expect(korean[parameter: "filename"] == "견적서.pdf")
        let encodedWord = HeaderValueWithParameters(parsing: "application/pdf; name=\"=?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?=.pdf\"")
        #expect(encodedWord[parameter: "name"] == "テスト.pdf")
        let quoted = HeaderValueWithParameters(parsing: "Multipart/Mixed (a comment); Boundary=\"a\\\"b; c\" ; charset=UTF-8")
        #expect(quoted.value == "multipart/mixed")
        #expect(quoted[parameter: "boundary"] == "a\"b; c")
        #expect(quoted[parameter: "charset"] == "UTF-8")
    }

    @Test func garbageIsNotFatal() {
        for raw in ["", ";", ";;=;", "text/plain; =x", "text/plain; name*0*=%", "text/plain; a*1=b", "x; y=\"unterminated", "x (\\", "text/plain; a=(b\\"] {
            _ = HeaderValueWithParameters(parsing: raw)
        }
        #expect(HeaderValueWithParameters(parsing: "")  == HeaderValueWithParameters(value: ""))
        // A continuation without its first section is not a value.
        #expect(HeaderValueWithParameters(parsing: "text/plain; a*1=b")[parameter: "a"] == nil)
        #expect(HeaderValueWithParameters(parsing: "x; y=\"unterminated")[parameter: "y"] == "unterminated")
    }

    /// Every parser a received header meets, over generated headers full of control bytes,
    /// comments and quotes: each must end (a backspace once made the Content-Type loop spin).
    @Test(.timeLimit(.minutes(10))) func generatedHeadersAlwaysEnd() {
        var random = SystemRandomNumberGenerator()
        let pieces: [String] = ["text/plain", ";", "=", "\"", "(", ")", "\\", " ", "\t", "\r\n ", "charset", "name*0*", "*", "'", "%", "=?", "?=", "<", ">", "@", ",", ":",
                                "\u{08}", "\u{00}", "\u{7F}", "\u{1B}$B", "김", "テ"]
        for _ in 0..<10000 {
            let raw = (0..<Int.random(in: 0...16, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            _ = HeaderValueWithParameters(parsing: raw)
            _ = MailAddress.parseList(raw)
            _ = EncodedWords.decode(raw)
            _ = MailMessage(parsing: Array("Content-Type: \(raw)\r\nFrom: \(raw)\r\nSubject: \(raw)\r\n\r\nbody".utf8))
        }
    }
}
