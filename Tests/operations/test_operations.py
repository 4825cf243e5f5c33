"""`GET /metrics`, traces, request ids and JSON logs of a running `toolport serve`, against the sandbox.

The metrics test reads `/metrics` before and after known traffic and checks the exact deltas; the tracing test
sends a `traceparent` and finds its trace id in the exported spans and in the request the sandbox received.
"""
from __future__ import annotations

import json
import re
import secrets
import time

import pytest

from conftest import METRICS_TOKEN

EXECUTE = "/api/v3.1/tools/execute/"
SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$')
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')


def scrape(stack, token: str | None = METRICS_TOKEN) -> tuple[int, str]:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    status, _, body = stack.api("GET", "/metrics", headers=headers, api_key=None)
    return status, body.decode()


def samples(text: str) -> dict[tuple[str, frozenset], float]:
    """Every sample of the exposition: (name, labels) -> value."""
    found = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        match = SAMPLE.match(line)
        assert match, line
        labels = frozenset(LABEL.findall(match.group(3) or ""))
        found[(match.group(1), labels)] = float(match.group(4))
    return found


def value(found, name: str, **labels) -> float:
    return found.get((name, frozenset(labels.items())), 0.0)


def execute(stack, slug: str, arguments: dict, headers: dict | None = None) -> tuple[int, dict, dict]:
    status, answer_headers, body = stack.api("POST", EXECUTE + slug, {"user_id": "ops-user", "arguments": arguments},
                                             headers=headers)
    return status, {name.lower(): text for name, text in answer_headers.items()}, json.loads(body)


def test_metrics_count_known_traffic_exactly(stack):
    status, before_text = scrape(stack)
    assert status == 200
    before = samples(before_text)
    for _ in range(3):
        assert execute(stack, "PIPEDRIVE_GET_CURRENT_USER_DATA", {})[2]["successful"] is True
    invalid = execute(stack, "PIPEDRIVE_ADD_A_DEAL", {})[2]
    assert invalid["successful"] is False
    missing = execute(stack, "PIPEDRIVE_GET_DEAL", {"id": 987654321})[2]
    assert missing["successful"] is False and missing["data"]["status_code"] == 404, missing
    after = samples(scrape(stack)[1])

    def delta(name, **labels):
        return value(after, name, **labels) - value(before, name, **labels)

    executions = "toolport_tool_executions_total"
    assert delta(executions, tool="PIPEDRIVE_GET_CURRENT_USER_DATA", outcome="success") == 3
    assert delta(executions, tool="PIPEDRIVE_ADD_A_DEAL", outcome="validation_error") == 1
    assert delta(executions, tool="PIPEDRIVE_GET_DEAL", outcome="upstream_error") == 1
    assert delta("toolport_tool_execution_duration_seconds_count", tool="PIPEDRIVE_GET_CURRENT_USER_DATA") == 3
    assert delta("toolport_upstream_requests_total", method="GET", status_class="2xx") == 3
    assert delta("toolport_upstream_requests_total", method="GET", status_class="4xx") == 1
    assert delta("toolport_upstream_request_duration_seconds_count", method="GET") == 4
    route = "/api/v3.1/tools/execute/{slug}"
    assert delta("toolport_http_requests_total", route=route, method="POST", status="200") == 5
    assert delta("toolport_http_request_duration_seconds_count", route=route) == 5
    # The scrape before this one was itself answered and counted.
    assert delta("toolport_http_requests_total", route="/metrics", method="GET", status="200") == 1
    for name in ("process_resident_memory_bytes", "process_cpu_seconds_total", "process_open_fds"):
        assert value(after, name) > 0, name
    assert ("toolport_database_operation_duration_seconds_count", frozenset({("operation", "ping")})) in after
    assert any(name == "toolport_connected_accounts" for name, _ in after)


def test_retries_are_counted_by_reason(stack):
    before = samples(scrape(stack)[1])
    status, _, _ = stack.sandbox("PUT", "/_sandbox/faults", [
        {"kind": "rate-limit", "retry_after_seconds": 1, "path_contains": "/users/me", "times": 1}])
    assert status in (200, 204)
    try:
        assert execute(stack, "PIPEDRIVE_GET_CURRENT_USER_DATA", {})[2]["successful"] is True
    finally:
        stack.sandbox("PUT", "/_sandbox/faults", [])
    after = samples(scrape(stack)[1])
    assert value(after, "toolport_upstream_retries_total", reason="rate_limited") - value(
        before, "toolport_upstream_retries_total", reason="rate_limited") == 1
    assert value(after, "toolport_upstream_requests_total", method="GET", status_class="4xx") - value(
        before, "toolport_upstream_requests_total", method="GET", status_class="4xx") == 1
    assert value(after, "toolport_tool_executions_total", tool="PIPEDRIVE_GET_CURRENT_USER_DATA", outcome="success") - value(
        before, "toolport_tool_executions_total", tool="PIPEDRIVE_GET_CURRENT_USER_DATA", outcome="success") == 1


