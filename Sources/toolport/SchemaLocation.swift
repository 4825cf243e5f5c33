public import ArgumentParser
public import Catalog
import Foundation

/// `--schemas PATH`: where the tool files are, shared by every command that reads the catalog.
struct SchemaOptions: ParsableArguments {
    @Option(name: .customLong("schemas"), help: "The tool schema directory (default: $TOOLPORT_SCHEMAS, ./schemas/pipedrive, or beside the binary).")
    var path: String?

    /// The directory to load: the flag, then `TOOLPORT_SCHEMAS`, then `./schemas/pipedrive`, then
    /// `../share/toolport/schemas/pipedrive` next to the executable (the Docker image's layout).
    func directory() -> URL {
        if let path { return URL(filePath: path) }
        if let path = ProcessInfo.processInfo.environment["TOOLPORT_SCHEMAS"], !path.isEmpty { return URL(filePath: path) }
        let local = URL(filePath: FileManager.default.currentDirectoryPath).appending(path: "schemas/pipedrive")
        if FileManager.default.fileExists(atPath: local.appending(path: "toolkit.json").path) { return local }
        let executable = URL(filePath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let installed = executable.deletingLastPathComponent().appending(path: "../share/toolport/schemas/pipedrive").standardized
        return FileManager.default.fileExists(atPath: installed.path) ? installed : local
    }

    /// Loads and checks the catalog, turning a broken file into a message that names it.
    func loadCatalog() throws -> Catalog {
        do {
            return try Catalog.load(from: directory())
        } catch {
            throw ValidationError("cannot load the tool catalog: \(error)")
        }
    }
}

extension PipedriveAPI: ExpressibleByArgument {}
