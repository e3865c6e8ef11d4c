import ArgumentParser
import Foundation
import Hummingbird
import Logging
import RapportKit
import RapportServer
import RapportStore
import ServiceLifecycle

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Start the web server.")

    @OptionGroup var db: DatabaseOptions
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Flag(help: "Fill an empty database with demo data and print an API token for it.") var demo = false
    @Option(help: "People to create with --demo.") var demoPeople = 300
    @Flag(help: "Mark the session cookie Secure (when a TLS proxy serves Rapport over https).") var secureCookies = false
    @Flag(help: "A reverse proxy fronts Rapport: take client addresses (audit, sign-in throttling) from X-Forwarded-For.") var behindProxy = false
    @Option(help: "Log lines as logfmt or json.") var logFormat = "logfmt"
    @Option(help: "Serve /metrics without a token on this port of its own (bind it where only the scraper reaches).") var metricsPort: Int?
    @Option(help: "Address for --metrics-port.") var metricsHost = "127.0.0.1"
    @Option(help: "Accept mail from an MTA by LMTP (RFC 2033) on this port; each message goes into the service desk as `rapport mail ingest` takes it.") var lmtpPort: Int?
    @Option(help: "Address for --lmtp-port (loopback unless the MTA is on another host).") var lmtpHost = "127.0.0.1"
    @Option(help: "Background jobs this instance runs at once (0: none).") var jobConcurrency = 2
    @Option(help: "Seconds a claimed job stays this instance's without a heartbeat; after that another instance takes it over.") var jobLeaseSeconds = 30
    @Option(help: "Directory for attachment files (also RAPPORT_FILES_DIR); instances sharing one PostgreSQL database point it at one shared volume. Default: beside an SQLite file (rapport.db.files), else ./rapport-files.") var filesDir: String?
    @Option(help: "Largest attachment in MiB.") var attachmentLimitMb = 25

    func validate() throws {
        guard LogFormat(rawValue: logFormat) != nil else { throw ValidationError("--log-format is logfmt or json.") }
        if let p = metricsPort, !(1...65535).contains(p) || p == port { throw ValidationError("--metrics-port is a free port other than --port.") }
        if let p = lmtpPort, !(1...65535).contains(p) || p == port || p == metricsPort { throw ValidationError("--lmtp-port is a free port other than --port and --metrics-port.") }
        guard (0...64).contains(jobConcurrency) else { throw ValidationError("--job-concurrency is 0 to 64.") }
        guard (3...3600).contains(jobLeaseSeconds) else { throw ValidationError("--job-lease-seconds is 3 to 3600.") }
        guard (1...4096).contains(attachmentLimitMb) else { throw ValidationError("--attachment-limit-mb is 1 to 4096.") }
    }

    func run() async throws {
        let level = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let format = LogFormat(rawValue: logFormat) ?? .logfmt
        LoggingSystem.bootstrap { label in
            var handler = LineLogHandler(label: label, format: format)
            handler.logLevel = level
            return handler
        }
        RapportMetrics.bootstrap()
        let logger = Logger(label: "rapport")
        let database = try await db.open(logger: logger)
        let store = try await db.checkedStore(database, createKey: true)
        // Instances started together on one PostgreSQL database take turns here, so the
        // demo data and the default pipeline are made once.
        try await database.withStartupLock {
            if demo {
                if try await store.count(People.type) == 0 {
                    // The demo admin comes first so the demo's deals are theirs and the quota
                    // report has someone to measure.
                    let admin = AccessAdmin(db: database, directory: AccessDirectory(db: database))
                    var owner = try await admin.user(email: DemoAccount.email)
                    if owner == nil {
                        let password = DemoAccount.newPassword()
                        owner = try await admin.addUser(JSONObject([
                            ("email", .string(DemoAccount.email)), ("name", .string("Demo Admin")), ("role", .string("admin")), ("password", .string(password)),
                        ]), actor: .system)
                        let token = try await TokenStore(db: database).create(name: "demo", userEmail: DemoAccount.email)
                        note("Sign in at http://\(host):\(port)/signin as \(DemoAccount.email) with the password \(password)")
                        note("Demo API token (shown once): \(token.token)")
                    }
                    let counts = try await store.seedDemo(people: demoPeople, actor: Actor(userID: owner?.id, address: "cli"))
                    note("Demo data: \(counts.organizations) organizations, \(counts.people) people, \(counts.activities) activities, \(counts.deals) deals, \(counts.tickets) tickets.")
                }
            }
            // A new installation can take deals at once.
            try await store.ensureDefaultPipeline()
            try await store.ensureDefaultLostReasons()
        }
        logger.info("Rapport \(rapportVersion) on http://\(host):\(port) with \(database.url)")
        let metricsToken = ProcessInfo.processInfo.environment["RAPPORT_METRICS_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        let filesRoot = filesDir ?? ProcessInfo.processInfo.environment["RAPPORT_FILES_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? BlobStore.defaultRoot(for: database)
        let absoluteFiles = URL(fileURLWithPath: filesRoot).standardizedFileURL.path
        if database.filePath == nil && filesDir == nil && ProcessInfo.processInfo.environment["RAPPORT_FILES_DIR"] == nil {
            logger.warning("Attachments go to \(absoluteFiles): with several instances, point --files-dir (or RAPPORT_FILES_DIR) at one shared volume")
        } else {
            logger.info("Attachments go to \(absoluteFiles)")
        }
        let configuration = ServerConfiguration(
            host: host, port: port, secureCookies: secureCookies, cipher: store.cipher, behindProxy: behindProxy, metricsToken: metricsToken,
            auditCheckpointPath: database.auditSigning.signer?.checkpoint?.path,
            attachments: AttachmentSettings(directory: absoluteFiles, maxBytes: attachmentLimitMb << 20))
        let app = buildApplication(database: database, configuration: configuration, logger: logger)
        // Background work runs from the jobs table beside the server; the services stop in
        // reverse order, so on SIGTERM the server stops taking requests and drains them,
        // then the runner stops claiming and drains its jobs.
        var services: [any Service] = []
        if jobConcurrency > 0 {
            var registry = JobRegistry()
            registry.registerSales(store: store)
            registry.registerNotifications(store: store)
            registry.registerService(store: store)
            registry.registerMarketing(store: store)
            // A relay with a private CA: RAPPORT_SMTP_CA_FILE names a PEM file of it.
            let mailRoots = ProcessInfo.processInfo.environment["RAPPORT_SMTP_CA_FILE"].flatMap { $0.isEmpty ? nil : [$0] } ?? []
            registry.registerMail(try MailSendJob(outbox: MailOutbox(db: database, cipher: store.cipher), trustRootFiles: mailRoots))
            // Groups' IMAP mailboxes, read every minute; RAPPORT_IMAP_CA_FILE names a private CA.
            let imapRoots = ProcessInfo.processInfo.environment["RAPPORT_IMAP_CA_FILE"].flatMap { $0.isEmpty ? nil : [$0] } ?? []
            registry.register(try MailboxFetchJob(store: store, blobs: BlobStore(root: absoluteFiles), trustRootFiles: imapRoots), schedule: "* * * * *")
            if ProcessInfo.processInfo.environment["RAPPORT_DEBUG_JOBS"] == "1" { registry.register(DebugSleepJob()) }
            var options = JobRunner.Options()
            options.concurrency = jobConcurrency
            options.leaseMilliseconds = Int64(jobLeaseSeconds) * 1000
            services.append(JobRunner(store: JobStore(db: database), registry: registry, options: options, logger: Logger(label: "rapport.jobs")))
        }
        services.append(app)
        if let lmtpPort {
            services.append(LMTPService(server: TicketMailIntake(store: store, blobs: BlobStore(root: absoluteFiles)).lmtpServer(host: lmtpHost, port: lmtpPort, logger: logger), logger: logger))
        }
        if let metricsPort {
            services.append(buildMetricsApplication(database: database, host: metricsHost, port: metricsPort, logger: logger))
        }
        var group = ServiceGroupConfiguration(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        // Requests and jobs get 10 s to finish (the runner's own bound); then the rest is
        // cancelled. A job cut off keeps its lease, which expires for another instance.
        group.maximumGracefulShutdownDuration = .seconds(12)
        group.maximumCancellationDuration = .seconds(3)
        let started = ContinuousClock.now
        // `rapport restore` refuses to replace a file a live server holds open.
        let marker = database.filePath.flatMap { try? ServingMarker.claim($0) }
        do {
            try await ServiceGroup(configuration: group).run()
        } catch {
            logger.error("Stopped on an error", metadata: ["error": "\(String(reflecting: error))"])
        }
        marker?.release()
        await database.close()
        logger.info("Rapport stopped: requests and jobs drained, database closed", metadata: ["uptime_s": "\((ContinuousClock.now - started).components.seconds)"])
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
        let store = try db.store(database)
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


/// The admin `serve --demo` creates, with a fresh password printed once.
enum DemoAccount {
    static let email = "admin@example.com"

    static func newPassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}