def test_route_labels_are_templates_never_raw_paths(stack):
    stack.api("GET", "/api/v3.1/tools/PIPEDRIVE_ADD_A_DEAL")
    stack.api("GET", "/api/v3.1/logs/log_does_not_exist")
    stack.api("GET", "/no/such/route/ops-secret-path")
    text = scrape(stack)[1]
    routes = {dict(labels).get("route") for name, labels in samples(text) if name == "toolport_http_requests_total"}
    assert "/api/v3.1/tools/{slug}" in routes, routes
    assert "unmatched" in routes
    assert all(route == "unmatched" or route.startswith("/") for route in routes)
    assert not any("PIPEDRIVE_ADD_A_DEAL" in route for route in routes), routes
    for raw in ("log_does_not_exist", "ops-secret-path", "ops-user"):
        assert raw not in text, raw


def test_metrics_require_the_token(stack):
    assert scrape(stack, token=None)[0] == 401
    assert scrape(stack, token="wrong-token")[0] == 401
    status, _, body = stack.api("GET", "/metrics", headers={"x-api-key": "anything"}, api_key=None)
    assert status == 401 and json.loads(body)["error"]["slug"] == "Auth_InvalidApiKey"
    assert scrape(stack)[0] == 200


def test_an_incoming_trace_is_continued_to_the_sandbox(stack, receiver):
    trace_id = secrets.token_hex(16)
    parent = secrets.token_hex(8)
    assert stack.sandbox("DELETE", "/_sandbox/requests")[0] in (200, 204)
    status, headers, answer = execute(stack, "PIPEDRIVE_GET_CURRENT_USER_DATA", {},
                                      headers={"traceparent": f"00-{trace_id}-{parent}-01"})
    assert status == 200 and answer["successful"] is True

    recorded = json.loads(stack.sandbox("GET", "/_sandbox/requests")[2])
    sent = [request for request in recorded if "/users/me" in request.get("path", request.get("url", ""))]
    assert sent, recorded
    traceparents = [value for request in sent for name, value in _pairs(request.get("headers"))
                    if name.lower() == "traceparent"]
    assert traceparents and all(value.split("-")[1] == trace_id for value in traceparents), traceparents

    spans = receiver.wait_for(lambda spans: {"POST /api/v3.1/tools/execute/{slug}", "HTTP GET"} <= {
        span.name for span in spans if span.trace_id == trace_id} and len(
        [span for span in spans if span.trace_id == trace_id]) >= 5)
    mine = [span for span in spans if span.trace_id == trace_id]
    names = {span.name for span in mine}
    assert {"POST /api/v3.1/tools/execute/{slug}", "arguments.validate", "account.resolve", "HTTP GET",
            "execution_log.insert"} <= names, names
    server = next(span for span in mine if span.name == "POST /api/v3.1/tools/execute/{slug}")
    assert server.parent_span_id == parent
    assert server.attributes["toolport.request_id"] == headers["x-request-id"]
    children = [span for span in mine if span is not server]
    assert all(span.parent_span_id for span in children)
    upstream = next(span for span in mine if span.name == "HTTP GET")
    assert traceparents[0].split("-")[2] == upstream.span_id


def test_request_ids_are_kept_when_well_formed_and_logged(stack):
    status, headers, answer = execute(stack, "PIPEDRIVE_GET_CURRENT_USER_DATA", {}, headers={"x-request-id": "ops-req-0001"})
    assert status == 200 and headers["x-request-id"] == "ops-req-0001"
    log = json.loads(stack.api("GET", f"/api/v3.1/logs/{answer['log_id']}")[2])
    assert log["request_id"] == "ops-req-0001"
    search = {"filters": [{"field": "request_id", "operator": "==", "value": "ops-req-0001"}]}
    deadline = time.monotonic() + 5
    while True:
        found = json.loads(stack.api("POST", "/api/v3.1/logs/tool_execution", search)[2])["logs"]
        if found or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert [entry["id"] for entry in found] == [answer["log_id"]]

    status, headers, body = stack.api("GET", "/api/v3.1/tools/NOT_A_TOOL", headers={"x-request-id": "bad id with spaces"})
    assert status == 404
    replaced = headers.get("x-request-id") or headers.get("X-Request-Id")
    assert replaced and replaced != "bad id with spaces" and re.fullmatch(r"[A-Za-z0-9._-]{1,128}", replaced)
    assert json.loads(body)["error"]["request_id"] == replaced


def test_json_log_lines_parse_and_carry_request_ids(stack):
    execute(stack, "PIPEDRIVE_ADD_A_DEAL", {}, headers={"x-request-id": "ops-json-log-1"})
    stack.api("GET", "/api/v3.1/tools/NOT_A_TOOL", headers={"x-request-id": "ops-json-log-2"})
    lines = [line for line in stack.log_path.read_text().splitlines() if line.startswith("{")]
    assert lines
    records = [json.loads(line) for line in lines]
    assert all({"time", "level", "label", "message"} <= set(record) for record in records)
    assert any(record.get("message") == "catalog loaded" for record in records)
    answered = {record.get("request_id"): record for record in records if record.get("message") == "answered"}
    assert answered["ops-json-log-1"]["http.route"] == "/api/v3.1/tools/execute/{slug}"
    assert answered["ops-json-log-2"]["http.status"] == "404"


def _pairs(headers):
    if isinstance(headers, dict):
        return list(headers.items())
    return [(h["name"], h["value"]) if isinstance(h, dict) else tuple(h) for h in headers or []]
