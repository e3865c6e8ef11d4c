import ArgumentParser
import Foundation
import RapportKit
import RapportStore

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage the people who sign in.", subcommands: [Add.self, List.self, Disable.self, Reset.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user.")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "Sign-in email.") var email: String
        @Option(help: "admin, manager, sales, support, marketing, partner_manager, viewer or a custom role.") var role: String
        @Option(help: "Display name (default: the email's local part).") var name: String?
        @Option(help: "A team to join (created when new); repeat for several.") var team: [String] = []
        @Option(help: "Preferred language: en, ko or ja.") var language: String?
        @Option(help: "IANA time zone, such as Asia/Seoul.") var timeZone: String?
        @Flag(help: "Read the password from standard input (otherwise sign-in waits for `rapport user reset`).") var passwordStdin = false

        func run() async throws {
            var body = JSONObject([("email", .string(email)), ("role", .string(role))])
            if let name { body["name"] = .string(name) }
            if let language { body["language"] = .string(language) }
            if let timeZone { body["time_zone"] = .string(timeZone) }
            if passwordStdin {
                guard let line = readLine(strippingNewline: true), !line.isEmpty else { throw CommandFailure("No password on standard input.") }
                body["password"] = .string(line)
            }
            let database = try await db.open()
            let admin = AccessAdmin(db: database, directory: AccessDirectory(db: database))
            do {
                let existing = Set(try await admin.directory.teams().map(\.name))
                for t in team where !existing.contains(t) {
                    _ = try await admin.createTeam(JSONObject([("name", .string(t))]), actor: .system)
                }
                if !team.isEmpty { body["teams"] = .array(team.map(JSONValue.string)) }
                let user = try await admin.addUser(body, actor: .system)
                await database.close()
                note("Added \(user.email) (\(user.role)) with id \(user.id).")
            } catch let error as RecordError {
                await database.close()
                throw CommandFailure(Self.describe(error))
            }
        }

        static func describe(_ error: RecordError) -> String {
            switch error {
            case .invalid(let errors): return errors.map { "\($0.field): \($0.message)" }.joined(separator: "\n")
            case .duplicate(_, let value, _): return "\(value) already has an account."
            case .conflict(let detail), .forbidden(let detail): return detail
            case .notFound(_, let id): return "No user \(id)."
            default: return "\(error)"
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users.")
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let database = try await db.open()
            let users = try await AccessAdmin(db: database, directory: AccessDirectory(db: database)).users()
            await database.close()
            print(["email", "name", "role", "teams", "active", "two-factor"].joined(separator: "\t"))
            for u in users {
                print([u.email, u.name, u.role, u.teams.joined(separator: ","), u.active ? "yes" : "no", u.twoFactor ? "on" : "off"].joined(separator: "\t"))
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a user: their sessions end and their tokens stop working.")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "The user's email.") var email: String

        func run() async throws {
            let database = try await db.open()
            do {
                let user = try await AccessAdmin(db: database, directory: AccessDirectory(db: database)).disableUser(email: email, actor: .system)
                await database.close()
                note("Disabled \(user.email).")
            } catch let error as RecordError {
                await database.close()
                throw CommandFailure(Add.describe(error))
            }
        }
    }

    struct Reset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a one-time link (valid for an hour) that lets the user set a new password.")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "The user's email.") var email: String
        @Option(help: "The address users open Rapport at.") var baseURL = "http://127.0.0.1:8080"

        func run() async throws {
            let database = try await db.open()
            let admin = AccessAdmin(db: database, directory: AccessDirectory(db: database))
            do {
                let secret = try await PasswordResets(admin: admin).create(email: email, actor: .system)
                await database.close()
                print("\(baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL)/reset/\(secret)")
            } catch let error as DatabaseError {
                await database.close()
                throw CommandFailure("\(error)")
            }
        }
    }
}
