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
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
    ],
    targets: [
        // Domain: record descriptions, validation, search text, CSV, money. No I/O, no frameworks.
        .target(name: "RapportKit"),
        // Persistence: one SQL path over SQLite and PostgreSQL.
        .target(
            name: "RapportStore",
            dependencies: [
                "RapportKit",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // HTTP: JSON API, OpenAPI document, health.
        .target(
            name: "RapportServer",
            dependencies: [
                "RapportKit",
                "RapportStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
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
            ]
        ),
        .testTarget(name: "RapportKitTests", dependencies: ["RapportKit"]),
        .testTarget(
            name: "RapportServerTests",
            dependencies: [
                "RapportServer",
                "RapportStore",
                "RapportKit",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ]
)
