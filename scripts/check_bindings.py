#!/usr/bin/env python3
"""Checks every tool's HTTP binding against Pipedrive's OpenAPI documents, independently of the generator.

Usage: python scripts/check_bindings.py schemas/pipedrive SPEC_2024.yaml [SPEC_V1_CURRENT.yaml SPEC_V2.yaml]

Against SPEC_2024 (the v1 document the seed was generated from), for each tool: the operation named by
`operation_id` must have the method and path of the tool's 2024 binding (`http_v1_2024` where the tool
was rebound to v2, else `http`), every parameter the operation defines must be bound at the spec's location and wire
name, every bound parameter must exist in the operation, and the body encoding must be the operation's
content type.

With the current documents (Pipedrive's 2026-08 v1 and v2), also by `api_status`:
- "v1": `http` calls an operation the current v1 document still has, not deprecated, at the same method
  and path; where the request changed since 2024 (`http_v1_2024` keeps the old binding), every bound name
  exists in today's operation and every required body field is bound.
- "v2": the v1 operation is deprecated or gone in the current v1 document; `http` calls the v2 operation
  named by `http.operation_id` with its method and path (`/api/v2/...`), every bound wire name exists in
  that operation at the bound location (body nesting paths included), every required v2 parameter is
  bound, the body encoding is the operation's, every input parameter is bound, dropped, or handled by
  `paging`/`sort`, and `paging`, `sort_fields`, `custom_fields` and `coerce` agree with the operation.
- "v1-no-counterpart": the v1 operation is deprecated or gone, and the tool is marked deprecated.

When a spec is absent (they live in ../shared, on the team's machines only) its part of the check is
skipped loudly. Needs PyYAML.
"""
import json
import sys
from pathlib import Path

import yaml

ENCODINGS = {"application/json": "json", "application/x-www-form-urlencoded": "form", "multipart/form-data": "multipart"}
STATUSES = {"v1", "v2", "v1-no-counterpart"}
COERCIONS = {"boolean", "rfc3339", "integer", "string"}
CONVERSIONS = {"number", "array"}


def merged(schema: dict) -> dict:
    """The schema with `allOf` parts folded in (properties, required, type)."""
    out = {k: v for k, v in schema.items() if k != "allOf"}
    for part in schema.get("allOf", []):
        part = merged(part)
        out.setdefault("properties", {}).update(part.get("properties", {}))
        out["required"] = out.get("required", []) + part.get("required", [])
        for key, value in part.items():
            if key not in ("properties", "required"):
                out.setdefault(key, value)
    return out


def merged_properties(schema: dict) -> dict:
    return merged(schema).get("properties", {})


def load(spec_path: Path) -> dict:
    spec = yaml.safe_load(spec_path.read_text())
    operations = {}
    for path, item in spec["paths"].items():
        for method, op in item.items():
            server = (op.get("servers") or spec["servers"])[0]["url"]
            operations[op["operationId"]] = (method.upper(), path, server, op)
    return operations


def check_2024(tool: dict, operations: dict) -> list[str]:
    """The tool's 2024 binding against the 2024 v1 document (as before the current API existed)."""
    problems = []
    slug = tool["slug"]
    http = tool.get("http_v1_2024", tool["http"])
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
    properties = tool["input_parameters"]["properties"]
    handled = {b["name"] for b in http["parameters"]} | {d["name"] for d in http.get("dropped", [])}
    for name in sorted(set(properties) - handled):
        problems.append(f"{slug}: input parameter {name} is neither bound nor dropped in its 2024 binding")
    return problems


def is_supported(tool: dict, v1_current: dict) -> bool:
    """Whether the tool's 2024 operation is still in the current v1 document, not deprecated, unmoved."""
    found = v1_current.get(tool["operation_id"])
    if not found:
        return False
    method, path, server, op = found
    http = tool.get("http_v1_2024", tool["http"])
    expected_path = path if "oauth.pipedrive.com" in server else "/api/v1" + path
    return not op.get("deprecated", False) and (http["method"], http["path"]) == (method, expected_path)


def v2_schema(op: dict, location: str, wire) -> dict | None:
    """The v2 schema a bound wire name reaches (a body nesting path walks into nested objects), or None."""
    if location != "body":
        for p in op.get("parameters", []):
            if (p["in"], p["name"]) == (location, wire):
                return merged(p.get("schema", {}))
        return None
    body = op.get("requestBody")
    if not body or not isinstance(wire, list) or not wire:
        return None
    _, content = next(iter(body["content"].items()))
    schema = merged(content["schema"])
    for key in wire:
        schema = merged_properties(schema).get(key)
        if schema is None:
            return None
        schema = merged(schema)
    return schema


