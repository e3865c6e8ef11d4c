import Foundation
import Hummingbird
import NIOCore
import RapportKit
import RapportStore

/// A `multipart/form-data` post that carries a message and files (the agent's composer,
/// the requester's reply): its small fields, and each chosen file written to the blob
/// store's temporary place. The caller checks the form token and hands the files to the
/// message's transaction, which installs them; whatever is not installed is removed by
/// ``discard()``.
struct FilesForm {
    var fields: [String: String]
    var files: [PendingFile]

    enum Failure: Error {
        /// More than the files of one message may weigh, or one file over the limit.
        case tooLarge
        case unreadable
    }

    /// nil when the post is not multipart (a form without a file input).
    static func read(_ request: Request, blobs: BlobStore, maxFileBytes: Int) async throws -> Result<FilesForm, Failure>? {
        guard let boundary = MultipartForm.boundary(contentType: request.headers[.contentType] ?? "") else { return nil }
        let bytes: [UInt8]
        do {
            bytes = Array(try await request.body.collect(upTo: TicketMailIntake.maxBytes + AttachmentUpload.formOverhead).readableBytesView)
        } catch is NIOTooManyBytesError {
            return .failure(.tooLarge)
        }
        guard let form = try? MultipartForm(bytes, boundary: boundary, maxParts: 40) else { return .failure(.unreadable) }
        var fields: [String: String] = [:]
        for part in form.parts where part.fileName == nil && part.range.count <= 256 * 1024 { fields[part.name] = MultipartForm.text(part, in: bytes) }
        var out = FilesForm(fields: fields, files: [])
        for part in form.parts where part.name == "file" && !(part.fileName ?? "").isEmpty && !part.range.isEmpty {
            let writer = try blobs.writer(limit: maxFileBytes)
            do {
                try bytes.withUnsafeBytes { raw in try writer.write(UnsafeRawBufferPointer(rebasing: raw[part.range])) }
                out.files.append(PendingFile(name: part.fileName ?? "", upload: try writer.finish()))
            } catch BlobError.tooLarge {
                out.discard()
                return .failure(.tooLarge)
            }
        }
        return .success(out)
    }

    func discard() {
        for file in files { unlink(file.upload.path) }
    }
}
