/// A server's reply (RFC 5321 §4.2): a three-digit code and one or more lines of text.
public struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
    public var code: Int
    public var lines: [String]

    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    public var isPositive: Bool { (200..<400).contains(code) }
    /// 4xx: the same message may be accepted later (RFC 5321 §4.2.1), so it is retried.
    public var isTransient: Bool { (400..<500).contains(code) }
    /// 5xx: sending it again will fail again, so it is not retried.
    public var isPermanent: Bool { code >= 500 }

    public var description: String { "\(code) " + lines.joined(separator: " / ") }

    /// Accumulates reply lines until the last one (`250 ok` after `250-…` lines).
    struct Reader {
        private var code: Int?
        private var lines: [String] = []
        static let maxLines = 200

        /// The finished reply, nil when more lines follow; throws on a line that is not a reply.
        mutating func add(_ line: String) throws(SMTPError) -> SMTPReply? {
            let scalars = Array(line.utf8)
            guard scalars.count >= 3, scalars[0...2].allSatisfy({ (48...57).contains($0) }),
                  let value = Int(String(decoding: scalars[0...2], as: UTF8.self)), (200...599).contains(value) else {
                throw .protocolViolation("not a reply: \(line.prefix(80))")
            }
            if let code, code != value { throw .protocolViolation("reply code changed from \(code) to \(value)") }
            code = value
            let separator = scalars.count > 3 ? scalars[3] : 32
            lines.append(scalars.count > 4 ? String(decoding: scalars[4...], as: UTF8.self) : "")
            if lines.count > Self.maxLines { throw .protocolViolation("reply longer than \(Self.maxLines) lines") }
            if separator == UInt8(ascii: "-") { return nil }
            defer { self = Reader() }
            return SMTPReply(code: value, lines: lines)
        }
    }
}

/// Why a delivery did not happen, told apart the way an outbox needs: a transient
/// failure is retried with backoff, a permanent one is reported to the sender.
public enum SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A 4xx reply: try again later.
    case transient(step: String, reply: SMTPReply)
    /// A 5xx reply: do not try again.
    case permanent(step: String, reply: SMTPReply)
    /// No answer within the step's time limit (RFC 5321 §4.5.3.2).
    case timeout(step: String)
    /// The connection could not be made or was lost.
    case connection(String)
    /// TLS was required and the server does not offer it, or the handshake failed.
    case tls(String)
    /// The server answered something that is not SMTP.
    case protocolViolation(String)
    /// The message is larger than the server's SIZE limit.
    case messageTooLarge(limit: Int)
    /// The message needs SMTPUTF8 (a non-ASCII address) and the server does not offer it.
    case utf8NotSupported

    /// True when sending the same message again later may succeed.
    public var isTransient: Bool {
        switch self {
        case .transient, .timeout, .connection: true
        case .permanent, .tls, .protocolViolation, .messageTooLarge, .utf8NotSupported: false
        }
    }

    public var description: String {
        switch self {
        case .transient(let step, let reply): "\(step): temporary failure \(reply)"
        case .permanent(let step, let reply): "\(step): refused \(reply)"
        case .timeout(let step): "\(step): no answer in time"
        case .connection(let why): "connection: \(why)"
        case .tls(let why): "TLS: \(why)"
        case .protocolViolation(let why): "protocol: \(why)"
        case .messageTooLarge(let limit): "the message is larger than the server's limit of \(limit) bytes"
        case .utf8NotSupported: "the server does not accept non-ASCII addresses (no SMTPUTF8)"
        }
    }
}
