import NIOCore
import NIOPosix

/// An LMTP listener (``LMTPSession``) for an MTA on the same host or network: Postfix's
/// `lmtp:inet:127.0.0.1:2424` hands each message here instead of piping it to a process.
///
/// Each connection is served in order: replies are written after the line that asked for
/// them, and a pipelined batch waits while a message is taken in. A connection idle for
/// five minutes is told so and closed (RFC 5321's server timeout); a line longer than the
/// size limit without an end is the end of that connection.
public struct LMTPServer: Sendable {
    public typealias Deliver = @Sendable (_ message: [UInt8], _ recipients: [String]) async -> LMTPSession.Outcome

    public var host: String
    public var port: Int
    public var hostname: String
    public var maxBytes: Int
    public var idleTimeout: TimeAmount = .minutes(5)
    /// What each complete message goes to; public so the intake it wraps can be exercised
    /// without a socket.
    public let deliver: Deliver

    public init(host: String, port: Int, hostname: String = "rapport", maxBytes: Int, deliver: @escaping Deliver) {
        self.host = host
        self.port = port
        self.hostname = hostname
        self.maxBytes = maxBytes
        self.deliver = deliver
    }

    /// Listens until the task is cancelled; `bound` is told the port (useful with port 0).
    public func run(bound: @Sendable (Int) -> Void = { _ in }) async throws {
        let timeout = idleTimeout
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 64)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(IdleStateHandler(readTimeout: timeout))
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        bound(server.channel.localAddress?.port ?? port)
        do {
            try await listen(server)
        } catch where Task.isCancelled {
            // Asked to stop: the connections ended with the listener; not a failure.
        }
    }

    private func listen(_ server: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>) async throws {
        try await withTaskCancellationHandler {
            try await server.executeThenClose { connections in
                try await withThrowingDiscardingTaskGroup { group in
                    for try await connection in connections {
                        group.addTask { await serve(connection) }
                    }
                }
            }
        } onCancel: {
            server.channel.close(promise: nil)
        }
    }

    func serve(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>) async {
        var session = LMTPSession(hostname: hostname, maxBytes: maxBytes)
        let limit = maxBytes + 1024
        try? await connection.executeThenClose { inbound, outbound in
            func send(_ text: String) async throws {
                try await outbound.write(ByteBuffer(string: text + "\r\n"))
            }
            try await send(session.greeting)
            var pending: [UInt8] = []
            for try await chunk in inbound {
                pending.append(contentsOf: chunk.readableBytesView)
                var start = 0
                while let newline = pending[start...].firstIndex(of: 10) {
                    var line = Array(pending[start..<newline])
                    if line.last == 13 { line.removeLast() }
                    start = newline + 1
                    switch session.receive(line) {
                    case .nothing: continue
                    case .reply(let text): try await send(text)
                    case .close(let text):
                        try await send(text)
                        return
                    case .deliver(let message, let recipients):
                        let outcome = await deliver(message, recipients)
                        try await send(session.replies(outcome).joined(separator: "\r\n"))
                    }
                }
                pending.removeFirst(start)
                if pending.count > limit {
                    try await send("500 5.5.2 Line too long; closing")
                    return
                }
            }
        }
    }
}

/// Closes a connection that has been silent for the idle timeout, after saying why.
final class IdleStateHandler: ChannelDuplexHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    let readTimeout: TimeAmount
    var task: Scheduled<Void>?

    init(readTimeout: TimeAmount) { self.readTimeout = readTimeout }

    func handlerAdded(context: ChannelHandlerContext) { if context.channel.isActive { schedule(context) } }
    func channelActive(context: ChannelHandlerContext) {
        schedule(context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        schedule(context)
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        task?.cancel()
        context.fireChannelInactive()
    }

    private func schedule(_ context: ChannelHandlerContext) {
        task?.cancel()
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        task = context.eventLoop.scheduleTask(in: readTimeout) {
            let context = loopBound.value
            context.writeAndFlush(NIOAny(ByteBuffer(string: "421 4.4.2 Idle too long; closing\r\n")), promise: nil)
            context.close(promise: nil)
        }
    }
}
