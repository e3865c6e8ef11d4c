import HTTPTypes
import NIOCore
import RapportKit
import Testing

/// Relevance search pages through every hit, not only the ranked candidates: 340 people
/// named 보경 were cut at 200 with `next_cursor: null`.
@Suite struct SearchPagingTests {
    @Test(arguments: Backend.available)
    func relevancePagesReachEveryHit(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            var csv = "Name\n"
            for i in 1...260 { csv += "김보경 \(i)\n" }
            csv += "이민준\n"
            let headers: HTTPFields = [.authorization: "Bearer \(api.token)", .contentType: "text/csv"]
            let imported = try await api.raw(.post, "/api/v1/people/import", body: ByteBuffer(string: csv), headers: headers)
            #expect(imported.status == .ok, "\(imported.body)")
            var seen: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let reply = try await api.call(.get, "/api/v1/people?q=%EB%B3%B4%EA%B2%BD&limit=90" + (cursor.map { "&cursor=\($0)" } ?? ""))
                #expect(reply.status == .ok, "\(reply.body)")
                let page = try reply.object()
                seen += page["data"]?.arrayValue?.compactMap { $0.objectValue?.string("display_name") } ?? []
                cursor = page["next_cursor"]?.stringValue
                pages += 1
            } while cursor != nil && pages < 10
            #expect(pages == 3)
            #expect(seen.count == 260 && Set(seen).count == 260)
            #expect(seen.allSatisfy { $0.hasPrefix("김보경") })
        }
    }
}
