import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

/// Hands one message to a relay (RFC 5321) and says exactly what happened to each
/// recipient. One connection per message: an outbox job sends one message per run, and
/// a fresh session never inherits a half-finished transaction.
public struct SMTPClient: Sendable {
    public let configuration: SMTPConfiguration
    let group: any EventLoopGroup

    public init(configuration: SMTPConfiguration, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.configuration = configuration
        self.group = group
    }

    /// What the relay accepted. Recipients it refused are listed with its reply; the
    /// message went to the others.
    public struct Delivery: Sendable, Equatable {
        public var accepted: [String]
        public var refused: [Refusal]
        /// The reply to the end of DATA, often naming the relay's queue id.
        public var reply: SMTPReply

        public struct Refusal: Sendable, Equatable {
            public var recipient: String
            public var reply: SMTPReply
        }
    }

    /// Sends `message` (RFC 5322 bytes) from `sender` to `recipients`; throws
    /// ``SMTPError`` only, so a caller can tell a retry from a bounce.
    public func send(_ message: [UInt8], from sender: String, to recipients: [String]) async throws -> Delivery {
        guard !recipients.isEmpty else { throw SMTPError.protocolViolation("no recipients") }
        let configuration = self.configuration
        let tls: NIOSSLContext?
        do {
            tls = configuration.security == .none ? nil : try MailChannel.tlsContext(trusting: configuration.additionalTrustRoots)
        } catch {
            throw SMTPError.tls("\(error)")
        }
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await MailChannel.connect(group: group, host: configuration.host, port: configuration.port, timeout: configuration.timeouts.connect,
                                                    implicitTLS: configuration.security == .implicitTLS ? tls : nil)
        } catch {
            throw SMTPError.connection("\(configuration.host):\(configuration.port): \(error)")
        }
        do {
            return try await channel.executeThenClose { inbound, outbound in
                var session = SMTPSession(channel: channel.channel, inbound: inbound.makeAsyncIterator(), outbound: outbound)
                session.handshaking = configuration.security == .implicitTLS
                return try await session.run(message, from: sender, to: recipients, configuration: configuration, tls: tls)
            }
        } catch let error as SMTPError {
            throw error
        } catch {
            throw SMTPError.connection("\(error)")
        }
    }

}

/// One conversation: read replies line by line, write commands, upgrade to TLS.
struct SMTPSession {
    let channel: any Channel
    var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    var buffer: [UInt8] = []
    var extensions: [String: String] = [:]
    /// True from the start of a TLS handshake until the first reply through it: a failure
    /// then is the certificate or the handshake, not the network, and is not retried.
    var handshaking = false
    /// RFC 5321 §4.5.3.1.5 allows 512 octets per reply line; some servers send more.
    static let maxLine = 4096

