import Foundation
import RapportKit
import RapportMail

/// A file chosen in the composer, written to the blob store's temporary place and waiting
/// for its message.
public struct PendingFile: Sendable {
    public var name: String
    public var upload: BlobWriter.Finished

    public init(name: String, upload: BlobWriter.Finished) {
        self.name = name
        self.upload = upload
    }
}

/// The files a new ticket message carries, held for the transaction that creates it, so
/// the message, its files and (for a public reply) the mail that carries them commit
/// together: the requester never gets a reply whose attachment is missing, and a refused
/// message leaves no orphaned file behind it.
struct TicketMessageFiles: Sendable {
    static let memo = "ticket.message.files"
    /// Files one message may carry, and their bytes together (what one mail can take).
    static let maxFiles = 10
    var blobs: BlobStore
    var files: [PendingFile]

    /// The files with their names checked as every attachment's are; a refused name or
    /// too many files is one 422 naming `file`.
    static func checked(_ files: [PendingFile], blobs: BlobStore) throws -> TicketMessageFiles {
        var named: [PendingFile] = []
        var errors: [FieldError] = []
        if files.count > maxFiles {
            errors.append(FieldError(field: "file", code: "too_many", message: "At most \(maxFiles) files with one message."))
        }
        for file in files {
            switch AttachmentName.validate(file.name) {
            case .success(let name): named.append(PendingFile(name: name, upload: file.upload))
            case .failure(var error):
                error.field = "file"
                errors.append(error)
            }
        }
        guard errors.isEmpty else { throw RecordError.invalid(errors) }
        return TicketMessageFiles(blobs: blobs, files: named)
    }

    /// Called by the message's rules once it exists: the files become its attachments, and
    /// come back as mail attachments. Nothing pending: nothing to do.
    static func attach(_ s: Session, to messageID: String, actor: Actor) async throws -> [OutgoingMessage.Attachment] {
        guard let pending = s.marks?.memo(memo, as: TicketMessageFiles.self) else { return [] }
        s.marks?.forget(memo)
        var out: [OutgoingMessage.Attachment] = []
        for file in pending.files {
            try await s.lockExclusively("blob:" + file.upload.sha256)
            let stored = try await AttachmentStore.insert(s, blobs: pending.blobs, typeName: TicketMessages.type.name, id: messageID, fileName: file.name,
                                                          upload: file.upload, maxPerRecord: AttachmentStore.defaultMaxPerRecord, actor: actor)
            guard let data = pending.blobs.read(stored.sha256) else { throw RecordError.conflict("A file could not be read back.") }
            out.append(OutgoingMessage.Attachment(filename: stored.fileName, contentType: stored.contentType, data: Array(data)))
        }
        return out
    }
}

extension RecordStore {
    /// A ticket message with files (the composer's attachments): the engine's own create,
    /// with the files attached by its rules in the same transaction. Names are checked
    /// first; a refused name or too many files is a 422 naming `file`, and nothing is made.
    public func createTicketMessage(_ body: JSONObject, files: [PendingFile], blobs: BlobStore, actor: Actor) async throws -> StoredRecord {
        // Installed files have left their temporary place; the rest are dropped.
        defer { for file in files { unlink(file.upload.path) } }
        let messages = try await type(named: TicketMessages.type.name)
        let changes = try validatedCreate(messages, body: body, actor: actor)
        let pending = try TicketMessageFiles.checked(files, blobs: blobs)
        return try await db.transaction { s in
            s.marks?.remember(TicketMessageFiles.memo, pending)
            return try await self.create(in: s, messages, changes: changes, actor: actor)
        }
    }
}
