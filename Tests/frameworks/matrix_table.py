"""Renders the framework suite's matrix (.build/frameworks/matrix.json) as markdown into docs/providers.md,
between `<!-- frameworks-matrix:begin -->` and `<!-- frameworks-matrix:end -->`.

    python Tests/frameworks/matrix_table.py [--matrix PATH] [--doc PATH] [--print]

The suite writes the matrix even when it fails; `TOOLPORT_FRAMEWORKS_RECORD_ONLY=1` makes it pass while
recording, for a table of a server that does not meet the targets yet.
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
BEGIN = "<!-- frameworks-matrix:begin -->"
END = "<!-- frameworks-matrix:end -->"


def cell(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def mark(ok) -> str:
    return "—" if ok is None else ("ok" if ok else "**fails**")


def fraction(value, total, *, target=None) -> str:
    if value is None:
        return "—"
    text = f"{value}/{total}"
    return text if value == (total if target is None else target) else f"**{text}**"


def render(matrix: dict) -> str:
    total = matrix.get("tool_count", 269)
    rows = matrix.get("frameworks", {})
    packages = matrix.get("packages", {})
    lines = [
        f"Measured by `Tests/frameworks` on {matrix.get('generated_at', '?')} with composio "
        f"{packages.get('composio', '?')} and the provider packages at the same version (run time "
        f"{matrix.get('seconds', '?')} s). Targets: all {total} tools load, every tool in strict mode where the "
        "provider has one, no validator failure, both calls succeed; anything else is in bold.",
        "",
        "| framework | tools loaded | strict tools | tools failing the validator | read (`PIPEDRIVE_GET_DEAL`) "
        "| write with a custom field (`PIPEDRIVE_ADD_A_DEAL`) | custom fields as |",
        "|---|---:|---:|---:|---|---|---|",
    ]
    for name, row in rows.items():
        failing = row.get("validator_failing_tools")
        lines.append("| " + " | ".join([
            f"`{name}`",
            fraction(row.get("tools_loaded"), total),
            fraction(row.get("strict_tools"), total),
            "—" if failing is None else (str(failing) if failing == 0 else f"**{failing}**"),
            mark(row.get("read_ok")),
            mark(row.get("write_ok")),
            cell(row.get("custom_field_form") or "—"),
        ]) + " |")

    lines += ["", "| framework | package | tool object | invoked as | validator |", "|---|---|---|---|---|"]
    for name, row in rows.items():
        lines.append("| " + " | ".join([f"`{name}`", f"`{row.get('package', '?')}`", cell(row.get("tool_object", "")),
                                         cell(row.get("invocation", "")), cell(row.get("validator", ""))]) + " |")

    problems = []
    for name, row in rows.items():
        notes = []
        if row.get("load_error"):
            notes.append(f"`composio.tools.get` raises `{cell(row['load_error'])[:160]}`")
        fallbacks = row.get("strict_fallbacks") or []
        if fallbacks:
            kinds = collections.Counter(f"{entry['keyword']} ({entry['detail']})" for entry in fallbacks)
            notes.append(f"{row.get('strict_fallback_tools')} tools fall back from strict mode: "
                         + ", ".join(f"{kind} ×{count}" for kind, count in kinds.most_common()))
        failures = row.get("validator_failures") or []
        if failures:
            kinds = collections.Counter(failure["pointer"].rsplit("/", 1)[-1] or "/" for failure in failures)
            samples = "; ".join(f"`{failure['tool']}` `{failure['pointer'] or '/'}`: {cell(failure['message'])[:110]}"
                                for failure in _one_per_kind(failures)[:3])
            notes.append(f"validator failures by keyword: " + ", ".join(f"`{kind}` ×{count}" for kind, count in kinds.most_common())
                         + f" (e.g. {samples})")
        for call in ("read", "write"):
            if row.get(f"{call}_ok") is False and row.get(f"{call}_error"):
                notes.append(f"{call}: {cell(row[f'{call}_error'])[:300]}")
            elif row.get(f"{call}_ok") and "alone" in (row.get(f"{call}_tool_source") or ""):
                notes.append(f"{call}: ok with the tool loaded alone (`tools=[…]`)")
        if notes:
            problems.append(f"- `{name}`: " + " — ".join(notes))
    if problems:
        lines += ["", "What fails:", ""] + problems
    return "\n".join(lines)


def _one_per_kind(failures: list[dict]) -> list[dict]:
    seen, chosen = set(), []
    for failure in failures:
        kind = (failure["pointer"].rsplit("/", 1)[-1], failure["message"][:40])
        if kind not in seen:
            seen.add(kind)
            chosen.append(failure)
    return chosen


def replace_section(document: str, table: str) -> str:
    if BEGIN not in document or END not in document:
        raise SystemExit(f"the document has no {BEGIN} … {END} markers")
    head, rest = document.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{BEGIN}\n{table}\n{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--matrix", type=Path, default=REPOSITORY / ".build" / "frameworks" / "matrix.json")
    parser.add_argument("--doc", type=Path, default=REPOSITORY / "docs" / "providers.md")
    parser.add_argument("--print", action="store_true", help="print the table instead of rewriting the document")
    arguments = parser.parse_args(argv)
    table = render(json.loads(arguments.matrix.read_text()))
    if arguments.print:
        print(table)
        return 0
    arguments.doc.write_text(replace_section(arguments.doc.read_text(), table))
    print(f"{arguments.doc}: frameworks matrix rewritten from {arguments.matrix}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
