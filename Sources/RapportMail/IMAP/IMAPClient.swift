import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

/// Where and how to read a mailbox.
public struct IMAPConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The same three ways as for SMTP: STARTTLS (port 143), TLS from the first byte (993),
    /// or none, chosen explicitly for a server on the same host or network.
    public var security: SMTPConfiguration.Security
    public var username: String
    public var password: String
    /// An ASCII folder name (`INBOX` unless set).
    public var folder: String
    public var additionalTrustRoots: [NIOSSLCertificate]
    public var timeout: TimeAmount

    public init(host: String, port: Int, security: SMTPConfiguration.Security, username: String, password: String, folder: String = "INBOX",
                additionalTrustRoots: [NIOSSLCertificate] = [], timeout: TimeAmount = .seconds(60)) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.folder = folder
        self.additionalTrustRoots = additionalTrustRoots
        self.timeout = timeout
    }
}

public enum IMAPError: Error, Sendable, Equatable, CustomStringConvertible {
    case connection(String)
    case tls(String)
    case timeout(String)
    /// The server said NO or BAD (wrong password, no such folder).
    case refused(step: String, text: String)
    case protocolViolation(String)

    public var description: String {
        switch self {
        case .connection(let m): "connection: \(m)"
        case .tls(let m): "TLS: \(m)"
        case .timeout(let step): "no answer to \(step)"
        case .refused(let step, let text): "\(step) refused: \(text)"
        case .protocolViolation(let m): "protocol: \(m)"
        }
    }
}

/// Reads new messages from one IMAP4rev1 mailbox (RFC 3501) by UID: what arrived after the
/// last UID taken, as long as the folder's `UIDVALIDITY` is the one seen before (when it
/// changes, UIDs were renumbered and reading starts again from the first; the intake's
/// `Message-ID` key then keeps what was taken before from coming in twice). Messages are
/// fetched with `BODY.PEEK[]`, so the mailbox's own read state is left alone.
public struct IMAPClient: Sendable {
    public struct Batch: Sendable, Equatable {
        public var uidValidity: UInt32
        /// Oldest first.
        public var messages: [(uid: UInt32, bytes: [UInt8])]
        /// More are waiting beyond `limit`.
        public var more: Bool

        public static func == (a: Batch, b: Batch) -> Bool {
            a.uidValidity == b.uidValidity && a.more == b.more && a.messages.map(\.uid) == b.messages.map(\.uid)
                && a.messages.map(\.bytes) == b.messages.map(\.bytes)
        }
    }

    public let configuration: IMAPConfiguration
    public init(configuration: IMAPConfiguration) { self.configuration = configuration }

    /// Messages with a UID above `lastUID` (all of them when `uidValidity` is not the
    /// folder's), at most `limit`, and at most `maxBytes` each (larger ones are skipped
    /// by size before they are downloaded).
    public func fetch(after lastUID: UInt32, uidValidity: UInt32?, limit: Int = 50, maxBytes: Int) async throws -> Batch {
        let configuration = self.configuration
        guard configuration.folder.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }), !configuration.folder.isEmpty else {
            throw IMAPError.protocolViolation("the folder name must be printable ASCII without quotes or backslashes")
        }
        let tls: NIOSSLContext?
        do {
            tls = configuration.security == .none ? nil : try MailChannel.tlsContext(trusting: configuration.additionalTrustRoots)
        } catch {
            throw IMAPError.tls("\(error)")
        }
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await MailChannel.connect(group: MultiThreadedEventLoopGroup.singleton, host: configuration.host, port: configuration.port,
                                                    timeout: .seconds(30), implicitTLS: configuration.security == .implicitTLS ? tls : nil)
        } catch {
            throw IMAPError.connection("\(configuration.host):\(configuration.port): \(error)")
        }
        do {
            return try await channel.executeThenClose { inbound, outbound in
                var session = IMAPSession(channel: channel.channel, inbound: inbound.makeAsyncIterator(), outbound: outbound, timeout: configuration.timeout)
                return try await session.run(configuration, tls: tls, after: lastUID, uidValidity: uidValidity, limit: limit, maxBytes: maxBytes)
            }
        } catch let error as IMAPError {
            throw error
        } catch {
            throw IMAPError.connection("\(error)")
        }
    }
}

