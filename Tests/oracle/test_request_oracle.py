"""Requests today's Pipedrive accepts (issue 23): every live tool, executed through the real executor with
arguments made from its own schema — every parameter, then the required ones alone — against the sandbox,
which records what reaches it. Each recorded request is validated against the operation of Pipedrive's
2026-08 v1 or v2 spec it calls: method and path, the query names the operation declares, the JSON body
against its `requestBody` schema, form and multipart fields by name.

A parameter the binding refuses (dropped, or a value it cannot convert) counts only when the call is refused
with a clear error before any request; the oracle then leaves it out and calls again.

The specs live in ../shared (the team's machines): without them this module skips, loudly. With
TOOLPORT_UPDATE_DOCS=1 it rewrites the figure in docs/catalog.md; otherwise it checks that the figure there
is today's.
"""
from __future__ import annotations

import json
import os
import re
import urllib.parse
from pathlib import Path

import pytest

import toolport_stack
from openapi_document import inline_refs, load_document, operations
from tool_arguments import arguments_for

REPOSITORY = toolport_stack.REPOSITORY
SPECS = REPOSITORY.parent / "shared" / "reference" / "pipedrive"
V1_SPEC = SPECS / "pipedrive-v1.openapi.latest-2026-08.yaml"
V2_SPEC = SPECS / "pipedrive-v2.openapi.latest-2026-08.yaml"
DOCS = REPOSITORY / "docs" / "catalog.md"
SKIP_REASON = f"REQUEST ORACLE SKIPPED: Pipedrive's 2026-08 specs are not at {SPECS} (they live in ../shared)"

if not (V1_SPEC.exists() and V2_SPEC.exists()):
    print("\n" + "!" * 100 + "\n" + SKIP_REASON + "\n" + "!" * 100)
    pytest.skip(SKIP_REASON, allow_module_level=True)

import jsonschema  # noqa: E402

REFUSAL = re.compile(r"^Invalid arguments: ([A-Za-z0-9_]+): ")


# ---------------------------------------------------------------------------------------------------
# The specs


class Spec:
    """One OpenAPI document: its operations by method, matched against concrete paths."""

    def __init__(self, path: Path):
        self.document = load_document(path)
        self.operations = []
        for method, template, base, op, parameters in operations(self.document):
            full = base + template
            pattern = re.compile("^" + "".join("[^/]+" if part.startswith("{") else re.escape(part)
                                               for part in re.split(r"(\{[^}]+\})", full)) + "$")
            self.operations.append({
                "method": method, "path": full, "pattern": pattern, "op": op,
                "literal_segments": sum(1 for part in template.split("/") if part and not part.startswith("{")),
                "parameters": parameters,
            })

    def match(self, method: str, path: str) -> dict | None:
        """The operation `method path` calls; a template with more literal segments wins over one with fewer."""
        candidates = [o for o in self.operations if o["method"] == method and o["pattern"].match(path)]
        return max(candidates, key=lambda o: (o["path"] == path, o["literal_segments"]), default=None)

    def resolved(self, schema):
        """`schema` with every `$ref` inlined and OpenAPI's `nullable` turned into a JSON Schema null type."""
        return inline_refs(self.document, schema, ("nullable", "example", "x-nullable", "readOnly", "writeOnly", "discriminator"),
                           finish=nullable_as_null_type)


def nullable_as_null_type(original: dict, out: dict) -> dict:
    """OpenAPI 3.0's `nullable: true` as JSON Schema: `null` added to the type or enum, or an `anyOf` with null."""
    if not original.get("nullable"):
        return out
    if isinstance(out.get("type"), str):
        out["type"] = [out["type"], "null"]
    if "enum" in out:
        out["enum"] = list(out["enum"]) + [None]
    if "type" not in out and any(k in out for k in ("anyOf", "oneOf", "allOf")):
        out = {"anyOf": [out, {"type": "null"}]}
    return out


