import Hummingbird
import NIOCore
import RapportKit
import RapportStore

/// Reads an upload into a ``BlobWriter`` within the size limit, from either shape a client
/// may send: the raw bytes as the body (the name in `?name=` or a `Content-Disposition`
/// header), or a browser's `multipart/form-data` form with a `file` part.
struct AttachmentUpload {
    /// What a multipart form may carry besides the file: boundaries, part headers and the
    /// CSRF field.
    static let formOverhead = 64 * 1024

    var upload: BlobWriter.Finished
    var fileName: String
    /// The multipart form's other small fields (the page's `_csrf`).
    var fields: [String: String]

    static func tooLarge(_ limit: Int) -> Problem {
        Problem(.contentTooLarge, "File too large", detail: "A file may have at most \(ByteCountDisplay.format(Int64(limit), language: "en")).",
                errors: [FieldError(field: "file", code: "too_large", message: "At most \(limit) bytes.")])
    }

    static func read(_ request: Request, store: AttachmentStore, queryName: String?) async throws -> AttachmentUpload {
        let limit = store.maxBytes
        let contentType = request.headers[.contentType] ?? ""
        let boundary = MultipartForm.boundary(contentType: contentType)
        let overhead = boundary == nil ? 0 : formOverhead
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit + overhead { throw tooLarge(limit) }
        if let boundary {
            return try await multipart(request, store: store, boundary: boundary, limit: limit)
        }
        if contentType.lowercased().hasPrefix("multipart/") {
            throw Problem.badRequest("A multipart upload needs multipart/form-data with a boundary.", errors: [FieldError(field: "Content-Type", code: "invalid_header", message: "multipart/form-data; boundary=…")])
        }
        var name = queryName
        if name == nil, let disposition = request.headers[.contentDisposition] {
            name = MultipartForm.fileName(disposition: disposition)
        }
        guard let name else {
            throw Problem.badRequest("Name the file with ?name= or a Content-Disposition header.", errors: [FieldError(field: "name", code: "required", message: "The file's name.")])
        }
        let writer = try store.blobs.writer(limit: limit)
        do {
            for try await chunk in request.body {
                try chunk.withUnsafeReadableBytes { try writer.write($0) }
            }
            return AttachmentUpload(upload: try writer.finish(), fileName: name, fields: [:])
        } catch BlobError.tooLarge {
            throw tooLarge(limit)
        } catch {
            writer.discard()
            throw error
        }
    }

    /// A browser's form: read whole, but never more than the limit and the form's
    /// overhead, then parsed strictly.
    static func multipart(_ request: Request, store: AttachmentStore, boundary: String, limit: Int) async throws -> AttachmentUpload {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit + formOverhead)
        } catch is NIOTooManyBytesError {
            throw tooLarge(limit)
        }
        let bytes = Array(buffer.readableBytesView)
        let form: MultipartForm
        do {
            form = try MultipartForm(bytes, boundary: boundary)
        } catch {
            throw Problem.badRequest("The form cannot be read: \(error.description)")
        }
        guard let file = form.parts.first(where: { $0.name == "file" && $0.fileName != nil }) else {
            throw Problem(.unprocessableContent, "No file", detail: "Choose a file to attach.", errors: [FieldError(field: "file", code: "required", message: "Choose a file.")])
        }
        var fields: [String: String] = [:]
        for part in form.parts where part.fileName == nil && part.range.count <= 4096 {
            fields[part.name] = MultipartForm.text(part, in: bytes)
        }
        guard file.range.count <= limit else { throw tooLarge(limit) }
        let writer = try store.blobs.writer(limit: limit)
        do {
            try bytes.withUnsafeBytes { raw in try writer.write(UnsafeRawBufferPointer(rebasing: raw[file.range])) }
            return AttachmentUpload(upload: try writer.finish(), fileName: file.fileName ?? "", fields: fields)
        } catch BlobError.tooLarge {
            throw tooLarge(limit)
        } catch {
            writer.discard()
            throw error
        }
    }
}
