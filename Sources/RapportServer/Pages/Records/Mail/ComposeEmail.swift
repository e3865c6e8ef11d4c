import Foundation
import RapportKit
import RapportStore

/// Who an email written from a record goes to and what its merge fields say: each type
/// that can be mailed from its page says it in its own ``EmailRecipients`` value,
/// registered with the type's page sections as a ``ComposeEmailAction``.
protocol EmailRecipients: Sendable {
    /// The people the message is about and, from their addresses, who it goes to.
    func people(of record: StoredRecord, store: RecordStore, actor: Actor) async throws -> [StoredRecord]
    /// The merge fields the record itself fills (`deal.name`, `organization.name`).
    func values(of record: StoredRecord, store: RecordStore, actor: Actor) async throws -> [String: String]
}

/// "Email" among a record page's actions, for types that registered recipients.
struct ComposeEmailAction: RecordPageSection {
    let recipients: any EmailRecipients
    var place: RecordPagePlace { .actions }
    var template: String { "compose_action" }

    func values(_ record: StoredRecord, type: RecordType, user: PageUser, actor: Actor, deps: PageDependencies) async throws -> [String: Any]? {
        // Writing an email leaves an activity on the timeline, so it takes what creating one takes.
        guard user.viewer.role.allows(.create, on: Activities.type.name) else { return nil }
        return ["composeHref": "/\(type.name)/\(record.id)/email"]
    }

    static func registered(for type: RecordType) -> ComposeEmailAction? {
        RecordPageSections.byType[type.name]?.lazy.compactMap { $0 as? ComposeEmailAction }.first
    }
}

/// The title of the record a reference field points at, if the reader may see it.
private func referencedTitle(_ record: StoredRecord, field: String, store: RecordStore, actor: Actor) async throws -> String? {
    guard let id = record.fields[field]?.stringValue, let type = try? await store.type(named: Organizations.type.name) else { return nil }
    return try await store.titles(type, ids: [id], actor: actor)[id]
}

/// A person is mailed at their own addresses.
struct PersonRecipients: EmailRecipients {
    func people(of record: StoredRecord, store: RecordStore, actor: Actor) async throws -> [StoredRecord] { [record] }
    func values(of record: StoredRecord, store: RecordStore, actor: Actor) async throws -> [String: String] {
        var values: [String: String] = [:]
        values["organization.name"] = try await referencedTitle(record, field: "organization_id", store: store, actor: actor)
        return values
    }
}

/// A company is mailed through its people the reader may see (the first few with an address).
struct OrganizationRecipients: EmailRecipients {
    func people(of record: StoredRecord, store: RecordStore, actor: Actor) async throws -> [StoredRecord] {
        let people = try await store.type(named: People.type.name)
        guard case .success(let query) = ListQuery.parse([("filter[organization_id]", record.id), ("limit", "20"), ("sort", "display_name")], type: store.view(people, for: actor)) else { return [] }
        return try await store.list(people, query: query, actor: actor).records
    }
    func values(of record: StoredRecord, store: RecordStore, actor: Actor) async throws -> [String: String] {
        ["organization.name": record.fields["name"]?.stringValue ?? ""]
    }
}

/// A deal is mailed to its contacts.
struct DealRecipients: EmailRecipients {
    func people(of record: StoredRecord, store: RecordStore, actor: Actor) async throws -> [StoredRecord] {
        let contacts = try await store.type(named: DealContacts.type.name)
        guard case .success(let query) = ListQuery.parse([("filter[deal_id]", record.id), ("limit", "20")], type: store.view(contacts, for: actor)) else { return [] }
        let ids = try await store.list(contacts, query: query, actor: actor).records.compactMap { $0.fields["person_id"]?.stringValue }
        guard !ids.isEmpty else { return [] }
        // One read for all contacts, through the same visibility as any list.
        let people = try await store.type(named: People.type.name)
        guard case .success(let byID) = ListQuery.parse([("filter[id][in]", ids.joined(separator: ",")), ("limit", "20")], type: store.view(people, for: actor)) else { return [] }
        let found = try await store.list(people, query: byID, actor: actor).records
        return ids.compactMap { id in found.first { $0.id == id } }
    }
    func values(of record: StoredRecord, store: RecordStore, actor: Actor) async throws -> [String: String] {
        var values = ["deal.name": record.fields["title"]?.stringValue ?? ""]
        values["organization.name"] = try await referencedTitle(record, field: "organization_id", store: store, actor: actor)
        return values
    }
}
