import Foundation
import HTTPTypes
import Hummingbird
import RapportKit
import RapportStore

/// Suggestions for a reference field as the user types: the best matches the user may see,
/// each with a second line (a person's company, a company's city) to tell namesakes apart.
/// Served from the list route (`?format=suggest&q=…`) so it has the list's rights and search.
extension RecordPages {
    func suggestions(_ type: RecordType, query: ListQuery, user: PageUser, actor: Actor) async throws -> Response {
        var query = query
        query.limit = 8
        let records = query.search == nil ? [] : try await store.list(type, query: query, actor: actor).records
        var formatter = ValueFormatter(user: user)
        try await formatter.prepare(records, type: type, store: store, admin: deps.admin, actor: actor)
        let shown = store.view(type, for: actor)
        let title = shown.field(shown.titleField)
        let detail = type.listColumns.lazy.compactMap { shown.field($0) }.first { !["updated_at", "created_at"].contains($0.name) }
        let items: [JSONValue] = records.map { record in
            var item = JSONObject([("id", .string(record.id)), ("title", .string(title.map { formatter.text(record.fields[$0.name], field: $0) } ?? ""))])
            if let detail { item["detail"] = .string(formatter.text(record.fields[detail.name], field: detail)) }
            return .object(item)
        }
        return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(string: JSONValue.array(items).serialized())))
    }
}
