import ArgumentParser
import Foundation
import RapportKit
import RapportStore
import Synchronization

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import organizations or people from a CSV file, all or nothing.",
        discussion: """
            Headers are matched to fields by name (display_name, emails, phones, organization …) and common
            spreadsheet names (Email, Phone, Company, First name, Last name). Lists use ';' inside a cell.
            A company given by name or domain is found, or created. Invalid rows are reported (row, column,
            reason) and left out; with --strict any invalid row cancels the whole import.
            """)

    @OptionGroup var db: DatabaseOptions
    @Argument(help: "people or organizations.") var type: String
    @Argument(help: "The CSV file (UTF-8, header row first).") var file: String
    @Option(name: .customLong("map"), help: "Map a header to a field: --map 'E-mail=emails'; '=-' skips the column.") var maps: [String] = []
    @Option(help: "What to do when an email or domain already exists: skip or update.") var onDuplicate = "skip"
    @Flag(help: "Check every row and report, but write nothing.") var dryRun = false
    @Flag(help: "Import nothing if any row is invalid.") var strict = false

    func run() async throws {
        guard ["people", "organizations"].contains(type) else { throw ValidationError("Import people or organizations.") }
        guard let onDuplicate = ImportOptions.OnDuplicate(rawValue: onDuplicate) else { throw ValidationError("--on-duplicate is skip or update.") }
        guard FileManager.default.isReadableFile(atPath: file) else { throw CommandFailure("Cannot read \(file).") }
        var options = ImportOptions()
        options.onDuplicate = onDuplicate
        options.dryRun = dryRun
        options.strict = strict
        for m in maps {
            let parts = m.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty else { throw ValidationError("--map takes header=field, got '\(m)'.") }
            options.mapping[parts[0]] = parts[1].isEmpty ? "-" : parts[1]
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        let bar = ProgressBar(totalBytes: size, enabled: isatty(STDERR_FILENO) != 0)
        let database = try await db.open()
        let store = try await db.checkedStore(database)
        let recordType = try await store.type(named: type)
        let start = Date()
        let summary: ImportSummary
        do {
            summary = try await store.importCSV(
                recordType, rows: CSVFileRows(path: file, onBytes: { bar.bytes($0) }), options: options, actor: .system,
                progress: { bar.rows($0) })
        } catch let error as ImportError {
            bar.finish()
            await database.close()
            if case .invalidRows(let s) = error { report(s.errors) }
            throw CommandFailure(error.description)
        } catch let error as CSVError {
            bar.finish()
            await database.close()
            throw CommandFailure("\(file) line \(error.line): \(error.message). Nothing was imported.")
        }
        bar.finish()
        await database.close()
        report(summary.errors)
        let seconds = Date().timeIntervalSince(start)
        let verb = summary.dryRun ? "Checked (dry run, nothing written)" : "Imported"
        print(String(format: "%@ %d rows in %.1f s (%.0f rows/s): %d created, %d updated, %d skipped as duplicates, %d invalid; %d related records created.",
                     verb, summary.rows, seconds, Double(summary.rows) / max(seconds, 0.001), summary.created, summary.updated,
                     summary.skipped, summary.failed, summary.relatedCreated))
    }

    func report(_ errors: [ImportRowError]) {
        guard !errors.isEmpty else { return }
        print("row,column,reason")
        for e in errors { print(CSVWriter.line([String(e.row), e.column, e.reason]), terminator: "") }
    }
}

/// A one-line progress bar on standard error, redrawn at most ten times a second; silent
/// when standard error is not a terminal.
final class ProgressBar: Sendable {
    private struct State { var bytes = 0; var rows = 0; var lastDraw = Date.distantPast }
    private let state = Mutex(State())
    let totalBytes: Int
    let enabled: Bool

    init(totalBytes: Int, enabled: Bool) {
        self.totalBytes = totalBytes
        self.enabled = enabled
    }

    func bytes(_ n: Int) { update { $0.bytes = n } }
    func rows(_ n: Int) { update { $0.rows = n } }

    private func update(_ change: (inout State) -> Void) {
        guard enabled else { return }
        let line: String? = state.withLock { s in
            change(&s)
            guard Date().timeIntervalSince(s.lastDraw) > 0.1 else { return nil }
            s.lastDraw = Date()
            let fraction = totalBytes > 0 ? min(1, Double(s.bytes) / Double(totalBytes)) : 0
            let filled = Int(fraction * 30)
            return "\r[" + String(repeating: "#", count: filled) + String(repeating: " ", count: 30 - filled) + "] "
                + String(format: "%3.0f%%  %d rows", fraction * 100, s.rows)
        }
        if let line { FileHandle.standardError.write(Data(line.utf8)) }
    }

    func finish() {
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
