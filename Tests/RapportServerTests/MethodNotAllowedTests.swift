import HTTPTypes
import Testing

@Suite("A path asked with a method it does not answer")
struct MethodNotAllowedTests {
    /// 405 with `Allow` where the path exists, 404 where it does not; nothing is written.
    @Test(arguments: Backend.available)
    func wrongMethodIs405WithAllow(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let put = try await api.call(.put, "/api/v1/people", json: #"{"display_name":"Nobody"}"#)
            #expect(put.status == .methodNotAllowed, "\(put.body)")
            #expect(put.headers[.allow] == "GET, HEAD, POST")
            #expect(put.headers[.contentType] == "application/problem+json")
            let post = try await api.call(.post, "/api/v1/people/0193aa00-0000-7000-8000-000000000000", json: "{}")
            #expect(post.status == .methodNotAllowed)
            #expect(post.headers[.allow] == "GET, HEAD, PATCH, DELETE")
            // A path no route has stays a 404.
            #expect(try await api.call(.put, "/api/v1/no_such_type").status == .notFound)
            // The refused PUT created nothing.
            #expect(!(try await api.call(.get, "/api/v1/people?q=Nobody").body.contains("Nobody")))
        }
    }
}