/// One conversation: tagged commands, untagged data, literals.
struct IMAPSession {
    let channel: any Channel
    var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    let timeout: TimeAmount
    var buffer: [UInt8] = []
    var tag = 0
    var handshaking = false

    /// A response line with the literals it carried, in order.
    struct Line {
        var text: String
        var literals: [[UInt8]]
    }

    mutating func run(_ c: IMAPConfiguration, tls: NIOSSLContext?, after lastUID: UInt32, uidValidity known: UInt32?, limit: Int, maxBytes: Int) async throws -> IMAPClient.Batch {
        handshaking = c.security == .implicitTLS
        let greeting = try await line(step: "greeting")
        guard greeting.text.hasPrefix("* OK") || greeting.text.hasPrefix("* PREAUTH") else {
            throw IMAPError.refused(step: "greeting", text: String(greeting.text.prefix(200)))
        }
        if c.security == .startTLS {
            guard let tls else { throw IMAPError.tls("no TLS context") }
            _ = try await command("STARTTLS", step: "STARTTLS")
            // Anything sent after the OK arrived in the clear: the session ends (as for SMTP).
            guard buffer.isEmpty else { throw IMAPError.tls("plaintext data after STARTTLS") }
            do {
                try await channel.pipeline.addHandler(try NIOSSLClientHandler(context: tls, serverHostname: c.host), position: .first)
            } catch {
                throw IMAPError.tls("\(error)")
            }
            handshaking = true
        }
        if !greeting.text.hasPrefix("* PREAUTH") {
            _ = try await command("LOGIN \(try Self.quoted(c.username)) \(try Self.quoted(c.password))", step: "LOGIN")
        }
        let selected = try await command("SELECT \"\(c.folder)\"", step: "SELECT")
        guard let validity = selected.lazy.compactMap({ Self.code("UIDVALIDITY", in: $0.text) }).first.flatMap(UInt32.init) else {
            throw IMAPError.protocolViolation("SELECT gave no UIDVALIDITY")
        }
        let from = known == validity ? lastUID : 0
        // "n:*" names the last message even when its UID is below n (RFC 3501 §6.4.8), so
        // the answer is filtered as well as asked for.
        let found = try await command("UID SEARCH UID \(UInt64(from) + 1):*", step: "SEARCH")
        let uids = found.filter { $0.text.hasPrefix("* SEARCH") }.flatMap { $0.text.dropFirst(8).split(separator: " ").compactMap { UInt32($0) } }
            .filter { $0 > from }.sorted()
        var messages: [(uid: UInt32, bytes: [UInt8])] = []
        let chosen = Array(uids.prefix(limit))
        if !chosen.isEmpty {
            let set = chosen.map(String.init).joined(separator: ",")
            let sizes = try await command("UID FETCH \(set) (UID RFC822.SIZE)", step: "FETCH")
            var small: [UInt32] = []
            for response in sizes {
                guard let uid = Self.item("UID", in: response.text).flatMap(UInt32.init), let size = Self.item("RFC822.SIZE", in: response.text).flatMap(Int.init) else { continue }
                if size <= maxBytes { small.append(uid) }
            }
            if !small.isEmpty {
                let bodies = try await command("UID FETCH \(small.map(String.init).joined(separator: ",")) (UID BODY.PEEK[])", step: "FETCH")
                for response in bodies {
                    guard let uid = Self.item("UID", in: response.text).flatMap(UInt32.init), let body = response.literals.first else { continue }
                    messages.append((uid, body))
                }
            }
            // A message too large to take still moves the mark past it: it stays in the mailbox.
            let skipped = Set(chosen).subtracting(small)
            for uid in skipped { messages.append((uid, [])) }
            messages.sort { $0.uid < $1.uid }
        }
        _ = try? await command("LOGOUT", step: "LOGOUT")
        return IMAPClient.Batch(uidValidity: validity, messages: messages, more: uids.count > chosen.count)
    }

