import ArgumentParser
import Foundation
import RapportKit
import RapportStore

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "token", abstract: "Manage API tokens.", subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a new API token (stored hashed; shown once).")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "A name to recognise the token by.") var name = "api"
        @Option(help: "The user the token acts for (default: the first admin, created if there is none).") var user: String?
        @Option(help: "read or write.") var scope = "write"
        @Option(help: "Days until the token stops working (default: never).") var expiresDays: Int?

        func run() async throws {
            guard ["read", "write"].contains(scope) else { throw ValidationError("--scope is read or write.") }
            if let d = expiresDays, !(1...3650).contains(d) { throw ValidationError("--expires-days is 1 to 3650.") }
            let database = try await db.open()
            let expires = expiresDays.map { Timestamp.format(Date().addingTimeInterval(Double($0) * 86400)) }
            do {
                let created = try await TokenStore(db: database).create(name: name, userEmail: user, scope: scope, expiresAt: expires)
                await database.close()
                if created.createdFirstAdmin { note("Created the first admin user \(created.userEmail).") }
                print(created.token)
            } catch let error as DatabaseError {
                await database.close()
                throw CommandFailure("\(error)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (never their secrets).")
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let database = try await db.open()
            let tokens = try await TokenStore(db: database).list(userID: nil)
            await database.close()
            print(["id", "name", "user", "scope", "created", "last used", "expires", "revoked"].joined(separator: "\t"))
            for t in tokens {
                print(["id", "name", "user_email", "scope", "created_at", "last_used_at", "expires_at", "revoked_at"].map { t[$0]?.stringValue ?? "-" }.joined(separator: "\t"))
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by id.")
        @OptionGroup var db: DatabaseOptions
        @Argument(help: "The token's id (from `rapport token list`).") var id: String

        func run() async throws {
            let database = try await db.open()
            let done = try await TokenStore(db: database).revoke(id: id, ownerID: nil, actor: .system)
            await database.close()
            guard done else { throw CommandFailure("No live token has the id \(id).") }
            note("Revoked.")
        }
    }
}
