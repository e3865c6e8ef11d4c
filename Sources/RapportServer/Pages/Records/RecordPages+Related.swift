import Foundation
import RapportKit
import RapportStore

extension RecordPages {
    /// Records of other types that point at this one (a company's people, a deal's
    /// contacts and quotes): up to ten each, with a few of their list columns, a link to
    /// the rest and one to add another with this record filled in.
    func relatedSections(type: RecordType, record: StoredRecord, user: PageUser, actor: Actor) async throws -> [[String: Any]] {
        var related: [[String: Any]] = []
        // One formatter for every section: users are read once, titles accumulate.
        var names = ValueFormatter(user: user)
        for other in store.catalog.types where other.name != type.name && user.viewer.role.allows(.read, on: other.name) {
            for field in other.fields {
                guard case .reference(let target) = field.kind, target == type.name else { continue }
                let full = store.view(try await store.type(named: other.name), for: actor)
                // Records kept in an order (a pipeline's stages) are listed in it.
                let sort = full.field("position") != nil ? "position" : full.field(full.titleField)?.kind.isReferenceKind == true ? "created_at" : full.titleField
                guard case .success(let q) = ListQuery.parse([("filter[\(field.name)]", record.id), ("limit", "10"), ("sort", sort)], type: full) else { continue }
                let page = try await store.list(full, query: q, actor: actor)
                let canAdd = user.viewer.role.allows(.create, on: other.name)
                // An empty section is worth showing only for records that belong to this
                // one (a deal's quotes and contacts), to add the first.
                if page.records.isEmpty && !(canAdd && field.required) { continue }
                try await names.prepare(page.records, type: full, store: store, admin: deps.admin, actor: actor)
                // The position is the order the list already shows.
                var columns = other.listColumns.filter { ![field.name, full.titleField, "updated_at", "position"].contains($0) }
                // A title naming this very record (a person's deal contacts are titled by
                // the person) gives way to the other end (the deal).
                var titleName = full.titleField
                if titleName == field.name, let other = columns.first(where: { full.field($0)?.kind.isReferenceKind == true }) ?? columns.first {
                    titleName = other
                    columns.removeAll { $0 == other }
                }
                let titleSpec = full.field(titleName)
                let details = columns.prefix(3).compactMap { full.field($0) }
                var section: [String: Any] = [
                    "name": "\(other.name)-\(field.name)", "heading": user.typeName(other),
                    "items": page.records.map { r -> [String: Any] in
                        let title = titleSpec.map { names.text(r.fields[$0.name], field: $0) } ?? ""
                        var item: [String: Any] = ["href": "/\(other.name)/\(r.id)", "title": title.isEmpty ? "—" : title]
                        // A record that only links two others (a deal contact) opens the
                        // other end (the person); its own page is one "Edit" away.
                        if titleName != field.name, case .reference(let target)? = titleSpec?.kind, let id = titleSpec.flatMap({ r.fields[$0.name]?.stringValue }), !title.isEmpty {
                            item["href"] = "/\(target)/\(id)"
                            item["editHref"] = "/\(other.name)/\(r.id)"
                        }
                        // A bare number says nothing: it goes with its label ("Quantity 3").
                        let detail = details.compactMap { f -> String? in
                            let text = names.text(r.fields[f.name], field: f)
                            if text.isEmpty { return nil }
                            return f.kind == .number ? user.fieldLabel(f) + " " + text : text
                        }.joined(separator: " · ")
                        if !detail.isEmpty { item["detail"] = detail }
                        return item
                    },
                ]
                if page.nextCursor != nil { section["more"] = "/\(other.name)?filter%5B\(field.name)%5D=\(record.id)" }
                if canAdd { section["add"] = "/\(other.name)/new?\(field.name)=\(record.id)" }
                related.append(section)
            }
        }
        return related
    }
}
