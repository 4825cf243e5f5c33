#!/usr/bin/env python3
"""Checks every tool's HTTP binding against Pipedrive's OpenAPI document, independently of the generator.

Usage: python scripts/check_bindings.py schemas/pipedrive SPEC.yaml
For each tool, the operation named by `operation_id` must have the binding's method and path, every
parameter the operation defines must be bound at the spec's location and wire name, every bound
parameter must exist in the operation, and the body encoding must be the operation's content type.
When SPEC.yaml is absent (it lives in ../shared, on the team's machines only) the check is skipped loudly.
Needs PyYAML.
"""
import json
import sys
from pathlib import Path

import yaml

ENCODINGS = {"application/json": "json", "application/x-www-form-urlencoded": "form", "multipart/form-data": "multipart"}


def merged_properties(schema: dict) -> dict:
    props = dict(schema.get("properties", {}))
    for part in schema.get("allOf", []):
        props.update(merged_properties(part))
    return props


def check(tool: dict, operations: dict) -> list[str]:
    problems = []
    slug, http = tool["slug"], tool["http"]
    found = operations.get(tool["operation_id"])
    if not found:
        return [f"{slug}: no operation {tool['operation_id']}"]
    method, path, server, op = found
    expected_path = path if "oauth.pipedrive.com" in server else "/api/v1" + path
    if http["method"] != method:
        problems.append(f"{slug}: method {http['method']}, spec {method}")
    if http["path"] != expected_path:
        problems.append(f"{slug}: path {http['path']}, spec {expected_path}")
    bound = {(b["in"], b["wire"] if isinstance(b["wire"], str) else tuple(b["wire"])) for b in http["parameters"]}
    expected = {(p["in"], p["name"]) for p in op.get("parameters", [])}
    body = op.get("requestBody")
    if body:
        content_type, content = next(iter(body["content"].items()))
        if http.get("body") != ENCODINGS[content_type]:
            problems.append(f"{slug}: body {http.get('body')}, spec {content_type}")
        for name, prop in merged_properties(content["schema"]).items():
            if prop.get("format") == "binary":
                expected.add(("file", name))
            elif any(b[0] == "body" and b[1][0] == name for b in bound):
                expected |= {b for b in bound if b[0] == "body" and b[1][0] == name}
            else:
                expected.add(("body", (name,)))
    elif http.get("body"):
        problems.append(f"{slug}: body {http['body']}, spec has none")
    for missing in expected - bound:
        problems.append(f"{slug}: spec parameter {missing} is not bound")
    for extra in bound - expected:
        problems.append(f"{slug}: bound parameter {extra} is not in the spec")
    return problems


def main() -> int:
    directory, spec_path = Path(sys.argv[1]), Path(sys.argv[2])
    if not spec_path.exists():
        print(f"⚠️  SKIPPED: binding check needs {spec_path}, which is absent on this machine.")
        return 0
    spec = yaml.safe_load(spec_path.read_text())
    operations = {}
    for path, item in spec["paths"].items():
        for method, op in item.items():
            server = (op.get("servers") or spec["servers"])[0]["url"]
            operations[op["operationId"]] = (method.upper(), path, server, op)
    problems, count = [], 0
    for file in sorted(directory.glob("*.json")):
        if file.name != "toolkit.json":
            problems += check(json.loads(file.read_text()), operations)
            count += 1
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"binding check: {count} tools against {spec_path.name}, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
