import Logging
import RapportMail
import ServiceLifecycle

/// The LMTP listener as one of `serve`'s services: on SIGTERM it stops listening with the
/// HTTP server. A delivery cut off then gets no reply, and an MTA retries what it has no
/// reply for; the reply is written only after the message is committed.
struct LMTPService: Service {
    let server: LMTPServer
    let logger: Logger

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            try await server.run { port in logger.info("LMTP on \(server.host):\(port)") }
        }
    }
}
