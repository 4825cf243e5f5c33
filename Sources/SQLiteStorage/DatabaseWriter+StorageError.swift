import GRDB
import Storage

extension DatabaseWriter {
    /// Runs `body` in a read. A `StorageError` thrown by `body` passes through; any other failure
    /// becomes `StorageError.queryFailed` naming `operation` (GRDB keeps statement arguments out of
    /// its error text, so sealed values and tokens stay out of it).
    func read<T: Sendable>(for operation: String, _ body: @escaping @Sendable (Database) throws -> T) async throws(StorageError) -> T {
        do {
            return try await read(body)
        } catch let error as StorageError {
            throw error
        } catch {
            throw .queryFailed(operation: operation, reason: "\(error)")
        }
    }

    /// Runs `body` in a write transaction, with the same error mapping as `read(for:_:)`.
    func write<T: Sendable>(for operation: String, _ body: @escaping @Sendable (Database) throws -> T) async throws(StorageError) -> T {
        do {
            return try await write(body)
        } catch let error as StorageError {
            throw error
        } catch {
            throw .queryFailed(operation: operation, reason: "\(error)")
        }
    }
}