    /// Sends a tagged command and returns the untagged lines before its OK; NO and BAD
    /// are errors naming the step (never the line: LOGIN carries the password).
    mutating func command(_ text: String, step: String) async throws -> [Line] {
        tag += 1
        let label = "r\(tag)"
        try await write(label + " " + text + "\r\n")
        var untagged: [Line] = []
        while true {
            let response = try await line(step: step)
            if response.text.hasPrefix(label + " ") {
                let status = response.text.dropFirst(label.count + 1)
                if status.hasPrefix("OK") { return untagged }
                throw IMAPError.refused(step: step, text: String(status.prefix(200)))
            }
            if response.text.hasPrefix("+") { throw IMAPError.protocolViolation("unexpected continuation in \(step)") }
            untagged.append(response)
        }
    }

    func write(_ text: String) async throws {
        do {
            try await outbound.write(ByteBuffer(string: text))
        } catch {
            throw handshaking ? IMAPError.tls("\(error)") : IMAPError.connection("write: \(error)")
        }
    }

    /// One response line with its literals (`{n}` then n bytes, then the line goes on).
    mutating func line(step: String) async throws -> Line {
        var text = ""
        var literals: [[UInt8]] = []
        while true {
            let part = try await rawLine(step: step)
            let s = String(decoding: part, as: UTF8.self)
            if s.hasSuffix("}"), let open = s.lastIndex(of: "{"), let count = Int(s[s.index(after: open)..<s.index(before: s.endIndex)].filter { $0 != "+" }) {
                guard count <= 64 << 20 else { throw IMAPError.protocolViolation("literal of \(count) bytes") }
                text += s[..<open]
                literals.append(try await bytes(count, step: step))
                text += "\u{0}"
                continue
            }
            text += s
            return Line(text: text, literals: literals)
        }
    }

    mutating func rawLine(step: String) async throws -> [UInt8] {
        while true {
            if let newline = buffer.firstIndex(of: 10) {
                var line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                if line.last == 13 { line.removeLast() }
                return line
            }
            guard buffer.count <= 1 << 20 else { throw IMAPError.protocolViolation("line longer than 1 MiB") }
            try await fill(step: step)
        }
    }

    mutating func bytes(_ count: Int, step: String) async throws -> [UInt8] {
        while buffer.count < count { try await fill(step: step) }
        let out = Array(buffer[..<count])
        buffer.removeSubrange(..<count)
        return out
    }

    mutating func fill(step: String) async throws {
        let chunk: ByteBuffer
        do {
            chunk = try await MailChannel.next(&inbound, channel: channel, deadline: timeout, handshaking: handshaking)
        } catch {
            switch error {
            case .timedOut: throw IMAPError.timeout(step)
            case .tls(let m): throw IMAPError.tls(m)
            case .closed: throw IMAPError.connection("\(step): the server closed the connection")
            case .connection(let m): throw IMAPError.connection("\(step): \(m)")
            }
        }
        handshaking = false
        buffer += chunk.readableBytesView
    }

    /// `"…"` with `\` and `"` escaped; CR, LF and NUL cannot be sent in a quoted string.
    static func quoted(_ s: String) throws -> String {
        guard !s.utf8.contains(where: { $0 == 0 || $0 == 10 || $0 == 13 }) else { throw IMAPError.protocolViolation("line break in a credential") }
        return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// The number in a response code such as `[UIDVALIDITY 3857529045]`.
    static func code(_ name: String, in text: String) -> String? {
        guard let r = text.range(of: "[\(name) ") else { return nil }
        return String(text[r.upperBound...].prefix { $0.isNumber })
    }

    /// The value after a FETCH item name (`UID 7`, `RFC822.SIZE 342`).
    static func item(_ name: String, in text: String) -> String? {
        guard let r = text.range(of: "(\(name) ") ?? text.range(of: " \(name) ") else { return nil }
        let value = text[r.upperBound...].prefix { $0.isNumber }
        return value.isEmpty ? nil : String(value)
    }
}
