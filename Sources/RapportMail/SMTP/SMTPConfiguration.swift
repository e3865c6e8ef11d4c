import NIOCore
import NIOSSL

/// Where and how to hand mail to a relay.
public struct SMTPConfiguration: Sendable {
    public enum Security: Sendable, Equatable {
        /// Plain connection upgraded with STARTTLS, which must be offered (port 587).
        case startTLS
        /// TLS from the first byte (port 465, RFC 8314).
        case implicitTLS
        /// No TLS at all: only for a relay on the same host or network that the operator
        /// chose explicitly; credentials then travel in the clear.
        case none
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var password: String?
    /// The name this host gives in EHLO: the sending domain or the machine's name.
    public var heloName: String
    /// Certificates to trust besides the system's (a private relay's own CA).
    public var additionalTrustRoots: [NIOSSLCertificate]
    /// Limits per step, defaulting to RFC 5321 §4.5.3.2's minimums but shorter for the
    /// initial connection, since a job waiting on a dead relay holds its lease.
    public var timeouts: Timeouts

    public struct Timeouts: Sendable {
        public var connect: TimeAmount = .seconds(30)
        public var greeting: TimeAmount = .minutes(5)
        public var command: TimeAmount = .minutes(5)
        public var dataStart: TimeAmount = .minutes(2)
        public var dataEnd: TimeAmount = .minutes(10)
        public init() {}
    }

    public init(host: String, port: Int, security: Security, username: String? = nil, password: String? = nil,
                heloName: String, additionalTrustRoots: [NIOSSLCertificate] = [], timeouts: Timeouts = Timeouts()) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.heloName = heloName
        self.additionalTrustRoots = additionalTrustRoots
        self.timeouts = timeouts
    }
}
