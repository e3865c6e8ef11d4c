import Foundation
import RapportKit

/// Attachments on records of every type, through the record engine's own access rules: a
/// file is seen by whoever sees its record (anyone else gets 404, as for the record), and
/// added or removed by whoever may update it. No type is named here, so a type added
/// later has attachments without code of its own.
public struct AttachmentStore: Sendable {
    public let records: RecordStore
    public let blobs: BlobStore
    /// Bytes one file may have (25 MiB unless configured).
    public let maxBytes: Int
    /// Live files one record may hold.
    public let maxPerRecord: Int

    public static let defaultMaxBytes = 25 << 20
    public static let defaultMaxPerRecord = 100

    public init(records: RecordStore, blobs: BlobStore, maxBytes: Int = defaultMaxBytes, maxPerRecord: Int = defaultMaxPerRecord) {
        self.records = records
        self.blobs = blobs
        self.maxBytes = maxBytes
        self.maxPerRecord = maxPerRecord
    }

    var db: Database { records.db }

    /// A record's live files, oldest first; 404 when the actor may not see the record.
    public func list(_ type: RecordType, id: String, actor: Actor) async throws -> [Attachment] {
        _ = try await records.get(type, id: id, actor: actor)
        return try await db.read { s in try await Self.live(s, type: type.name, ids: [id]) }
    }

    /// The live files of several records of one type (a timeline's activities), by record
    /// id. The caller has already limited `ids` to records the actor sees.
    public func files(of typeName: String, ids: [String]) async throws -> [String: [Attachment]] {
        guard !ids.isEmpty else { return [:] }
        let found = try await db.read { s in try await Self.live(s, type: typeName, ids: ids) }
        return Dictionary(grouping: found, by: \.recordID)
    }

    static func live(_ s: Session, type: String, ids: [String]) async throws -> [Attachment] {
        var out: [Attachment] = []
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = SQL.join(ids[start..<min(start + 500, ids.count)].map { "\($0)" }, ", ")
            let rows = try await s.query("""
                SELECT \(raw: Attachment.columns) FROM attachments
                WHERE record_type = \(type) AND record_id IN (\(chunk)) AND deleted_at IS NULL ORDER BY created_at, id
                """)
            out += rows.map(Attachment.init(row:))
        }
        return out
    }

    /// Checks, before an upload is read, that the actor may add files to the record.
    public func checkCanAdd(_ type: RecordType, id: String, actor: Actor) async throws {
        try records.require(.update, type, actor)
        _ = try await records.get(type, id: id, actor: actor)
    }

    /// Keeps an upload as a file of the record: the blob goes into place and the row is
    /// written in one transaction, under a lock on the checksum that erasure takes too,
    /// so a blob is never removed while a new row starts to need it.
    public func add(_ type: RecordType, id: String, fileName rawName: String, upload: BlobWriter.Finished, actor: Actor) async throws -> Attachment {
        defer { unlink(upload.path) }  // gone already once installed; dropped on any refusal
        try records.require(.update, type, actor)
        let fileName: String
        switch AttachmentName.validate(rawName) {
        case .success(let name): fileName = name
        case .failure(let error): throw RecordError.invalid([error])
        }
        guard upload.size > 0 else {
            throw RecordError.invalid([FieldError(field: "file", code: "empty", message: "The file is empty.")])
        }
        return try await db.transaction { s in
            try await s.lockExclusively("blob:" + upload.sha256)
            _ = try await records.load(s, type, id: id, forUpdate: true, actor: actor)
            return try await Self.insert(s, blobs: blobs, typeName: type.name, id: id, fileName: fileName, upload: upload, maxPerRecord: maxPerRecord, actor: actor)
        }
    }

    /// Installs the blob and writes its row in the caller's transaction (which holds the
    /// record and the checksum's lock): the one way a file becomes a record's, for uploads
    /// and for the attachments of received mail alike.
    static func insert(_ s: Session, blobs: BlobStore, typeName: String, id: String, fileName: String, upload: BlobWriter.Finished,
                       maxPerRecord: Int, actor: Actor) async throws -> Attachment {
        let count = Int(try await s.query("SELECT COUNT(*) AS n FROM attachments WHERE record_type = \(typeName) AND record_id = \(id) AND deleted_at IS NULL").first?.int("n") ?? 0)
        guard count < maxPerRecord else {
            throw RecordError.invalid([FieldError(field: "file", code: "too_many", message: "A record holds at most \(maxPerRecord) files; remove one first.")])
        }
        try blobs.install(upload)
        let now = Timestamp.format(Date())
        let attachmentID = RecordID.make()
        try await s.execute("""
            INSERT INTO attachments (id, record_type, record_id, file_name, size, sha256, content_type, created_by, created_at)
            VALUES (\(attachmentID), \(typeName), \(id), \(fileName), \(upload.size), \(upload.sha256), \(upload.sniffer.contentType(fileName: fileName)),
            \(actor.userID), \(now))
            """)
        let row = try await s.query("SELECT \(raw: Attachment.columns) FROM attachments WHERE id = \(attachmentID)")
        guard let stored = row.first.map(Attachment.init(row:)) else { throw RecordError.notFound(type: "attachments", id: attachmentID) }
        try await AuditLog.append(s, actor: actor, action: "attachment.add", type: typeName, id: id, changes: stored.auditChanges, at: now)
        return stored
    }

    /// A live file and its record's type, when the actor may see that record; otherwise
    /// 404 naming only the file, so the answer does not tell which record it belongs to.
    public func find(_ attachmentID: String, actor: Actor) async throws -> (Attachment, RecordType) {
        let notFound = RecordError.notFound(type: "attachments", id: attachmentID)
        guard RecordID.isValid(attachmentID) else { throw notFound }
        let rows = try await db.read { s in
            try await s.query("SELECT \(raw: Attachment.columns) FROM attachments WHERE id = \(attachmentID) AND deleted_at IS NULL")
        }
        guard let attachment = rows.first.map(Attachment.init(row:)) else { throw notFound }
        do {
            let type = try await records.type(named: attachment.recordType)
            _ = try await records.get(type, id: attachment.recordID, actor: actor)
            return (attachment, type)
        } catch RecordError.notFound, RecordError.forbidden {
            throw notFound
        }
    }

    /// Where the bytes of a file are, for serving; nil when the blob is missing.
    public func contentPath(_ attachment: Attachment) -> String? {
        blobs.path(of: attachment.sha256).flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil }
    }

    /// Moves a file to the trash (soft delete, audited); the blob stays for other rows
    /// and for restoring. Needs update permission on its record.
    public func delete(_ attachmentID: String, actor: Actor) async throws -> Attachment {
        let (attachment, type) = try await find(attachmentID, actor: actor)
        try records.require(.update, type, actor)
        return try await db.transaction { s in
            _ = try await records.load(s, type, id: attachment.recordID, forUpdate: true, actor: actor)
            let now = Timestamp.format(Date())
            let changed = try await s.query("UPDATE attachments SET deleted_at = \(now) WHERE id = \(attachmentID) AND deleted_at IS NULL RETURNING id")
            guard !changed.isEmpty else { throw RecordError.notFound(type: "attachments", id: attachmentID) }
            try await AuditLog.append(s, actor: actor, action: "attachment.delete", type: type.name, id: attachment.recordID, changes: attachment.auditChanges, at: now)
            return attachment
        }
    }
}
