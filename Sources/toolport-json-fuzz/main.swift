// toolport-json-fuzz: a differential fuzz run of ToolportJSON's parser against Foundation's JSONSerialization,
// and of its serializer by round trip. A seeded random loop (reproducible from its seed); not part of CI —
// bench/json_fuzz.sh runs it for a bounded time and records the result in docs/reliability.md.
//
//   toolport-json-fuzz [--seconds N] [--seed S] [--markdown FILE]
import Foundation
import ToolportJSON

var options = (seconds: 60.0, seed: UInt64(8259), markdown: String?.none)
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--seconds": options.seconds = Double(arguments.next() ?? "") ?? options.seconds
    case "--seed": options.seed = UInt64(arguments.next() ?? "") ?? options.seed
    case "--markdown": options.markdown = arguments.next()
    default:
        FileHandle.standardError.write(Data("usage: toolport-json-fuzz [--seconds N] [--seed S] [--markdown FILE]\n".utf8))
        exit(2)
    }
}

var fuzzer = DifferentialFuzzer(seed: options.seed)
let deadline = Date().addingTimeInterval(options.seconds)
while Date() < deadline {
    for _ in 0..<2_000 { fuzzer.step() }
}
let report = fuzzer.report(seconds: options.seconds)
print(report)
if let path = options.markdown { try report.write(toFile: path, atomically: true, encoding: .utf8) }
exit(fuzzer.isClean ? 0 : 1)
