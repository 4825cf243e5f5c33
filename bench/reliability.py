#!/usr/bin/env python3
"""Toolport's reliability and security suite, with its results written to docs/reliability.md.

Runs, against the toolport binary in $TOOLPORT_BIN (or the release build):
1. the pytest suite in Tests/reliability: OpenAPI contract + schemathesis, malformed input, upstream faults,
   slow clients, secrets;
2. bench/crash_safety.py: kill -9 under write load, `--crash-rounds` rounds;
3. bench/soak.py: mixed traffic at a fixed rate for `--soak-seconds`.

    python3 bench/reliability.py --soak-seconds 600 --docs docs/reliability.md

Exits non-zero when any part fails; the document is written either way, saying what failed.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from _common import REPOSITORY, default_binary, markdown_table, write_json
from performance import machine

BENCH = REPOSITORY / "bench"


def run_pytest(workdir: Path) -> dict:
    junit = workdir / "reliability-junit.xml"
    started = time.monotonic()
    completed = subprocess.run([sys.executable, "-m", "pytest", "Tests/reliability", "-q", "-p", "no:cacheprovider",
                                "-o", "junit_logging=system-err", f"--junitxml={junit}"],
                               cwd=REPOSITORY, capture_output=True, text=True)
    tests, schemathesis = [], []
    for case in ElementTree.parse(junit).getroot().iter("testcase"):
        for err in case.iter("system-err"):
            schemathesis += [line.split("; output in")[0] for line in (err.text or "").splitlines()
                             if line.startswith("schemathesis ")]
        outcome = "passed"
        for child in case:
            if child.tag in ("failure", "error"):
                outcome = "FAILED"
            elif child.tag == "skipped":
                outcome = "skipped"
        module = case.get("classname", "").rsplit(".", 1)[-1]
        tests.append({"module": module, "name": case.get("name"), "outcome": outcome,
                      "seconds": float(case.get("time", 0))})
    return {"exit_code": completed.returncode, "seconds": time.monotonic() - started, "tests": tests,
            "schemathesis": schemathesis,
            "summary": (completed.stdout.strip().splitlines() or [""])[-1],
            "output_tail": completed.stdout[-4000:] if completed.returncode else ""}


def run_script(name: str, *arguments: str) -> dict:
    started = time.monotonic()
    completed = subprocess.run([sys.executable, str(BENCH / name), *arguments], cwd=REPOSITORY, capture_output=True,
                               text=True)
    report = completed.stdout
    if "\n## " in report:  # progress lines come first; the report starts at its heading
        report = report[report.index("\n## ") + 1:]
    report = report.replace("\n## ", "\n### ").removeprefix("## ")  # a section of docs/reliability.md
    return {"exit_code": completed.returncode, "seconds": time.monotonic() - started, "markdown": report,
            "stderr_tail": completed.stderr[-3000:]}


def render(report: dict) -> str:
    suite, crash, soak = report["pytest"], report["crash_safety"], report["soak"]
    host = report["machine"]
    by_module: dict[str, list[dict]] = {}
    for test in suite["tests"]:
        by_module.setdefault(test["module"], []).append(test)
    module_rows = [[module, len(tests), sum(t["outcome"] == "passed" for t in tests),
                    sum(t["outcome"] == "FAILED" for t in tests), f"{sum(t['seconds'] for t in tests):.1f} s"]
                   for module, tests in by_module.items()]
    failed = [f"- `{t['module']}::{t['name']}`" for t in suite["tests"] if t["outcome"] == "FAILED"]
    status = lambda part: "passed" if part["exit_code"] == 0 else f"FAILED (exit {part['exit_code']})"
    sections = [
        "# Reliability and security",
        "",
        "Written by `bench/reliability.py` (run it with `bench/run.sh reliability`); do not edit by hand.",
        f"Measured on {host['date']}: {host['cpu']}, {host['cores']} cores, {host['memory']}, Linux {host['kernel']}, "
        f"{host['swift']}; binary `{Path(report['binary']).relative_to(REPOSITORY) if report['binary'].startswith(str(REPOSITORY)) else report['binary']}`.",
        "",
        "The README's test command runs the same suite with a short crash run and a 30-second soak; this "
        "document comes from the full run.",
        "",
        "| part | result | time |",
        "|---|---|---|",
        f"| pytest suite `Tests/reliability` | {status(suite)}: {suite['summary']} | {suite['seconds']:.0f} s |",
        f"| crash safety (`kill -9`, {report['crash_rounds']} rounds) | {status(crash)} | {crash['seconds']:.0f} s |",
        f"| soak ({report['soak_seconds']} s) | {status(soak)} | {soak['seconds']:.0f} s |",
        "",
        "## The pytest suite",
        "",
        "What each module proves is in its docstring; the numbers here are from this run.",
        "",
        markdown_table(["module", "tests", "passed", "failed", "time"], module_rows),
        "",
        *(["Failed tests:", "", *failed, ""] if failed else []),
        *(["schemathesis (0 failures is the pass condition; the checks are not_a_server_error, "
           "response_schema_conformance, status_code_conformance, content_type_conformance and "
           "response_headers_conformance):", "", *[f"- {line}" for line in suite["schemathesis"]], ""]
          if suite["schemathesis"] else []),
        "## Crash safety",
        "",
        crash["markdown"].strip() or f"(no output)\n\n```\n{crash['stderr_tail']}\n```",
        "",
        "## Soak",
        "",
        soak["markdown"].strip() or f"(no output)\n\n```\n{soak['stderr_tail']}\n```",
        "",
    ]
    return "\n".join(sections)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", help="the toolport binary (default: $TOOLPORT_BIN, else .build/release/toolport)")
    parser.add_argument("--crash-rounds", type=int, default=20)
    parser.add_argument("--soak-seconds", type=int, default=600)
    parser.add_argument("--json", help="write the full report here")
    parser.add_argument("--docs", help="write the Markdown report here (e.g. docs/reliability.md)")
    options = parser.parse_args()
    binary = default_binary(options.binary)
    workdir = REPOSITORY / ".build" / "bench"
    workdir.mkdir(parents=True, exist_ok=True)
    import os
    os.environ["TOOLPORT_BIN"] = str(binary)
    report = {"machine": machine(), "binary": str(binary), "crash_rounds": options.crash_rounds,
              "soak_seconds": options.soak_seconds}
    report["pytest"] = run_pytest(workdir)
    report["crash_safety"] = run_script("crash_safety.py", "--rounds", str(options.crash_rounds), "--binary", str(binary),
                                        "--json", str(workdir / "crash_safety.json"))
    report["soak"] = run_script("soak.py", "--duration", str(options.soak_seconds), "--binary", str(binary),
                                "--json", str(workdir / "soak.json"))
    write_json(options.json, report)
    document = render(report)
    if options.docs:
        # Sections other scripts write (bench/json_fuzz.sh) are kept.
        previous = Path(options.docs).read_text() if Path(options.docs).exists() else ""
        kept = re.findall(r"<!-- json-fuzz:begin -->.*?<!-- json-fuzz:end -->", previous, re.S)
        Path(options.docs).write_text(document.rstrip("\n") + "".join("\n\n" + part for part in kept) + "\n")
    print(document)
    if any(report[part]["exit_code"] for part in ("pytest", "crash_safety", "soak")):
        sys.exit(1)


if __name__ == "__main__":
    main()
