/// One LMTP conversation (RFC 2033) as a state machine over lines, without the network:
/// the server feeds it each line it reads and writes back what it answers.
///
/// LMTP is SMTP for the last hop (an MTA such as Postfix handing mail to the mailbox
/// store): `LHLO` instead of `EHLO`, and after the data one reply per accepted recipient,
/// so the MTA knows which deliveries to retry. Rapport takes one message into the service
/// desk whatever the number of recipients, so every recipient gets the same answer.
///
/// Strict where it matters: commands in order (503), an overlong command line (500), a
/// declared or actual size above the limit (552, the MTA returns the mail to its
/// sender), at most 100 recipients (452). The data is read to its end even when it is
/// too large, so the conversation stays in step.
public struct LMTPSession: Sendable {
    public enum Step: Sendable, Equatable {
        case reply(String)
        /// The message is complete: take it in, then answer with ``replies(_:)``.
        case deliver(message: [UInt8], recipients: [String])
        /// Answer, then close the connection.
        case close(String)
        /// A line of data: nothing to answer yet.
        case nothing
    }

    /// What became of a delivered message, as the MTA should read it.
    public enum Outcome: Sendable, Equatable {
        case accepted
        /// Refused for good (too large, empty): the MTA bounces it.
        case rejected(String)
        /// Could not be taken now (the database is down): the MTA keeps it and retries.
        case deferred
    }

    public static let maxCommandLength = 512
    public static let maxRecipients = 100

    public let hostname: String
    public let maxBytes: Int
    private var greeted = false
    private var sender: String?
    private var recipients: [String] = []
    private var inData = false
    private var data: [UInt8] = []
    private var tooLarge = false

    public init(hostname: String, maxBytes: Int) {
        self.hostname = hostname
        self.maxBytes = maxBytes
    }

    public var greeting: String { "220 \(hostname) Rapport LMTP ready" }

    /// One line as read, without its CR LF.
    public mutating func receive(_ line: [UInt8]) -> Step {
        if inData { return dataLine(line) }
        guard line.count <= Self.maxCommandLength else { return .reply("500 5.5.2 Line too long") }
        let text = String(decoding: line, as: UTF8.self)
        let verb = text.prefix { $0 != " " }.uppercased()
        let argument = text.dropFirst(verb.count).drop { $0 == " " }
        switch verb {
        case "LHLO":
            guard !argument.isEmpty else { return .reply("501 5.5.4 LHLO needs a domain") }
            greeted = true
            reset()
            return .reply(["250-\(hostname)", "250-PIPELINING", "250-ENHANCEDSTATUSCODES", "250-8BITMIME", "250-SMTPUTF8", "250 SIZE \(maxBytes)"]
                .joined(separator: "\r\n"))
        case "HELO", "EHLO":
            return .reply("500 5.5.1 This is LMTP: say LHLO")
        case "MAIL":
            guard greeted else { return .reply("503 5.5.1 LHLO first") }
            guard sender == nil else { return .reply("503 5.5.1 Sender already given") }
            guard argument.uppercased().hasPrefix("FROM:"), let (address, parameters) = Self.path(argument.dropFirst(5)) else {
                return .reply("501 5.5.4 Syntax: MAIL FROM:<address>")
            }
            for parameter in parameters where parameter.uppercased().hasPrefix("SIZE=") {
                guard let size = Int(parameter.dropFirst(5)) else { return .reply("501 5.5.4 SIZE needs a number") }
                if size > maxBytes { return .reply("552 5.3.4 Message larger than \(maxBytes) bytes") }
            }
            sender = address
            return .reply("250 2.1.0 Sender OK")
        case "RCPT":
            guard sender != nil else { return .reply("503 5.5.1 MAIL first") }
            guard argument.uppercased().hasPrefix("TO:"), let (address, _) = Self.path(argument.dropFirst(3)), !address.isEmpty else {
                return .reply("501 5.5.4 Syntax: RCPT TO:<address>")
            }
            guard recipients.count < Self.maxRecipients else { return .reply("452 4.5.3 Too many recipients") }
            recipients.append(address)
            return .reply("250 2.1.5 Recipient OK")
        case "DATA":
            guard sender != nil else { return .reply("503 5.5.1 MAIL first") }
            guard !recipients.isEmpty else { return .reply("503 5.5.1 RCPT first") }
            guard argument.isEmpty else { return .reply("501 5.5.4 DATA takes no argument") }
            inData = true
            return .reply("354 Start mail input; end with <CRLF>.<CRLF>")
        case "RSET":
            reset()
            return .reply("250 2.0.0 OK")
        case "NOOP":
            return .reply("250 2.0.0 OK")
        case "VRFY":
            return .reply("252 2.5.0 Cannot verify; send the mail")
        case "QUIT":
            return .close("221 2.0.0 \(hostname) closing")
        default:
            return .reply("500 5.5.1 Unknown command")
        }
    }

    /// One reply per recipient for the message just delivered.
    public mutating func replies(_ outcome: Outcome) -> [String] {
        let count = recipients.count
        reset()
        let line: String
        switch outcome {
        case .accepted: line = "250 2.0.0 Delivered"
        case .rejected(let reply): line = reply
        case .deferred: line = "451 4.3.0 Cannot take the message now; try again later"
        }
        return Array(repeating: line, count: count)
    }

    private mutating func dataLine(_ line: [UInt8]) -> Step {
        if line == [0x2E] {
            inData = false
            if tooLarge {
                let count = recipients.count
                reset()
                return .reply(Array(repeating: "552 5.3.4 Message larger than \(maxBytes) bytes", count: count).joined(separator: "\r\n"))
            }
            return .deliver(message: data, recipients: recipients)
        }
        guard !tooLarge else { return .nothing }
        // Dot-stuffing (RFC 5321 §4.5.2): a leading dot was doubled by the sender.
        let content = line.first == 0x2E ? line.dropFirst() : line[...]
        if data.count + content.count + 2 > maxBytes {
            tooLarge = true
            data = []
            return .nothing
        }
        data.append(contentsOf: content)
        data.append(contentsOf: [13, 10])
        return .nothing
    }

    private mutating func reset() {
        sender = nil
        recipients = []
        data = []
        inData = false
        tooLarge = false
    }

    /// `<address> PARAM=VALUE …` → the address (empty for the null sender `<>`) and the
    /// parameters; nil without the angle brackets.
    static func path<S: StringProtocol>(_ text: S) -> (String, [Substring])? {
        let trimmed = text.drop { $0 == " " }
        guard trimmed.first == "<", let close = trimmed.firstIndex(of: ">") else { return nil }
        let address = String(trimmed[trimmed.index(after: trimmed.startIndex)..<close])
        guard !address.contains(where: { $0 == " " || $0 == "<" }) else { return nil }
        let rest = String(trimmed[trimmed.index(after: close)...])
        return (address, rest.split(separator: " "))
    }
}
