import ArgumentParser
import Foundation
import RapportStore

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Stream every record of a type to standard output.")
    @OptionGroup var db: DatabaseOptions
    @Argument(help: "Record type: organizations, people, activities or tags.") var type: String
    @Option(help: "csv or jsonl.") var format = "csv"

    func run() async throws {
        guard let format = ExportFormat(rawValue: format) else { throw ValidationError("--format is csv or jsonl.") }
        let database = try await db.open()
        let store = try db.store(database)
        guard store.catalog[type] != nil else {
            await database.close()
            throw ValidationError("Unknown type '\(type)'. Types: \(store.catalog.types.map(\.name).joined(separator: ", ")).")
        }
        let recordType = try await store.type(named: type)
        let out = FileHandle.standardOutput
        let count = try await store.export(recordType, format: format, actor: .system) { chunk in out.write(Data(chunk.utf8)) }
        try await store.recordExport(type: type, format: format.rawValue, count: count, actor: .system)
        await database.close()
        note("Exported \(count) \(type).")
    }
}
