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
