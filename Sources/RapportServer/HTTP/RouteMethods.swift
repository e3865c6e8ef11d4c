import HTTPTypes
import RapportKit

/// Which methods each API path answers, read from the OpenAPI document the server
/// publishes, so a request with a method a path does not have gets 405 and an `Allow`
/// header (RFC 9110 §15.5.6) instead of a 404 that says the path does not exist.
struct RouteMethods: Sendable {
    private let routes: [(segments: [Substring?], methods: [String])]

    init(document: JSONValue) {
        var routes: [(segments: [Substring?], methods: [String])] = []
        for (path, item) in document.objectValue?["paths"]?.objectValue ?? JSONObject() {
            let methods = (item.objectValue?.keys ?? [])
                .filter { ["get", "post", "put", "patch", "delete"].contains($0) }
                .map { $0.uppercased() }
            guard !methods.isEmpty else { continue }
            // A `{name}` segment matches any one segment.
            let segments = path.split(separator: "/").map { $0.hasPrefix("{") ? nil : $0 }
            routes.append((segments, methods))
        }
        self.routes = routes
    }

    /// The methods `path` answers, or nil when no route has that shape.
    func allowed(_ path: String) -> [String]? {
        let parts = path.split(separator: "/")
        var found: Set<String> = []
        for route in routes where route.segments.count == parts.count {
            if zip(route.segments, parts).allSatisfy({ $0.0 == nil || $0.0 == $0.1 }) { found.formUnion(route.methods) }
        }
        guard !found.isEmpty else { return nil }
        if found.contains("GET") { found.insert("HEAD") }
        return ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"].filter(found.contains)
    }
}
