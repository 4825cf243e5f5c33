"""Writes bench/restart_loop.sh's results (its report file) into the restart-loop section of a Markdown file.

    python3 bench/restart_loop_docs.py .build/bench/restart-loop.txt docs/deployment.md
"""
import platform
import re
import sys
from datetime import date
from pathlib import Path

LINE = re.compile(r"^(debug|release) round (\d+): (passed|FAILED); slowest: (.*)$")
ANSWER = re.compile(r"(write|list|readyz) ([\d.]+)s \((\d+|None)\)")


def main() -> None:
    report, document = Path(sys.argv[1]), Path(sys.argv[2])
    builds: dict[str, dict] = {}
    for line in report.read_text().splitlines():
        match = LINE.match(line)
        if not match:
            continue
        build, _, outcome, slowest = match.groups()
        entry = builds.setdefault(build, {"runs": 0, "passed": 0, "worst": {}})
        entry["runs"] += 1
        entry["passed"] += outcome == "passed"
        for kind, seconds, _ in ANSWER.findall(slowest):
            entry["worst"][kind] = max(entry["worst"].get(kind, 0.0), float(seconds))
    rows = ["| build | runs | passed | slowest write | slowest list | slowest /readyz |", "|---|---|---|---|---|---|"]
    for build, entry in builds.items():
        worst = entry["worst"]
        rows.append(f"| {build} | {entry['runs']} | {entry['passed']} | " + " | ".join(
            f"{worst[kind]:.2f} s" if kind in worst else "?" for kind in ("write", "list", "readyz")) + " |")
    section = "\n".join([
        "<!-- restart-loop:begin -->",
        f"Measured {date.today().isoformat()} on {platform.machine()} with 2 cores by `bench/restart_loop.sh` (limit: "
        "`--db-timeout 2` + 2 s = 4 s; the slowest answer of every kind over all runs, most of them the 503 at the deadline):",
        "",
        *rows,
        "<!-- restart-loop:end -->",
    ])
    text = document.read_text()
    pattern = re.compile(r"<!-- restart-loop:begin -->.*?<!-- restart-loop:end -->", re.S)
    document.write_text(pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section + "\n")


if __name__ == "__main__":
    main()