@pytest.fixture(scope="module")
def specs():
    return {"v1": Spec(V1_SPEC), "v2": Spec(V2_SPEC)}


# ---------------------------------------------------------------------------------------------------
# Running one call and judging its request


def live_tools() -> list[dict]:
    tools = []
    for path in sorted((REPOSITORY / "schemas" / "pipedrive").glob("PIPEDRIVE_*.json")):
        tool = json.loads(path.read_text())
        if tool["api_status"] in ("v1", "v2"):
            tools.append(tool)
    return tools


def execute(stack, tool: dict, arguments: dict) -> tuple[dict, list[dict]]:
    """The call's envelope and the requests the sandbox recorded for it."""
    assert stack.sandbox("DELETE", "/_sandbox/requests")[0] == 204
    status, _, body = stack.api("POST", f"/api/v3.1/tools/execute/{tool['slug']}",
                                {"arguments": arguments, "user_id": "oracle"})
    assert status == 200, body[:300]
    requests = json.loads(stack.sandbox("GET", "/_sandbox/requests")[2])
    return json.loads(body), requests


def problems_of(request: dict, specs: dict, tool: dict) -> list[str]:
    """What the 2026-08 spec says is wrong with `request` (empty when it accepts it). A path is matched
    with and without a trailing slash, as Pipedrive serves both (`/oauth/token` and `/oauth/token/`)."""
    path = request["path"]
    spec = specs["v2"] if path.startswith("/api/v2/") else specs["v1"]
    spec_path = path.removeprefix("/api") if path.startswith("/api/v1/") else path
    matches = [m for m in (spec.match(request["method"], p) for p in {spec_path, spec_path.rstrip("/"), spec_path.rstrip("/") + "/"}) if m]
    if not matches:
        return [f"{request['method']} {path} is no operation of the 2026-08 spec"]
    return min((problems_against(request, spec, match) for match in matches), key=len)


def problems_against(request: dict, spec: Spec, match: dict) -> list[str]:
    problems = []
    op = match["op"]
    if op.get("deprecated"):
        problems.append(f"{op['operationId']} is deprecated")
    declared = {p["name"] for p in match["parameters"] if p.get("in") == "query"}
    for name in request.get("query", {}):
        if name not in declared:
            problems.append(f"query {name} is not declared by {op['operationId']}")
    content = (op.get("requestBody") or {}).get("content", {})
    text = request.get("body") or ""
    content_type = (request.get("content_type") or "").split(";")[0].strip()
    if text and not content:
        if request["method"] != "DELETE":
            problems.append(f"a body was sent, but {op['operationId']} takes none")
        return problems
    if not content:
        return problems
    if content_type not in content:
        return problems + [f"body sent as {content_type or 'nothing'}, {op['operationId']} takes {sorted(content)}"]
    schema = spec.resolved(content[content_type].get("schema", {}))
    if content_type == "application/json":
        try:
            jsonschema.Draft202012Validator(schema).validate(json.loads(text or "{}"))
        except jsonschema.ValidationError as error:
            problems.append(f"JSON body: {error.message} at {'/'.join(map(str, error.absolute_path)) or 'the top'}")
    else:
        names = multipart_names(request, text) if content_type == "multipart/form-data" else \
            [urllib.parse.unquote_plus(pair.split("=")[0]) for pair in text.split("&") if pair]
        properties = merged_properties(schema)
        for name in names:
            if name.split("[")[0] not in properties:
                problems.append(f"{content_type} field {name} is not in {op['operationId']}'s body")
    return problems


def merged_properties(schema: dict) -> dict:
    properties = dict(schema.get("properties", {}))
    for part in schema.get("allOf", []) + schema.get("anyOf", []) + schema.get("oneOf", []):
        properties.update(merged_properties(part))
    return properties


def multipart_names(request: dict, text: str) -> list[str]:
    return re.findall(r'Content-Disposition: form-data; name="([^"]+)"', text)


