/// What can go wrong with a record operation, in terms a client can act on; the server
/// maps each case to one HTTP status and a problem document.
public enum RecordError: Error, Sendable, Equatable {
    /// 400: the request itself is malformed (bad query parameter, cursor, JSON).
    case badRequest(String, [FieldError])
    /// 403: the caller's role does not allow this action on this type.
    case forbidden(String)
    /// 404: no such live record, or one the caller may not see.
    case notFound(type: String, id: String)
    /// 409: a unique value (email, domain) already belongs to `existingID`.
    case duplicate(field: String, value: String, existingID: String)
    /// 409: the operation conflicts with the record's state.
    case conflict(String)
    /// 412: `If-Match` named an older version.
    case stale(current: Int)
    /// 422: one or more fields are invalid.
    case invalid([FieldError])
}
