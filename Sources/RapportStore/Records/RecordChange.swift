import RapportKit

/// One committed-to-be change the engine made: a create (`before` nil), an update, or a
/// delete (`after` nil). Subscribers see it inside the write's transaction, so what they
/// record (a notification, later a webhook delivery) lands with the change or not at all.
public struct RecordChange: Sendable {
    public var type: RecordType
    public var before: StoredRecord?
    public var after: StoredRecord?
    public var actor: Actor
    /// The write's timestamp, RFC 3339 UTC.
    public var at: String
}

/// Something that reacts to every change of every record type (notifications; webhooks and
/// automation later). The engine calls each subscriber after the type's own write rules and
/// knows nothing of what a subscriber does.
public struct RecordChangeSubscriber: Sendable {
    public typealias Handle = @Sendable (RecordStore, Session, RecordChange) async throws -> Void

    public var name: String
    public var handle: Handle

    public init(name: String, handle: @escaping Handle) {
        self.name = name
        self.handle = handle
    }

    /// The subscribers every store starts with.
    public static let builtIn: [RecordChangeSubscriber] = [NotificationRules.subscriber]
}

extension RecordStore {
    /// Hands a change to every subscriber, inside the write's transaction.
    func publish(_ s: Session, _ change: RecordChange) async throws {
        for subscriber in subscribers { try await subscriber.handle(self, s, change) }
    }
}
