import HTTPTypes
import Hummingbird
import NIOCore
import RapportKit

extension Response {
    /// A JSON response written straight from ``JSONValue`` into one buffer.
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(512)
        value.write(into: &bytes)
        var headers = headers
        if headers[.contentType] == nil { headers[.contentType] = "application/json; charset=utf-8" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

extension Request {
    /// The body as a JSON object. Content type, size, UTF-8 and syntax are checked here so
    /// handlers only see well-formed objects.
    func jsonObject(context: AppRequestContext) async throws -> JSONObject {
        if let type = headers[.contentType]?.lowercased(), !(type.hasPrefix("application/json") || type.contains("+json")) {
            throw Problem(.unsupportedMediaType, "Unsupported media type", detail: "Send the body as application/json.")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: context.maxUploadSize)
        } catch is NIOTooManyBytesError {
            throw Problem(.contentTooLarge, "Body too large", detail: "Request bodies are limited to 1 MiB.")
        }
        guard buffer.readableBytes > 0 else { throw Problem.badRequest("The request needs a JSON object as its body.") }
        let value: JSONValue
        do {
            value = try JSONValue.parse(Array(buffer.readableBytesView))
        } catch {
            throw Problem.badRequest("The body is not valid JSON: \(error.message).")
        }
        guard let object = value.objectValue else { throw Problem.badRequest("The body must be a JSON object.") }
        return object
    }
}
