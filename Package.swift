// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "rapport",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "rapport", targets: ["rapport"]),
        .library(name: "RapportKit", targets: ["RapportKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        // Tests only: property-based cases over amounts, quantities and rates at their edges.
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    ],
    targets: [
        // Domain: record descriptions, validation, search text, CSV, money. No I/O, no frameworks.
        .target(name: "RapportKit"),
        // Persistence: one SQL path over SQLite and PostgreSQL, on the drivers directly (a
        // generic row and bind layer cost more than the queries themselves on list pages).
        .target(
            name: "RapportStore",
            dependencies: [
                "RapportKit",
                "RapportMail",
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOPosix", package: "swift-nio"),
                // bcrypt only: its C core has no further dependencies.
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // HTTP: JSON API, OpenAPI document, health, and the pages (server-rendered Mustache).
        .target(
            name: "RapportServer",
            dependencies: [
                "RapportKit",
                "RapportStore",
                "RapportMail",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Mail on the wire: MIME parsing and building, RFC 2047/2231, the charsets East-Asian
        // mail still uses. Knows nothing of records, so the service desk and marketing share it.
        .target(
            name: "RapportMail",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .executableTarget(
            name: "rapport",
            dependencies: [
                "RapportKit",
                "RapportStore",
                "RapportServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "RapportKitTests",
            dependencies: ["RapportKit", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "RapportMailTests",
            dependencies: ["RapportMail", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "RapportServerTests",
            dependencies: [
                "RapportServer",
                "RapportStore",
                "RapportKit",
                "RapportMail",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
    ]
)
