import HTTPTypes
import Hummingbird
import RapportKit

/// An RFC 9457 problem: the only shape errors take, so clients parse one format and no
/// stack trace or SQL ever reaches them.
public struct Problem: Error, Sendable {
    public var status: HTTPResponse.Status
    public var title: String
    public var detail: String
    public var errors: [FieldError]
    public var extra: JSONObject
    public var headers: HTTPFields

    public init(_ status: HTTPResponse.Status, _ title: String, detail: String, errors: [FieldError] = [], extra: JSONObject = JSONObject(), headers: HTTPFields = [:]) {
        self.status = status
        self.title = title
        self.detail = detail
        self.errors = errors
        self.extra = extra
        self.headers = headers
    }

    public static func badRequest(_ detail: String, errors: [FieldError] = []) -> Problem {
        Problem(.badRequest, "Bad request", detail: detail, errors: errors)
    }

    public func response(requestID: String, instance: String) -> Response {
        var body = JSONObject()
        body["type"] = .string("about:blank")
        body["title"] = .string(title)
        body["status"] = .number(String(status.code))
        body["detail"] = .string(detail)
        body["instance"] = .string(instance)
        body["request_id"] = .string(requestID)
        body["errors"] = .array(errors.map { e in
            .object(JSONObject([("field", .string(e.field)), ("code", .string(e.code)), ("message", .string(e.message))]))
        })
        for (k, v) in extra { body[k] = v }
        var headers = self.headers
        headers[.contentType] = "application/problem+json"
        return Response.json(.object(body), status: status, headers: headers)
    }

    /// The problem for a record-engine error.
    public init(_ error: RecordError, catalog: RecordCatalog) {
        switch error {
        case .badRequest(let detail, let errors):
            self.init(.badRequest, "Bad request", detail: detail, errors: errors)
        case .notFound(let type, let id):
            if id.isEmpty {
                self.init(.notFound, "Not found", detail: "There is no record type named '\(type)'.")
            } else {
                let noun = catalog[type]?.singular ?? "record"
                self.init(.notFound, "Not found", detail: "No \(noun) has the id \(id).")
            }
        case .duplicate(let field, let value, let existingID) where existingID.isEmpty:
            self.init(.conflict, "Duplicate", detail: "\(value) is already used by another record.",
                      errors: [FieldError(field: field, code: "duplicate", message: "\(value) already belongs to another record.")])
        case .duplicate(let field, let value, let existingID):
            self.init(.conflict, "Duplicate", detail: "\(value) is already used by another record (\(existingID)).",
                      errors: [FieldError(field: field, code: "duplicate", message: "\(value) already belongs to \(existingID).")],
                      extra: JSONObject([("existing_id", .string(existingID))]))
        case .conflict(let detail):
            self.init(.conflict, "Conflict", detail: detail)
        case .forbidden(let detail):
            self.init(.forbidden, "Forbidden", detail: detail)
        case .stale(let current):
            self.init(.preconditionFailed, "Stale version", detail: "The record changed since you read it; it is now at version \(current). Read it again and retry.",
                      extra: JSONObject([("current_version", .number(String(current)))]))
        case .invalid(let errors):
            self.init(.unprocessableContent, "Invalid fields", detail: errors.count == 1 ? errors[0].message : "\(errors.count) fields are invalid.", errors: errors)
        }
    }
}
