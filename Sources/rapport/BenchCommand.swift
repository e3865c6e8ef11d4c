import ArgumentParser
import Foundation
import Hummingbird
import Logging
import RapportKit
import RapportStore

/// Pieces the benchmark script (`Benchmarks/run.sh`) drives: test data and the baseline
/// server. The figures come from `wrk`, `sqlite3` and `/proc`, not from timed tests.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmark helpers: generate data, serve the constant-JSON baseline.",
        subcommands: [Data.self, Constant.self, Ids.self, Deals.self, SLA.self, Tickets.self, Mail.self])

    struct Data: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a people CSV (Korean, Japanese, English) for import benchmarks.")
        @Option(help: "Rows to write.") var people = 1_000_000
        @Option(help: "Output file.") var out = "people.csv"
        @Option(help: "Seed.") var seed: UInt64 = 7

        func run() async throws {
            let demo = DemoData(people: people, seed: seed)
            _ = FileManager.default.createFile(atPath: out, contents: nil)
            guard let handle = FileHandle(forWritingAtPath: out) else { throw ValidationError("Cannot write \(out).") }
            let fields = ["family_name", "given_name", "name_reading", "emails", "phones", "job_title", "organization", "language", "time_zone", "lifecycle_stage", "source", "tags"]
            var chunk = CSVWriter.line(fields)
            for p in demo.people {
                let orgIndex = Int(p["organization_id"]?.numberLiteral ?? "0") ?? 0
                let cells = fields.map { f -> String in
                    if f == "organization" { return demo.organizations[orgIndex]["name"]?.stringValue ?? "" }
                    guard let spec = People.type.field(f) else { return "" }
                    return RecordInput.toCSV(p[f], field: spec)
                }
                chunk += CSVWriter.line(cells)
                if chunk.utf8.count > 1 << 20 {
                    handle.write(chunk.data(using: .utf8)!)
                    chunk = ""
                }
            }
            handle.write(chunk.data(using: .utf8)!)
            try handle.close()
            note("Wrote \(people) people to \(out).")
        }
    }

    struct Constant: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Serve GET /constant with a fixed JSON body: the baseline for request rates.")
        @Option var host = "127.0.0.1"
        @Option var port = 8090

        func run() async throws {
            let router = Router()
            let body = #"{"id":"01a211e7-e972-7446-b974-21f84d36315b","display_name":"김보경","emails":[{"address":"bokyung@hanbit.kr","primary":true}],"version":1}"#
            router.get("constant") { _, _ -> Response in
                Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: body)))
            }
            var logger = Logger(label: "bench")
            logger.logLevel = .warning
            try await Application(router: router, configuration: .init(address: .hostname(host, port: port)), logger: logger).runService()
        }
    }

    struct Ids: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a random sample of record ids, one per line, for load scripts.")
        @OptionGroup var db: DatabaseOptions
        @Argument var type = "people"
        @Option var count = 10_000

        func run() async throws {
            let database = try await db.open()
            let rows = try await database.read { s in
                try await s.query("SELECT id FROM \(raw: type == "organizations" ? "organizations" : "people") WHERE deleted_at IS NULL ORDER BY RANDOM() LIMIT \(count)")
            }
            for row in rows { print(row.text("id") ?? "") }
            await database.close()
        }
    }

    struct Deals: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add deals spread over the default pipeline's stages, close months, three currencies and sales reps in two teams, with a monthly quota per rep and team (engine path, stage history included).")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "Deals to add.") var count = 100_000
        @Option(help: "How many of them are open (the rest are won or lost).") var openShare = 0.8
        @Option(help: "Sales reps owning the deals, split over two teams (0: no owner, no quotas).") var reps = 20
        @Option(help: "Seed.") var seed: UInt64 = 11

        /// The reps (made once, reused by later runs) and a 2027 quota per rep and team,
        /// month and currency.
        func salesTeam(_ database: Database, _ store: RecordStore) async throws -> [String] {
            guard reps > 0 else { return [] }
            let admin = AccessAdmin(db: database, directory: AccessDirectory(db: database))
            let existing = try await admin.users().filter { $0.email.hasPrefix("bench.rep") }
            if !existing.isEmpty { return existing.map(\.id) }
            var teams: [String] = []
            for name in ["Bench East", "Bench West"] { teams.append(try await admin.createTeam(JSONObject([("name", .string(name))]), actor: .system).id) }
            var ids: [String] = []
            for i in 0..<reps {
                let user = try await admin.addUser(JSONObject([
                    ("email", .string("bench.rep\(i + 1)@example.com")), ("role", .string("sales")), ("teams", .array([.string(teams[i % 2])])),
                ]), actor: .system)
                ids.append(user.id)
            }
            let quotas = try await store.type(named: Quotas.type.name)
            var bodies: [JSONObject] = []
            for month in 1...12 {
                for (currency, amount) in [("KRW", "2000000000"), ("JPY", "200000000"), ("USD", "2000000")] {
                    let target = ids.map { ("user_id", $0) } + teams.map { ("team_id", $0) }
                    for (field, id) in target {
                        bodies.append(JSONObject([
                            ("month", .string(String(format: "2027-%02d", month))), (field, .string(id)),
                            ("amount", .object(JSONObject([("amount", .string(amount)), ("currency", .string(currency))]))),
                        ]))
                    }
                }
            }
            _ = try await store.bulkCreate(quotas, bodies: bodies, actor: .system)
            return ids
        }

        func run() async throws {
            let database = try await db.open()
            let store = try db.store(database)
            let pipeline = try await store.ensureDefaultPipeline()
            let stages = try await store.stages(pipelineID: pipeline)
            let open = stages.filter { $0.outcome == "open" }, closed = stages.filter { $0.outcome != "open" }
            let type = try await store.type(named: RapportKit.Deals.type.name)
            let owners = try await salesTeam(database, store)
            var state = seed | 1
            func next(_ n: Int) -> Int {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return Int((state >> 33) % UInt64(n))
            }
            let start = Date()
            var made = 0
            while made < count {
                let batch = min(20_000, count - made)
                var bodies: [JSONObject] = []
                bodies.reserveCapacity(batch)
                for i in 0..<batch {
                    let isOpen = Double(next(1000)) / 1000 < openShare
                    let stage = isOpen ? open[next(open.count)] : closed[next(closed.count)]
                    let (currency, unit) = [("KRW", 1_000_000), ("JPY", 100_000), ("USD", 1_000)][next(3)]
                    let month = 1 + next(12)
                    var body = JSONObject([
                        ("title", .string("Deal \(made + i + 1)")), ("pipeline_id", .string(pipeline)), ("stage_id", .string(stage.id)),
                        ("amount", .object(JSONObject([("amount", .string(String((1 + next(99)) * unit))), ("currency", .string(currency))]))),
                        ("close_date", .string(String(format: "2027-%02d-%02d", month, 1 + next(28)))),
                    ])
                    if !owners.isEmpty { body["owner_id"] = .string(owners[(made + i) % owners.count]) }
                    bodies.append(body)
                }
                _ = try await store.bulkCreate(type, bodies: bodies, actor: .system)
                made += batch
            }
            await database.close()
            note(String(format: "Added %d deals in %.1f s.", made, Date().timeIntervalSince(start)))
        }
    }
}
