import ArgumentParser
import Foundation
import RapportKit
import RapportStore

/// Mail into the service desk from an MTA. Postfix, for example, pipes a support address
/// into it with `support: "|/usr/local/bin/rapport mail ingest --database …"` in its aliases.
struct MailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "mail", abstract: "Receive mail into the service desk.", subcommands: [Ingest.self])

    struct Ingest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read one message (RFC 5322) on standard input into the service desk.",
            discussion: """
                A new message opens a ticket in the group whose support address it was sent to; a reply joins its ticket. \
                Auto-replies, bounces and bulk mail are kept without a ticket. Exit status, as an MTA reads it: 0 taken, kept or \
                already received; 65 refused (larger than 25 MB: the MTA returns it to its sender); 75 the database could not be \
                reached (the MTA tries again later).
                """)
        @OptionGroup var db: DatabaseOptions
        @Option(help: "Directory for the files of received mail, as `serve --files-dir` (also RAPPORT_FILES_DIR).") var filesDir: String?

        func run() async throws {
            var raw: [UInt8] = []
            while let chunk = try FileHandle.standardInput.read(upToCount: 1 << 16), !chunk.isEmpty {
                raw += chunk
                // One byte past the limit is enough to refuse; the rest is not read into memory.
                if raw.count > TicketMailIntake.maxBytes { break }
            }
            let outcome: TicketMailIntake.Outcome
            do {
                let database = try await db.open()
                do {
                    let root = filesDir ?? ProcessInfo.processInfo.environment["RAPPORT_FILES_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? BlobStore.defaultRoot(for: database)
                    outcome = try await TicketMailIntake(store: try await db.checkedStore(database), blobs: BlobStore(root: root)).receive(raw)
                } catch {
                    await database.close()
                    throw error
                }
                await database.close()
            } catch {
                FileHandle.standardError.write(Data("rapport mail ingest: \(error)\n".utf8))
                throw ExitCode(75)
            }
            print(Self.describe(outcome).serialized())
            if case .refused = outcome { throw ExitCode(65) }
        }

        static func describe(_ outcome: TicketMailIntake.Outcome) -> JSONValue {
            switch outcome {
            case .opened(let ticket, let message): .object(JSONObject([("outcome", .string("opened")), ("ticket_id", .string(ticket)), ("message_id", .string(message))]))
            case .threaded(let ticket, let message): .object(JSONObject([("outcome", .string("threaded")), ("ticket_id", .string(ticket)), ("message_id", .string(message))]))
            case .duplicate: .object(JSONObject([("outcome", .string("duplicate"))]))
            case .ignored(let reason): .object(JSONObject([("outcome", .string("ignored")), ("reason", .string(reason))]))
            case .refused(let reason): .object(JSONObject([("outcome", .string("refused")), ("reason", .string(reason))]))
            case .held(let mail): .object(JSONObject([("outcome", .string("held")), ("mail_id", .string(mail))]))
            }
        }
    }
}
