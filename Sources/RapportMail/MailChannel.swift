import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

/// How the SMTP and IMAP clients reach a server: TLS 1.2 or later with the system's roots
/// and any the operator adds, and a connection that is in TLS from its first byte when the
/// port asks for it (465, 993); STARTTLS upgrades later, in each protocol's own session.
enum MailChannel {
    static func tlsContext(trusting extra: [NIOSSLCertificate]) throws -> NIOSSLContext {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        if !extra.isEmpty { tls.additionalTrustRoots = [.certificates(extra)] }
        return try NIOSSLContext(configuration: tls)
    }

    static func connect(group: any EventLoopGroup, host: String, port: Int, timeout: TimeAmount, implicitTLS: NIOSSLContext?) async throws
        -> NIOAsyncChannel<ByteBuffer, ByteBuffer> {
        try await ClientBootstrap(group: group)
            .connectTimeout(timeout)
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let implicitTLS {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: implicitTLS, serverHostname: host))
                    }
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
    }
}

/// Why a read from a mail server brought nothing, for each protocol to name in its own errors.
enum MailReadFailure: Error {
    case timedOut
    case tls(String)
    /// The server closed the connection.
    case closed
    case connection(String)
}

extension MailChannel {
    /// The next bytes from the server, within `deadline` from now: the channel is closed
    /// when time runs out, which ends the pending read. `handshaking` says a TLS handshake
    /// is under way, so a failure then is TLS's, not the network's.
    static func next(_ inbound: inout NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator, channel: any Channel, deadline: TimeAmount,
                     handshaking: Bool) async throws(MailReadFailure) -> ByteBuffer {
        let timedOut = NIOLockedValueBox(false)
        let timer = channel.eventLoop.scheduleTask(in: deadline) {
            timedOut.withLockedValue { $0 = true }
            channel.close(promise: nil)
        }
        defer { timer.cancel() }
        let chunk: ByteBuffer?
        do {
            chunk = try await inbound.next()
        } catch {
            if timedOut.withLockedValue({ $0 }) { throw .timedOut }
            if error is NIOSSLError || handshaking { throw .tls("\(error)") }
            throw .connection("\(error)")
        }
        guard let chunk else {
            if timedOut.withLockedValue({ $0 }) { throw .timedOut }
            if handshaking { throw .tls("the connection ended during the TLS handshake") }
            throw .closed
        }
        return chunk
    }
}
