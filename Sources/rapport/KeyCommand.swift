import ArgumentParser
import Foundation
import RapportStore

struct KeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "key", abstract: "Manage the key that encrypts sensitive fields.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a new 256-bit key to a file only its owner can read; point RAPPORT_SECRET_KEY_FILE at it.")
        @Argument(help: "Where to write the key.") var path: String

        func run() async throws {
            guard !FileManager.default.fileExists(atPath: path) else {
                throw CommandFailure("\(path) exists; a key is never overwritten (data encrypted with it would be lost).")
            }
            guard FileManager.default.createFile(atPath: path, contents: Data((FieldCipher.newKeyText() + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
                throw CommandFailure("Cannot write \(path).")
            }
            note("Wrote a new key to \(path). Keep a copy with your backups: without it, sensitive fields cannot be read.")
        }
    }
}
