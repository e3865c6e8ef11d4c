import ArgumentParser
import Foundation
import Hummingbird
import Logging
import RapportKit
import RapportServer
import RapportStore

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Start the web server.")

    @OptionGroup var db: DatabaseOptions
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Flag(help: "Fill an empty database with demo data and print an API token for it.") var demo = false
    @Option(help: "People to create with --demo.") var demoPeople = 300

    func run() async throws {
        var logger = Logger(label: "rapport")
        logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let database = try await db.open(logger: logger)
        if demo {
            let store = RecordStore(db: database)
            if try await store.count(People.type) == 0 {
                let counts = try await store.seedDemo(people: demoPeople, actor: .system)
                let token = try await TokenStore(db: database).create(name: "demo")
                note("Demo data: \(counts.organizations) organizations, \(counts.people) people, \(counts.activities) activities.")
                note("Demo API token (shown once): \(token.token)")
            }
        }
        logger.info("Rapport \(rapportVersion) on http://\(host):\(port) with \(database.url)")
        let app = buildApplication(database: database, configuration: ServerConfiguration(host: host, port: port), logger: logger)
        try await app.runService()
        await database.close()
    }
}

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Bring the database schema up to date.")
    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        let database = try await db.open(migrate: true)
        let version = try await Migrator.currentVersion(database)
        await database.close()
        note("Schema at version \(version).")
    }
}

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Fill an empty database with demo data in Korean, Japanese and English.")
    @OptionGroup var db: DatabaseOptions
    @Option(help: "How many people to create (organizations are a tenth of that).") var people = 1000
    @Option(help: "Seed for reproducible data.") var seed: UInt64 = 2026

    func run() async throws {
        guard (1...5_000_000).contains(people) else { throw ValidationError("--people is 1 to 5,000,000.") }
        let database = try await db.open()
        let store = RecordStore(db: database)
        guard try await store.count(People.type) == 0, try await store.count(Organizations.type) == 0 else {
            await database.close()
            throw CommandFailure("The database already has records; demo data goes into an empty database.")
        }
        let start = Date()
        let counts = try await store.seedDemo(people: people, seed: seed, actor: .system)
        await database.close()
        note(String(format: "Created %d organizations, %d people and %d activities in %.1f s.", counts.organizations, counts.people, counts.activities, Date().timeIntervalSince(start)))
    }
}

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "token", abstract: "Manage API tokens.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a new API token (stored hashed; shown once).")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "A name to recognise the token by.") var name = "api"
        @Option(help: "The user the token acts for (default: the first admin, created if there is none).") var user: String?
        @Option(help: "read or write.") var scope = "write"

        func run() async throws {
            guard ["read", "write"].contains(scope) else { throw ValidationError("--scope is read or write.") }
            let database = try await db.open()
            defer { Task { await database.close() } }
            let created = try await TokenStore(db: database).create(name: name, userEmail: user, scope: scope)
            if created.createdFirstAdmin { note("Created the first admin user \(created.userEmail).") }
            print(created.token)
        }
    }
}
