import Hummingbird
import RapportKit
import RapportStore

/// A panel every record page shows, whatever its type (attachments today), registered
/// once in ``RecordPagePanels/all`` instead of being added to each type's page.
protocol RecordPagePanel: Sendable {
    /// The panel's HTML, or nil when it has nothing to show this user.
    func render(_ request: Request, type: RecordType, record: StoredRecord, user: PageUser, actor: Actor, deps: PageDependencies) async throws -> String?
}

enum RecordPagePanels {
    static let all: [any RecordPagePanel] = [AttachmentSection()]

    /// Each section's HTML, in order, for the record template's `sections`.
    static func render(_ request: Request, type: RecordType, record: StoredRecord, user: PageUser, actor: Actor, deps: PageDependencies) async throws -> [[String: Any]] {
        var out: [[String: Any]] = []
        for section in all {
            if let html = try await section.render(request, type: type, record: record, user: user, actor: actor, deps: deps) { out.append(["html": html]) }
        }
        return out
    }
}