def check_v2(tool: dict, v2: dict) -> list[str]:
    problems = []
    slug, http = tool["slug"], tool["http"]
    if "http_v1_2024" not in tool:
        problems.append(f"{slug}: api_status v2 without http_v1_2024")
    op_id = http.get("operation_id")
    if op_id not in v2:
        return problems + [f"{slug}: http.operation_id {op_id!r} is not a v2 operation"]
    method, path, _, op = v2[op_id]
    if http["method"] != method:
        problems.append(f"{slug}: method {http['method']}, v2 {op_id} {method}")
    if http["path"] != "/api/v2" + path:
        problems.append(f"{slug}: path {http['path']}, v2 {op_id} /api/v2{path}")
    if http.get("server") != "api":
        problems.append(f"{slug}: server {http.get('server')}, v2 is on the company host")
    body = op.get("requestBody")
    if body:
        content_type, content = next(iter(body["content"].items()))
        if http.get("body") != ENCODINGS.get(content_type):
            problems.append(f"{slug}: body {http.get('body')}, v2 {content_type}")
        required_body = set(merged(content["schema"]).get("required", []))
        body_properties = merged_properties(content["schema"])
    else:
        if http.get("body"):
            problems.append(f"{slug}: body {http['body']}, v2 {op_id} has none")
        required_body, body_properties = set(), {}

    properties = tool["input_parameters"]["properties"]
    bound_names = [b["name"] for b in http["parameters"]]
    if len(bound_names) != len(set(bound_names)):
        problems.append(f"{slug}: a parameter is bound twice")
    dropped = {d["name"] for d in http.get("dropped", [])}
    for d in http.get("dropped", []):
        if not d.get("reason"):
            problems.append(f"{slug}: dropped {d['name']} has no reason")
    handled = set(bound_names) | dropped
    if http.get("paging") == "cursor":
        handled.add("start")
    if http.get("sort") == "v2":
        handled.add("sort")
    for name in sorted(set(properties) - handled):
        problems.append(f"{slug}: input parameter {name} is neither bound, dropped nor handled by paging/sort")
    for name in sorted((set(bound_names) | dropped) - set(properties)):
        problems.append(f"{slug}: binds or drops {name}, which input_parameters does not define")

    bound = set()
    for b in http["parameters"]:
        location, wire = b["in"], b["wire"]
        schema = v2_schema(op, location, wire)
        if schema is None:
            problems.append(f"{slug}: bound {location} {wire} is not in v2 {op_id}")
            continue
        bound.add((location, wire if isinstance(wire, str) else wire[0]))
        want = schema.get("type")
        coerce = b.get("coerce")
        if coerce is not None and coerce not in COERCIONS:
            problems.append(f"{slug}: {b['name']} coerce {coerce!r} is not one of {sorted(COERCIONS)}")
        if coerce == "boolean" and want != "boolean":
            problems.append(f"{slug}: {b['name']} coerced to boolean, v2 type {want}")
        if coerce == "integer" and want not in ("integer", "number"):
            problems.append(f"{slug}: {b['name']} coerced to integer, v2 type {want}")
        if coerce in ("rfc3339", "string") and want != "string":
            problems.append(f"{slug}: {b['name']} coerced to {coerce}, v2 type {want}")
        convert = b.get("convert")
        if convert is not None and convert not in CONVERSIONS:
            problems.append(f"{slug}: {b['name']} convert {convert!r} is not one of {sorted(CONVERSIONS)}")
        if convert is not None and convert != want:
            problems.append(f"{slug}: {b['name']} converted to {convert}, v2 type {want}")
        if b.get("style") == "comma" and location != "query":
            problems.append(f"{slug}: {b['name']} has style comma outside the query")
        for pair in b.get("values", []):
            if not (isinstance(pair, list) and len(pair) == 2):
                problems.append(f"{slug}: {b['name']} values entry {pair!r} is not an [input, wire] pair")
            elif pair[1] is not None and "enum" in schema and pair[1] not in schema["enum"]:
                problems.append(f"{slug}: {b['name']} maps to {pair[1]!r}, not a v2 value of {wire}")
    for p in op.get("parameters", []):
        if (p.get("required") or p["in"] == "path") and (p["in"], p["name"]) not in bound:
            problems.append(f"{slug}: required v2 parameter {p['in']} {p['name']} is not bound")
    for name in sorted(required_body - {w for loc, w in bound if loc == "body"}):
        problems.append(f"{slug}: required v2 body field {name} is not bound")

    has_cursor = any((p["in"], p["name"]) == ("query", "cursor") for p in op.get("parameters", []))
    if (http.get("paging") == "cursor") != has_cursor:
        problems.append(f"{slug}: paging {http.get('paging')}, v2 {op_id} {'has' if has_cursor else 'has no'} cursor")
    if has_cursor and not any(b["in"] == "query" and b["wire"] == "cursor" and b["name"] == "cursor" for b in http["parameters"]):
        problems.append(f"{slug}: v2 {op_id} pages by cursor but the cursor input parameter is not bound")
    if http.get("sort") == "v2":
        sort_by = v2_schema(op, "query", "sort_by")
        if sort_by is None or "sort" not in properties:
            problems.append(f"{slug}: sort v2 needs a sort input parameter and v2 sort_by")
        elif http.get("sort_fields") != [v for v in sort_by.get("enum", []) if v is not None]:
            problems.append(f"{slug}: sort_fields {http.get('sort_fields')}, v2 sort_by {sort_by.get('enum')}")
    elif "sort" in properties and v2_schema(op, "query", "sort_by") is not None:
        problems.append(f"{slug}: has a sort input parameter and v2 sort_by but no sort: v2")
    if http.get("custom_fields") == "custom_fields" and "custom_fields" not in body_properties:
        problems.append(f"{slug}: custom_fields go under custom_fields, which v2 {op_id} has no body field for")
    if http.get("custom_fields") == "body":
        problems.append(f"{slug}: v2 takes custom fields under custom_fields, not at the top of the body")
    if "patternProperties" in tool["input_parameters"] and http.get("custom_fields") is None:
        problems.append(f"{slug}: takes custom fields but its v2 binding does not send them")
    return problems


