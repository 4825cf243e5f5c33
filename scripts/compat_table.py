"""Renders the SDK surface table into docs/composio-compat.md, between `<!-- sdk-surface:begin -->` and
`<!-- sdk-surface:end -->`, from the rows the compat suite recorded (.build/compat/rows.json).

    python scripts/compat_table.py [--rows PATH] [--doc PATH] [--print]

Run the whole compat suite first (`python -m pytest Tests/compat`): each test marked `sdk_row(method, route)`
records its outcome there (Tests/compat/conftest.py), and the file holds only the rows of the last run.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
BEGIN = "<!-- sdk-surface:begin -->"
END = "<!-- sdk-surface:end -->"


def cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def verdict(row: dict) -> str:
    """What the table says of a row: supported, refused on purpose and why, or what keeps it from passing."""
    status, reason = row["status"], row.get("reason") or ""
    if status == "failed":
        return f"**failing**: {cell(reason)}"
    if status == "skipped":
        return f"not tested (skipped: {cell(reason)})"
    if row.get("unsupported"):
        return f"not supported: {cell(row['unsupported'])} (tested)"
    return "supported (tested)"


def render(rows: list[dict]) -> str:
    supported = sum(1 for row in rows if row["status"] == "passed" and not row.get("unsupported"))
    refused = sum(1 for row in rows if row["status"] == "passed" and row.get("unsupported"))
    other = len(rows) - supported - refused
    lines = [
        f"{len(rows)} rows from `Tests/compat` (composio 0.30.0): {supported} supported, {refused} refused on purpose"
        + (f", **{other} failing or not tested**." if other else "."),
        "",
        "| SDK call | route | Toolport |",
        "|---|---|---|",
    ]
    for row in sorted(rows, key=lambda row: (row["method"], row["route"])):
        lines.append(f"| `{cell(row['method'])}` | `{cell(row['route'])}` | {verdict(row)} |")
    return "\n".join(lines)


def replace_between_markers(document: str, table: str) -> str:
    begin, end = document.find(BEGIN), document.find(END)
    if begin < 0 or end < begin:
        raise SystemExit(f"the document has no {BEGIN} … {END} section")
    return document[: begin + len(BEGIN)] + "\n" + table + "\n" + document[end:]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=Path, default=REPOSITORY / ".build" / "compat" / "rows.json")
    parser.add_argument("--doc", type=Path, default=REPOSITORY / "docs" / "composio-compat.md")
    parser.add_argument("--print", action="store_true", help="print the table instead of writing the document")
    arguments = parser.parse_args()
    if not arguments.rows.exists():
        print(f"{arguments.rows} does not exist: run python -m pytest Tests/compat first", file=sys.stderr)
        return 1
    table = render(json.loads(arguments.rows.read_text())["rows"])
    if arguments.print:
        print(table)
        return 0
    arguments.doc.write_text(replace_between_markers(arguments.doc.read_text(), table))
    print(f"wrote the SDK surface table ({table.count(chr(10)) - 3} rows) into {arguments.doc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
