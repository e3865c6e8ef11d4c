import RapportKit
import RapportStore

/// The attachments part of the OpenAPI document: the same paths for every record type.
extension OpenAPIDocument {
    static func attachmentSchemas() -> [(String, JSONValue)] {
        [("Attachment", obj([
            ("type", .string("object")),
            ("properties", obj([
                ("id", uuid()), ("record_type", str()), ("record_id", uuid()), ("file_name", str()),
                ("size", obj([("type", .string("integer")), ("minimum", .number("1"))])),
                ("sha256", obj([("type", .string("string")), ("pattern", .string("^[0-9a-f]{64}$"))])),
                ("content_type", obj([("type", .string("string")), ("description", .string("Sniffed from the bytes, never taken from the client."))])),
                ("created_by", nullable(uuid())), ("created_at", dateTime()), ("content_url", str()),
            ])),
        ]))]
    }

    static func attachmentPaths(types: [RecordType]) -> [(String, JSONValue)] {
        let idParam = obj([("name", .string("id")), ("in", .string("path")), ("required", .bool(true)), ("schema", uuid())])
        let list = obj([("type", .string("object")), ("properties", obj([("data", obj([("type", .string("array")), ("items", ref("Attachment"))]))]))])
        var out: [(String, JSONValue)] = []
        for type in types {
            let name = schemaName(type)
            var upload = operation("upload\(name)Attachment", "Attach a file to a \(type.singular) (needs update permission on it)", tag: "attachments", parameters: [
                idParam,
                obj([("name", .string("name")), ("in", .string("query")), ("schema", obj([("type", .string("string")), ("minLength", .number("1")), ("maxLength", .number("255"))])),
                     ("description", .string("The file's name for a raw body; or send Content-Disposition: attachment; filename*=UTF-8''…"))]),
            ], responses: [
                ("201", jsonResponse("Stored", ref("Attachment"))), ("404", problem("No such record, or not visible")),
                ("413", problem("Larger than the limit (25 MiB unless configured); nothing is stored")), ("422", problem("Empty file, bad name or too many files")),
            ]).objectValue ?? JSONObject()
            upload["requestBody"] = obj([("required", .bool(true)), ("content", obj([
                ("application/octet-stream", obj([("schema", obj([("type", .string("string")), ("format", .string("binary"))]))])),
                ("multipart/form-data", obj([("schema", obj([
                    ("type", .string("object")), ("required", strings(["file"])),
                    ("properties", obj([("file", obj([("type", .string("string")), ("format", .string("binary"))]))])),
                ]))])),
            ]))])
            out.append(("/api/v1/\(type.name)/{id}/attachments", obj([
                ("get", operation("list\(name)Attachments", "Files attached to a \(type.singular), oldest first", tag: "attachments", parameters: [idParam], responses: [
                    ("200", jsonResponse("Attachments", list)), ("404", problem("No such record, or not visible")),
                ])),
                ("post", .object(upload)),
            ])))
        }
        out.append(("/api/v1/attachments/{id}", obj([
            ("get", operation("getAttachment", "An attachment's metadata", tag: "attachments", parameters: [idParam], responses: [
                ("200", jsonResponse("The attachment", ref("Attachment"), etag: true)), ("404", problem("Not found, or its record is not visible")),
            ])),
            ("delete", operation("deleteAttachment", "Remove an attachment (soft delete, audited; needs update permission on its record)", tag: "attachments", parameters: [idParam], responses: [
                ("204", obj([("description", .string("Removed"))])), ("404", problem("Not found, or its record is not visible")),
            ])),
        ])))
        out.append(("/api/v1/attachments/{id}/content", obj([
            ("get", operation("getAttachmentContent", "The file, as a download with its sniffed type; ETag is its SHA-256", tag: "attachments", parameters: [idParam], responses: [
                ("200", obj([("description", .string("The bytes")), ("content", obj([("application/octet-stream", obj([("schema", obj([("type", .string("string")), ("format", .string("binary"))]))]))]))])),
                ("304", obj([("description", .string("Not modified"))])),
                ("404", problem("Not found, or its record is not visible")), ("410", problem("The stored content is missing")),
            ])),
        ])))
        return out
    }
}
