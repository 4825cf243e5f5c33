// swift-tools-version:6.1
import PackageDescription

/// One set of settings for every target, tests included.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "toolport",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "toolport", targets: ["toolport"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk.git", from: "0.12.1"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.7.3"),
        // OTLP/HTTP only: the gRPC exporter's dependencies are not built.
        .package(url: "https://github.com/swift-otel/swift-otel.git", from: "1.6.0", traits: ["OTLPHTTP"]),
    ],
    targets: [
        .target(name: "ToolportJSON", swiftSettings: swiftSettings),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(
            name: "CurlHTTP",
            dependencies: [
                "CCurl",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Telemetry",
            dependencies: [
                "ToolportJSON", "CurlHTTP",
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "Instrumentation", package: "swift-distributed-tracing"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(name: "Files", dependencies: [.product(name: "Crypto", package: "swift-crypto")], swiftSettings: swiftSettings),
        .target(
            name: "Execution",
            dependencies: [
                "ToolportJSON", "Validation", "Catalog", "CurlHTTP", "Storage", "Files", "Telemetry", .product(name: "Logging", package: "swift-log"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "Instrumentation", package: "swift-distributed-tracing"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Triggers",
            dependencies: [
                "ToolportJSON", "Validation", "Storage", "CurlHTTP", "Execution", "Accounts", "Telemetry", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"), .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(name: "ProviderFormats", dependencies: ["ToolportJSON", "Catalog"], swiftSettings: swiftSettings),
        .target(
            name: "MCPBridge",
            dependencies: [
                "ToolportJSON", "Catalog", "Execution", "CurlHTTP",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Accounts",
            dependencies: ["ToolportJSON", "Catalog", "CurlHTTP", "Execution", "Storage", "Telemetry", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Sandbox",
            dependencies: [
                "ToolportJSON", "Catalog", "CurlHTTP",
                .product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(name: "Validation", dependencies: ["ToolportJSON"], swiftSettings: swiftSettings),
        .target(name: "Catalog", dependencies: ["ToolportJSON", "Validation"], swiftSettings: swiftSettings),
        .target(name: "Storage", dependencies: [.product(name: "Crypto", package: "swift-crypto")], swiftSettings: swiftSettings),
        .target(
            name: "SQLiteStorage",
            dependencies: ["Storage", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PostgresStorage",
            dependencies: [
                "Storage",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Server",
            dependencies: [
                .product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "NIOCore", package: "swift-nio"), .product(name: "MCP", package: "swift-sdk"),
                "ToolportJSON", "Validation", "Catalog", "Storage", "CurlHTTP", "Execution", "Accounts", "ProviderFormats", "MCPBridge",
                "Files", "Triggers", "Telemetry", .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "Instrumentation", package: "swift-distributed-tracing"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "toolport-json-fuzz",
            dependencies: ["ToolportJSON"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "toolport",
            dependencies: [
                "Catalog", "Server", "Storage", "SQLiteStorage", "PostgresStorage", "ToolportJSON", "Execution", "CurlHTTP", "Sandbox", "Accounts",
                "MCPBridge", "Files", "Triggers", "Telemetry", .product(name: "NIOCore", package: "swift-nio"), .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "OTel", package: "swift-otel"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(name: "ToolportTestSupport", dependencies: ["ToolportJSON", "Catalog"], path: "Tests/Support", swiftSettings: swiftSettings),
        .testTarget(name: "FilesTests", dependencies: ["Files"], swiftSettings: swiftSettings),
        .testTarget(name: "TriggersTests", dependencies: ["Triggers", "CurlHTTP", "ToolportJSON"], swiftSettings: swiftSettings),
        .testTarget(name: "ValidationTests", dependencies: ["Validation", "ToolportJSON"], swiftSettings: swiftSettings),
        .testTarget(name: "CatalogTests", dependencies: ["Catalog", "Validation", "ToolportJSON", "ToolportTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "CurlHTTPTests",
            dependencies: ["CurlHTTP", .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HummingbirdTesting", package: "hummingbird")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SandboxTests",
            dependencies: [
                "Sandbox", "Catalog", "ToolportJSON",
                .product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ExecutionTests",
            dependencies: [
                "Execution", "Sandbox", "Catalog", "CurlHTTP", "Storage", "SQLiteStorage", "ToolportJSON", "Server", "Validation",
                "ToolportTestSupport", "Accounts", "Telemetry",
                .product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MCPBridgeTests",
            dependencies: ["MCPBridge", "ToolportJSON", .product(name: "MCP", package: "swift-sdk"), .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ProviderFormatsTests",
            dependencies: ["ProviderFormats", "Execution", "Catalog", "ToolportJSON", "Validation", "ToolportTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StorageTests",
            dependencies: [
                "Storage", "SQLiteStorage", "PostgresStorage",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server", "Catalog", "Storage", "SQLiteStorage", "ToolportJSON", "Execution", "CurlHTTP", "Accounts", "Files", "MCPBridge", "Telemetry",
                .product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
