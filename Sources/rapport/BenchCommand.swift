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
        subcommands: [Data.self, Constant.self, Ids.self])

    struct Data: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a people CSV (Korean, Japanese, English) for import benchmarks.")
        @Option(help: "Rows to write.") var people = 1_000_000
        @Option(help: "Output file.") var out = "people.csv"
        @Option(help: "Seed.") var seed: UInt64 = 7

        func run() async throws {
            let demo = DemoData(people: people, seed: seed)
            FileManager.default.createFile(atPath: out, contents: nil)
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
}
