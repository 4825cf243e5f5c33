import Foundation
import Prometheus

/// The standard Prometheus process metrics (`process_cpu_seconds_total`, `process_resident_memory_bytes`,
/// `process_virtual_memory_bytes`, `process_open_fds`, `process_start_time_seconds`), read from `/proc/self`
/// when `/metrics` is scraped. Where `/proc` is missing (macOS) they are left out.
struct ProcessMetrics: Sendable {
    private let registry: PrometheusCollectorRegistry

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    /// Reads the process's counters now and sets the gauges.
    func update() {
        guard let text = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
            let stat = ProcStat(parsing: text)
        else { return }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        let pageSize = Double(sysconf(Int32(_SC_PAGESIZE)))
        gauge("cpu", "seconds_total", "User and system CPU time spent, in seconds.").set(Double(stat.userTicks + stat.systemTicks) / ticks)
        gauge("resident_memory", "bytes", "Resident memory size, in bytes.").set(Double(stat.residentPages) * pageSize)
        gauge("virtual_memory", "bytes", "Virtual memory size, in bytes.").set(Double(stat.virtualBytes))
        if let boot = Self.bootTime() {
            gauge("start_time", "seconds", "Start time of the process since 1970, in seconds.").set(boot + Double(stat.startTicks) / ticks)
        }
        if let descriptors = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") {
            gauge("open_fds", "", "Open file descriptors.").set(Double(descriptors.count))
        }
    }

    /// The gauge `process_<name>_<unit>`.
    private func gauge(_ name: String, _ unit: String, _ help: String) -> Gauge {
        registry.makeGauge(descriptor: MetricNameDescriptor(namespace: "process", metricName: name, unitName: unit, helpText: help))
    }

    /// The `btime` line of `/proc/stat`: when the machine booted, in seconds since 1970.
    private static func bootTime() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8) else { return nil }
        return text.split(separator: "\n").first { $0.hasPrefix("btime ") }.flatMap { Double($0.dropFirst(6)) }
    }
}

/// The fields of `/proc/self/stat` the process metrics use (proc(5)).
struct ProcStat: Equatable {
    var userTicks: Int
    var systemTicks: Int
    var startTicks: Int
    var virtualBytes: Int
    var residentPages: Int

    /// Reads the line; nil when it is not one. The command name (field 2) may hold spaces and parentheses,
    /// so fields are counted from its last `)`.
    init?(parsing text: String) {
        guard let close = text.lastIndex(of: ")") else { return nil }
        // Fields from 3 (state) onwards.
        let fields = text[text.index(after: close)...].split(separator: " ", omittingEmptySubsequences: true)
        func field(_ number: Int) -> Int? { fields.count > number - 3 ? Int(fields[number - 3].trimmingCharacters(in: .whitespacesAndNewlines)) : nil }
        guard let user = field(14), let system = field(15), let start = field(22), let virtual = field(23), let resident = field(24) else { return nil }
        self.userTicks = user
        self.systemTicks = system
        self.startTicks = start
        self.virtualBytes = virtual
        self.residentPages = resident
    }
}
