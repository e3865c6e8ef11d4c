import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Metrics
import NIOCore
import Prometheus
import RapportStore

/// The process's Prometheus registry, behind swift-metrics: every `Counter`, `Gauge` and
/// `Timer` made anywhere in Rapport lands here once ``bootstrap()`` ran.
public enum RapportMetrics {
    public static let registry = PrometheusCollectorRegistry()

    private static let once: Void = {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(1), .milliseconds(2.5), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
            .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10), .seconds(60),
        ]
        MetricsSystem.bootstrap(factory)
    }()

    /// Installs the registry as the metrics backend; later calls do nothing (swift-metrics
    /// allows one bootstrap per process).
    public static func bootstrap() { _ = once }

    /// Figures read at scrape time rather than kept up to date on every change: jobs per
    /// state and the database pool, which the pool reports without a metric call on its
    /// hot path.
    static func refresh(database: Database, jobs: JobStore) async {
        let pool = database.poolStatistics
        Gauge(label: "rapport_db_connections", dimensions: [("state", "in_use")]).record(pool.inUse)
        Gauge(label: "rapport_db_connections", dimensions: [("state", "idle")]).record(pool.idle)
        Gauge(label: "rapport_db_waiting").record(pool.waiting)
        Gauge(label: "rapport_db_pool_waits").record(pool.waitsTotal)
        if let counts = try? await jobs.counts() {
            for (state, n) in counts { Gauge(label: "rapport_jobs", dimensions: [("state", state.rawValue)]).record(n) }
        }
    }

    static func response(database: Database, jobs: JobStore) async -> Response {
        await refresh(database: database, jobs: jobs)
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: .init(bytes: registry.emitToBuffer())))
    }
}

/// `GET /metrics` on the main port: only with `Authorization: Bearer` and the metrics
/// token (compared in constant time); without a configured token it does not exist here
/// (it is served on `--metrics-port` instead). Never the sign-in redirect.
struct MetricsRoute {
    let token: String?
    let database: Database
    let jobs: JobStore

    func register(on router: Router<AppRequestContext>) {
        router.get("metrics") { request, _ -> Response in
            guard let token else { throw Problem(.notFound, "Not Found", detail: "Nothing lives at /metrics.") }
            let header = request.headers[.authorization] ?? ""
            let sent = header.count > 7 && header.prefix(7).lowercased() == "bearer " ? String(header.dropFirst(7)) : ""
            guard Self.same(sent, token) else {
                throw Problem(.unauthorized, "Unauthorized", detail: "Send Authorization: Bearer with the metrics token.", headers: [.wwwAuthenticate: "Bearer realm=\"metrics\""])
            }
            return await RapportMetrics.response(database: database, jobs: jobs)
        }
    }

    /// Compares in time that depends on the token's length only, not on where the sent
    /// value first differs.
    static func same(_ sent: String, _ token: String) -> Bool {
        let x = Array(sent.utf8), y = Array(token.utf8)
        var diff: UInt8 = x.count == y.count ? 0 : 1
        for i in 0..<y.count { diff |= (i < x.count ? x[i] : 0) ^ y[i] }
        return diff == 0
    }
}

/// The metrics alone on a port of their own (`serve --metrics-port`), for a scraper on a
/// private network; bind it to an address only the scraper reaches.
public func buildMetricsApplication(database: Database, host: String, port: Int, logger: Logger) -> some ApplicationProtocol {
    let router = Router()
    let jobs = JobStore(db: database)
    router.get("metrics") { _, _ -> Response in await RapportMetrics.response(database: database, jobs: jobs) }
    return Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: "Rapport metrics"), logger: logger)
}
