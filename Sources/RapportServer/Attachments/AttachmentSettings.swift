import RapportStore

/// Where `serve` keeps attachment files and how large one may be.
public struct AttachmentSettings: Sendable {
    /// The blob directory; nil for the default beside the SQLite file (or `rapport-files`
    /// in the working directory on PostgreSQL, see ``BlobStore/defaultRoot(for:)``).
    public var directory: String?
    public var maxBytes: Int
    public var maxPerRecord: Int

    public init(directory: String? = nil, maxBytes: Int = AttachmentStore.defaultMaxBytes, maxPerRecord: Int = AttachmentStore.defaultMaxPerRecord) {
        self.directory = directory
        self.maxBytes = maxBytes
        self.maxPerRecord = maxPerRecord
    }

    func store(records: RecordStore) -> AttachmentStore {
        AttachmentStore(records: records, blobs: BlobStore(root: directory ?? BlobStore.defaultRoot(for: records.db)), maxBytes: maxBytes, maxPerRecord: maxPerRecord)
    }
}