    mutating func run(_ message: [UInt8], from sender: String, to recipients: [String], configuration: SMTPConfiguration, tls: NIOSSLContext?) async throws -> SMTPClient.Delivery {
        try expect(await reply(step: "greeting", timeout: configuration.timeouts.greeting), step: "greeting")
        try await hello(configuration)
        if configuration.security == .startTLS {
            guard extensions["STARTTLS"] != nil, let tls else { throw SMTPError.tls("the server does not offer STARTTLS") }
            try expect(await command("STARTTLS", step: "STARTTLS", timeout: configuration.timeouts.command), step: "STARTTLS")
            // Anything the server sent after its 220 arrived in the clear: a sign of
            // command injection (CVE-2011-0411), so the session ends here.
            guard buffer.isEmpty else { throw SMTPError.tls("plaintext data after STARTTLS") }
            do {
                let handler = try NIOSSLClientHandler(context: tls, serverHostname: configuration.host)
                try await channel.pipeline.addHandler(handler, position: .first)
                handshaking = true
            } catch {
                throw SMTPError.tls("\(error)")
            }
            extensions = [:]
            try await hello(configuration) // RFC 3207 §4.2: forget what was learned before TLS
        }
        if let username = configuration.username, let password = configuration.password {
            try await authenticate(username: username, password: password, configuration: configuration)
        }

        if let limit = extensions["SIZE"].flatMap({ Int($0) }), limit > 0, message.count > limit {
            throw SMTPError.messageTooLarge(limit: limit)
        }
        var mailParameters = ""
        if extensions["SIZE"] != nil { mailParameters += " SIZE=\(message.count)" }
        if message.contains(where: { $0 >= 0x80 }) {
            guard extensions["8BITMIME"] != nil else { throw SMTPError.protocolViolation("8-bit message and the server lacks 8BITMIME") }
            mailParameters += " BODY=8BITMIME"
        }
        if ([sender] + recipients).contains(where: { $0.utf8.contains { $0 >= 0x80 } }) {
            guard extensions["SMTPUTF8"] != nil else { throw SMTPError.utf8NotSupported }
            mailParameters += " SMTPUTF8"
        }
        for address in [sender] + recipients where address.utf8.contains(where: { $0 < 33 || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") }) {
            throw SMTPError.protocolViolation("address with spaces, controls or brackets")
        }

        // RFC 2920: MAIL and every RCPT go out together when the server pipelines.
        let envelope = ["MAIL FROM:<\(sender)>\(mailParameters)"] + recipients.map { "RCPT TO:<\($0)>" }
        var replies: [SMTPReply] = []
        if extensions["PIPELINING"] != nil {
            try await write(envelope.map { $0 + "\r\n" }.joined())
            for _ in envelope { replies.append(try await reply(step: "envelope", timeout: configuration.timeouts.command)) }
        } else {
            for line in envelope {
                let r = try await command(line, step: "envelope", timeout: configuration.timeouts.command)
                replies.append(r)
                if replies.count == 1, !r.isPositive { break }
            }
        }
        try expect(replies[0], step: "MAIL FROM")
        var accepted: [String] = []
        var refused: [SMTPClient.Delivery.Refusal] = []
        for (recipient, r) in zip(recipients, replies.dropFirst()) {
            if r.isPositive { accepted.append(recipient) } else { refused.append(.init(recipient: recipient, reply: r)) }
        }
        guard !accepted.isEmpty else {
            _ = try? await command("RSET", step: "RSET", timeout: configuration.timeouts.command)
            let first = refused.first(where: { $0.reply.isTransient }) ?? refused[0]
            throw first.reply.isTransient ? SMTPError.transient(step: "RCPT TO", reply: first.reply) : SMTPError.permanent(step: "RCPT TO", reply: first.reply)
        }
        let start = try await command("DATA", step: "DATA", timeout: configuration.timeouts.dataStart)
        guard start.code == 354 else { try expect(start, step: "DATA"); throw SMTPError.protocolViolation("DATA answered \(start)") }
        try await write(Self.dotStuffed(message))
        let done = try await reply(step: "end of data", timeout: configuration.timeouts.dataEnd)
        try expect(done, step: "end of data")
        _ = try? await command("QUIT", step: "QUIT", timeout: .seconds(10))
        return SMTPClient.Delivery(accepted: accepted, refused: refused, reply: done)
    }

    mutating func hello(_ configuration: SMTPConfiguration) async throws {
        let ehlo = try await command("EHLO \(configuration.heloName)", step: "EHLO", timeout: configuration.timeouts.command)
        if ehlo.isPositive {
            for line in ehlo.lines.dropFirst() {
                let parts = line.split(separator: " ", maxSplits: 1)
                guard let keyword = parts.first else { continue }
                extensions[keyword.uppercased()] = parts.count > 1 ? String(parts[1]) : ""
            }
            // Some servers still announce AUTH as "AUTH=LOGIN PLAIN".
            for line in ehlo.lines where line.uppercased().hasPrefix("AUTH=") && extensions["AUTH"] == nil {
                extensions["AUTH"] = String(line.dropFirst(5))
            }
        } else {
            try expect(await command("HELO \(configuration.heloName)", step: "HELO", timeout: configuration.timeouts.command), step: "HELO")
        }
    }

    mutating func authenticate(username: String, password: String, configuration: SMTPConfiguration) async throws {
        let mechanisms = Set((extensions["AUTH"] ?? "").uppercased().split(separator: " ").map(String.init))
        let timeout = configuration.timeouts.command
        if mechanisms.contains("PLAIN") {
            let token = Base64.encode([0] + Array(username.utf8) + [0] + Array(password.utf8), lineLength: 0)
            try expect(await command("AUTH PLAIN " + String(decoding: token, as: UTF8.self), step: "AUTH", timeout: timeout), step: "AUTH")
        } else if mechanisms.contains("LOGIN") {
            let first = try await command("AUTH LOGIN", step: "AUTH", timeout: timeout)
            guard first.code == 334 else { try expect(first, step: "AUTH"); throw SMTPError.protocolViolation("AUTH LOGIN answered \(first)") }
            let second = try await command(String(decoding: Base64.encode(Array(username.utf8), lineLength: 0), as: UTF8.self), step: "AUTH", timeout: timeout)
            guard second.code == 334 else { try expect(second, step: "AUTH"); throw SMTPError.protocolViolation("AUTH LOGIN answered \(second)") }
            try expect(await command(String(decoding: Base64.encode(Array(password.utf8), lineLength: 0), as: UTF8.self), step: "AUTH", timeout: timeout), step: "AUTH")
        } else {
            throw SMTPError.permanent(step: "AUTH", reply: SMTPReply(code: 504, lines: ["the server offers neither AUTH PLAIN nor AUTH LOGIN"]))
        }
    }

    func expect(_ reply: SMTPReply, step: String) throws {
        if reply.isPositive { return }
        throw reply.isTransient ? SMTPError.transient(step: step, reply: reply) : SMTPError.permanent(step: step, reply: reply)
    }

    /// Sends one command line and reads its reply. Errors name the step, never the line
    /// (AUTH lines carry credentials).
    mutating func command(_ line: String, step: String, timeout: TimeAmount) async throws -> SMTPReply {
        guard !line.utf8.contains(where: { $0 == 13 || $0 == 10 }) else { throw SMTPError.protocolViolation("line break inside a command") }
        try await write(line + "\r\n")
        return try await reply(step: step, timeout: timeout)
    }

    func write(_ text: String) async throws { try await write(Array(text.utf8)) }

    func write(_ bytes: [UInt8]) async throws {
        do {
            try await outbound.write(ByteBuffer(bytes: bytes))
        } catch {
            if error is NIOSSLError || handshaking { throw SMTPError.tls("\(error)") }
            throw SMTPError.connection("write: \(error)")
        }
    }

    /// Reads one whole reply, each read within `timeout`.
    mutating func reply(step: String, timeout: TimeAmount) async throws -> SMTPReply {
        var reader = SMTPReply.Reader()
        while true {
            if let newline = buffer.firstIndex(of: 10) {
                var line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                if line.last == 13 { line.removeLast() }
                if let done = try reader.add(String(decoding: line, as: UTF8.self)) { return done }
                continue
            }
            guard buffer.count <= Self.maxLine else { throw SMTPError.protocolViolation("reply line longer than \(Self.maxLine) bytes") }
            let chunk: ByteBuffer
            do {
                chunk = try await MailChannel.next(&inbound, channel: channel, deadline: timeout, handshaking: handshaking)
            } catch {
                switch error {
                case .timedOut: throw SMTPError.timeout(step: step)
                case .tls(let m): throw SMTPError.tls(m)
                case .closed: throw SMTPError.connection("\(step): the server closed the connection")
                case .connection(let m): throw SMTPError.connection("\(step): \(m)")
                }
            }
            handshaking = false
            buffer += chunk.readableBytesView
        }
    }

    /// RFC 5321 §4.5.2: a line that starts with "." gets another, line ends become CRLF,
    /// and the message ends with CRLF "." CRLF.
    static func dotStuffed(_ message: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(message.count + message.count / 50 + 5)
        var atLineStart = true
        var previous: UInt8 = 0
        for byte in message {
            if byte == 10, previous != 13 { out.append(13) }
            if byte != 10, previous == 13 { out.append(10); atLineStart = true } // a bare CR ends a line too
            if atLineStart, byte == UInt8(ascii: ".") { out.append(UInt8(ascii: ".")) }
            out.append(byte)
            atLineStart = byte == 10
            previous = byte
        }
        if previous == 13 { out.append(10) } else if !out.isEmpty, previous != 10 { out += [13, 10] }
        out += Array(".\r\n".utf8)
        return out
    }
}