def judge(stack, specs: dict, tool: dict, required_only: bool) -> tuple[bool, str]:
    """Runs the tool, leaving out each parameter the binding refuses with a clear error, and judges the request."""
    arguments = arguments_for(tool, required_only)
    refused = []
    for _ in range(len(arguments) + 1):
        result, requests = execute(stack, tool, arguments)
        refusal = REFUSAL.match(result.get("error") or "")
        if refusal and not requests and refusal.group(1) in arguments and refusal.group(1) not in tool["input_parameters"].get("required", []):
            refused.append(refusal.group(1))
            del arguments[refusal.group(1)]
            continue
        break
    if not requests:
        return False, f"no request reached Pipedrive: {result.get('error')}"
    problems = [problem for request in requests for problem in problems_of(request, specs, tool)]
    note = f" (refused before any request: {', '.join(refused)})" if refused else ""
    return not problems, "; ".join(problems) + note


def test_every_live_tool_sends_requests_todays_pipedrive_accepts(stack, specs):
    tools = live_tools()
    failures = []
    for tool in tools:
        for required_only in (False, True):
            accepted, detail = judge(stack, specs, tool, required_only)
            if not accepted:
                failures.append(f"{tool['slug']} ({'required only' if required_only else 'every parameter'}): {detail}")
    failed_tools = {failure.split(" ")[0] for failure in failures}
    figure = f"{len(tools) - len(failed_tools)} of {len(tools)}"
    if os.environ.get("TOOLPORT_UPDATE_DOCS") == "1":
        write_docs(figure, sorted(failed_tools))
    assert not failures, f"{len(failures)} requests the 2026-08 specs refuse:\n" + "\n".join(failures)
    assert docs_line(figure) in DOCS.read_text(), \
        f"docs/catalog.md does not show today's figure ({figure}); run this module with TOOLPORT_UPDATE_DOCS=1"


def test_the_webhook_tool_maps_old_event_names_and_names_the_webhook(stack):
    tool = json.loads((REPOSITORY / "schemas" / "pipedrive" / "PIPEDRIVE_CREATE_WEBHOOK.json").read_text())
    result, requests = execute(stack, tool, {"event_action": "added", "event_object": "deal",
                                             "subscription_url": "https://example.com/hook"})
    sent = json.loads(requests[0]["body"])
    assert sent["event_action"] == "create" and sent["name"] == "Toolport webhook", sent


def test_a_deal_value_that_is_no_number_is_refused_before_the_call(stack):
    tool = json.loads((REPOSITORY / "schemas" / "pipedrive" / "PIPEDRIVE_UPDATE_A_DEAL.json").read_text())
    result, requests = execute(stack, tool, {"id": 1, "value": "x"})
    assert not requests and result["successful"] is False
    assert result["error"].startswith("Invalid arguments: value: expected a number"), result["error"]


def test_archived_leads_are_refused_with_where_they_went(stack):
    tool = json.loads((REPOSITORY / "schemas" / "pipedrive" / "PIPEDRIVE_GET_ALL_LEADS.json").read_text())
    result, requests = execute(stack, tool, {"archived_status": "archived"})
    assert not requests and "/v1/leads/archived" in result["error"], result
    result, requests = execute(stack, tool, {"archived_status": "not_archived"})
    assert requests and "archived_status" not in requests[0]["query"], requests


def docs_line(figure: str) -> str:
    return f"**Requests today's Pipedrive accepts: {figure} live tools**"


def write_docs(figure: str, failed: list[str]) -> None:
    section = "\n".join([
        "<!-- request-oracle:begin -->",
        docs_line(figure) + " (every parameter, and the required ones alone; written by `Tests/oracle` with "
                            "`TOOLPORT_UPDATE_DOCS=1`)." + (f" Refused: {', '.join(failed)}." if failed else ""),
        "<!-- request-oracle:end -->",
    ])
    text = DOCS.read_text()
    pattern = re.compile(r"<!-- request-oracle:begin -->.*?<!-- request-oracle:end -->", re.S)
    text = pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section + "\n"
    DOCS.write_text(text)