def check_v1_current(tool: dict, op: dict) -> list[str]:
    """A v1 tool adjusted to today's v1 operation (its 2024 binding kept as http_v1_2024): every bound name
    exists in the operation at its location, and every required body field is bound."""
    slug, http = tool["slug"], tool["http"]
    problems = []
    queries = {p["name"] for p in op.get("parameters", []) if p.get("in") == "query"}
    body_schema = {}
    if op.get("requestBody"):
        body_schema = merged(next(iter(op["requestBody"]["content"].values()))["schema"])
    body = body_schema.get("properties", {})
    bound_body = set()
    for binding in http["parameters"]:
        wire = binding["wire"] if isinstance(binding["wire"], str) else binding["wire"][0]
        if binding["in"] == "query" and wire not in queries:
            problems.append(f"{slug}: query parameter {wire} is not in today's {tool['operation_id']}")
        if binding["in"] == "body":
            bound_body.add(wire)
            if wire not in body:
                problems.append(f"{slug}: body field {wire} is not in today's {tool['operation_id']}")
    for required in body_schema.get("required", []):
        if required not in bound_body:
            problems.append(f"{slug}: today's {tool['operation_id']} requires body field {required}, which is not bound")
    return problems


def check_current(tool: dict, v1_current: dict, v2: dict) -> list[str]:
    slug, status = tool["slug"], tool.get("api_status")
    if status not in STATUSES:
        return [f"{slug}: api_status {status!r} is not one of {sorted(STATUSES)}"]
    supported = is_supported(tool, v1_current)
    if status == "v1":
        problems = [] if supported else [
            f"{slug}: api_status v1, but {tool['operation_id']} is deprecated or gone in the current v1 spec"]
        if "http_v1_2024" in tool and supported:
            problems += check_v1_current(tool, v1_current[tool["operation_id"]][3])
        return problems
    problems = [f"{slug}: api_status {status}, but {tool['operation_id']} is still supported in the current v1 spec"] \
        if supported else []
    if status == "v1-no-counterpart":
        if tool.get("is_deprecated") is not True:
            problems.append(f"{slug}: v1-no-counterpart but not marked is_deprecated")
        if "http_v1_2024" in tool or tool["http"].get("path", "").startswith("/api/v2"):
            problems.append(f"{slug}: v1-no-counterpart must keep its 2024 binding as http")
        return problems
    return problems + check_v2(tool, v2)


def main() -> int:
    if len(sys.argv) not in (3, 5):
        print(__doc__, file=sys.stderr)
        return 2
    directory, spec_path = Path(sys.argv[1]), Path(sys.argv[2])
    tools = [json.loads(f.read_text()) for f in sorted(directory.glob("*.json")) if f.name != "toolkit.json"]
    problems, summary = [], []
    if spec_path.exists():
        operations = load(spec_path)
        for tool in tools:
            problems += check_2024(tool, operations)
        summary.append(f"{len(tools)} tools against {spec_path.name}")
    else:
        print(f"⚠️  SKIPPED: binding check needs {spec_path}, which is absent on this machine.")
    if len(sys.argv) == 5:
        current_paths = [Path(sys.argv[3]), Path(sys.argv[4])]
        absent = [str(p) for p in current_paths if not p.exists()]
        if absent:
            print(f"⚠️  SKIPPED: current-API binding check needs {' and '.join(absent)}, absent on this machine.")
        else:
            v1_current, v2 = load(current_paths[0]), load(current_paths[1])
            counts = {status: 0 for status in sorted(STATUSES)}
            for tool in tools:
                problems += check_current(tool, v1_current, v2)
                if tool.get("api_status") in counts:
                    counts[tool["api_status"]] += 1
            summary.append(f"against {current_paths[0].name} + {current_paths[1].name}: "
                           + ", ".join(f"{status} {count}" for status, count in counts.items()))
    for problem in problems:
        print(problem, file=sys.stderr)
    if summary:
        print(f"binding check: {'; '.join(summary)}; {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
