import Foundation
public import PostgresNIO
public import Storage

/// Where a PostgreSQL database is and how Toolport uses it: parsed from
/// `postgres://user:password@host:port/database?sslmode=prefer`.
public struct PostgresStorageConfiguration: Sendable, CustomStringConvertible {
    /// The connection settings `PostgresClient` takes.
    public var client: PostgresClient.Configuration
    /// The most connections this process opens.
    public var poolSize: Int
    /// The longest a database operation may take, waiting for a connection included; past it the
    /// operation fails with `StorageError.queryFailed` (503 to callers) rather than hanging while the
    /// database is unreachable.
    public var operationTimeout: Duration
    /// How long a token refresh waits for another process's refresh of the same account.
    public var refreshLockTimeout: Duration

    /// Whether `text` names a PostgreSQL database rather than a SQLite file.
    public static func isPostgresURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Parses a `postgres://` or `postgresql://` URL. `sslmode` means what it means to libpq: `disable`;
    /// `prefer` (the default: TLS when the server offers it) and `require` (TLS or nothing), both without
    /// checking the server's certificate; `verify-full` (TLS with the certificate checked against the
    /// system's trusted roots and the host name).
    /// - Throws: `StorageError.cannotOpen` naming what is wrong, without the password.
    public init(
        url text: String, poolSize: Int = 10, operationTimeout: Duration = .seconds(5), refreshLockTimeout: Duration = .seconds(30)
    ) throws(StorageError) {
        guard Self.isPostgresURL(text), let url = URLComponents(string: text), let host = url.host, !host.isEmpty else {
            throw .cannotOpen(path: Self.redacted(text), reason: "expected postgres://user:password@host:port/database")
        }
        guard let username = url.user, !username.isEmpty else {
            throw .cannotOpen(path: Self.redacted(text), reason: "the URL names no user")
        }
        let database = String(url.path.drop(while: { $0 == "/" }))
        let tls: PostgresClient.Configuration.TLS
        switch url.queryItems?.first(where: { $0.name == "sslmode" })?.value ?? "prefer" {
        case "disable": tls = .disable
        case "prefer": tls = .prefer(Self.unverifiedTLS)
        case "require": tls = .require(Self.unverifiedTLS)
        case "verify-full": tls = .require(.makeClientConfiguration())
        case let other:
            throw .cannotOpen(path: Self.redacted(text), reason: "unsupported sslmode \(other); use disable, prefer, require or verify-full")
        }
        guard poolSize >= 2 else {
            // A refresh holds one connection for its lock while it reads and writes through another.
            throw .cannotOpen(path: Self.redacted(text), reason: "the pool needs at least 2 connections, got \(poolSize)")
        }
        var client = PostgresClient.Configuration(
            host: host, port: url.port ?? 5432, username: username.removingPercentEncoding ?? username,
            password: url.password.map { $0.removingPercentEncoding ?? $0 }, database: database.isEmpty ? nil : database, tls: tls
        )
        client.options.maximumConnections = poolSize
        client.options.connectTimeout = operationTimeout
        client.options.additionalStartupParameters = [("application_name", "toolport")]
        self.client = client
        self.poolSize = poolSize
        self.operationTimeout = operationTimeout
        self.refreshLockTimeout = refreshLockTimeout
    }

    /// Encryption without checking who answers, as libpq's `prefer` and `require`: packaged servers
    /// often offer a self-signed certificate.
    private static var unverifiedTLS: TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .none
        return configuration
    }

    /// The URL without its password, for logs.
    public var description: String {
        "postgres://\(client.username)@\(client.host ?? "?"):\(client.port ?? 5432)/\(client.database ?? "")"
    }

    /// `text` with any password replaced by `***`.
    static func redacted(_ text: String) -> String {
        guard var url = URLComponents(string: text), url.password != nil else { return text }
        url.password = "***"
        return url.string ?? "postgres://…"
    }
}
