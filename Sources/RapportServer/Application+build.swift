import Foundation
import Hummingbird
import Logging
import RapportKit
import RapportStore

/// What `rapport serve` and the tests configure.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Marks the session cookie `Secure`: set when a TLS proxy fronts the server.
    public var secureCookies: Bool
    /// Encrypts sensitive custom fields; without it they cannot be created. A subkey of it
    /// signs the audit chain's head.
    public var cipher: FieldCipher?
    /// Where this host keeps its checkpoint of the newest signed audit head (beside the
    /// key file); nil keeps none.
    public var auditCheckpointPath: String?
    /// bcrypt work factor for new passwords (tests lower it).
    public var passwordCost: UInt8
    /// A reverse proxy fronts the server: client addresses come from `X-Forwarded-For`.
    public var behindProxy: Bool
    /// The bearer token `/metrics` asks for on the main port; without one, `/metrics` is
    /// not served there (see `serve --metrics-port`).
    public var metricsToken: String?
    /// What time it is for pages that depend on it (Home's today, a task marked done);
    /// tests fix it to cross a day boundary in one zone and not another.
    public var clock: @Sendable () -> Date

    /// Where attachments are kept and how large they may be (see ``AttachmentSettings``).
    public var attachments: AttachmentSettings

    public init(host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = false, cipher: FieldCipher? = nil, passwordCost: UInt8 = 12, behindProxy: Bool = false,
                metricsToken: String? = nil, clock: @escaping @Sendable () -> Date = { Date() }, auditCheckpointPath: String? = nil, attachments: AttachmentSettings = AttachmentSettings()) {
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
        self.cipher = cipher
        self.passwordCost = passwordCost
        self.behindProxy = behindProxy
        self.metricsToken = metricsToken
        self.clock = clock
        self.auditCheckpointPath = auditCheckpointPath
        self.attachments = attachments
    }
}

public let rapportVersion = "0.1.0"

/// Builds the whole HTTP application over an open database; `rapport serve` and the tests
/// call this same function, so what is tested is what ships.
public func buildApplication(
    database: Database, configuration: ServerConfiguration = ServerConfiguration(), logger: Logger = Logger(label: "rapport")
) -> some ApplicationProtocol {
    let store = RecordStore(db: database, cipher: configuration.cipher)
    database.auditSigning.signer = configuration.cipher.map { AuditHeadSigner(fieldKey: $0, checkpointPath: configuration.auditCheckpointPath) }
    let tokens = TokenStore(db: database)
    let sessions = SessionStore(db: database)
    let directory = AccessDirectory(db: database)
    let admin = AccessAdmin(db: database, directory: directory, catalog: store.catalog, passwordCost: configuration.passwordCost, cipher: configuration.cipher)
    let audit = AuditTrail(db: database)
    let jobs = JobStore(db: database)
    let attachments = configuration.attachments.store(records: store)
    RapportMetrics.bootstrap()
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: AccessLogMiddleware(logger: logger))
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ProblemMiddleware(
        catalog: store.catalog, behindProxy: configuration.behindProxy,
        routes: RouteMethods(document: OpenAPIDocument.build(types: store.catalog.types, version: rapportVersion))))

    // Bounded: a load balancer asking during a database restart or a pool-wide stall gets
    // a 503 within two seconds, not a hung socket.
    router.get("healthz") { _, _ -> Response in
        if await database.ping(within: .seconds(2)) {
            return .json(.object(JSONObject([("status", .string("ok")), ("database", .string(database.dialect.rawValue))])))
        }
        return .json(.object(JSONObject([("status", .string("unavailable"))])), status: .serviceUnavailable, headers: [.retryAfter: "2"])
    }
    router.group("api").add(middleware: AuthMiddleware(tokens: tokens, sessions: sessions, directory: directory, optional: true))
        .get("openapi.json", use: OpenAPIRoute(store: store).handle)

    MetricsRoute(token: configuration.metricsToken, database: database, jobs: jobs).register(on: router)

    let pages = PageDependencies(
        store: store, admin: admin, sessions: sessions, resets: PasswordResets(admin: admin), audit: audit, renderer: PageRenderer(),
        throttle: SignInLimiter(db: database), secureCookies: configuration.secureCookies, notifications: NotificationStore(db: database), clock: configuration.clock, attachments: attachments)
    Assets.register(on: router)
    Theme.register(on: router, deps: pages)
    SignInPages(deps: pages).register(on: router)
    ForgotPasswordPage(deps: pages).register(on: router)
    SurveyPage(deps: pages).register(on: router)
    SupportFormPage(deps: pages).register(on: router)
    AccountPages(deps: pages).register(on: router)
    let workspace = WorkspacePages(deps: pages)
    HomePage(deps: pages).register(on: router)
    workspace.register(on: router)
    NotificationPages(deps: pages).register(on: router)
    let adminPages = AdminPages(deps: pages, tokens: tokens, audit: audit)
    adminPages.register(on: router)
    JobPages(pages: adminPages, jobs: jobs).register(on: router)
    ReportsPage(deps: pages).register(on: router)
    QuoteBuilderPage(deps: pages).register(on: router)
    ServicePages(deps: pages).register(on: router)
    PortalPages(deps: pages).register(on: router)
    NPSPages(deps: pages).register(on: router)
    ProcedurePages(deps: pages).register(on: router)
    RegistrationDecisionPages(deps: pages).register(on: router)

    let api = router.group("api/v1").add(middleware: AuthMiddleware(tokens: tokens, sessions: sessions, directory: directory))
    AccessRoutes(admin: admin, tokens: tokens, audit: audit).register(on: api)
    PrivacyRoutes(store: store, attachments: attachments).register(on: api)
    AttachmentRoutes(attachments: attachments).register(on: api)
    ReportRoutes(store: store, clock: configuration.clock).register(on: api)
    SalesRoutes(store: store).register(on: api)
    ServiceRoutes(store: store, clock: configuration.clock).register(on: api)
    NPSRoutes(store: store, clock: configuration.clock).register(on: api)
    FieldRoutes(store: store).register(on: api)
    ImportRoute(store: store).register(on: api)
    JobRoutes(jobs: jobs).register(on: api)
    NotificationRoutes(notifications: NotificationStore(db: database), clock: configuration.clock).register(on: api)
    CompanySettingsRoutes(settings: CompanySettings(db: database)).register(on: api)
    MailSettingsRoutes(outbox: MailOutbox(db: database, cipher: configuration.cipher)).register(on: api)
    SatisfactionSettingsRoutes(store: store).register(on: api)
    WebFormFieldRoutes(store: store).register(on: api)
    MailboxRoutes(store: store).register(on: api)
    PartnerRoutes(store: store, admin: admin).register(on: api)
    RecordRoutes(store: store).register(on: api)
    AttachmentPages(deps: pages).register(on: router)
    ImportPages(deps: pages).register(on: router)
    MergePages(deps: pages).register(on: router)
    ComposePage(deps: pages).register(on: router)
    // Last: `/{type}` pages match whatever no fixed path above claimed.
    RecordPages(deps: pages).register(on: router)

    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Rapport"),
        logger: logger)
}
