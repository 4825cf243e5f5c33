"""Dry runs (issue 15): for every one of the 269 tools, the request a dry run shows is the request the real
call sends, as the sandbox records it: method, path, query, body, and headers (credentials masked)."""
from __future__ import annotations

import json
import re
import urllib.parse

from conftest import API, answer
from tool_arguments import arguments_for
import toolport_stack

REFUSAL = re.compile(r"^Invalid arguments: ([A-Za-z0-9_]+): ")
BOUNDARY = re.compile(r"toolport-[0-9a-f]{32}")
IGNORED_HEADERS = {"host", "content-length", "user-agent", "accept-encoding", "traceparent", "expect"}


def tools() -> list[dict]:
    paths = sorted((toolport_stack.REPOSITORY / "schemas" / "pipedrive").glob("PIPEDRIVE_*.json"))
    return [json.loads(path.read_text()) for path in paths]


def masked(value: str) -> str:
    """A credential as a dry run shows it: the last four characters, after the scheme word if there is one."""
    scheme, _, rest = value.partition(" ")
    if rest and scheme.lower() in ("bearer", "basic"):
        return f"{scheme} ****{rest[-4:]}"
    return "****" + value[-4:]


def normalised_body(text: str | None, content_type: str):
    if not text:
        return None
    if content_type.startswith("application/json"):
        return json.loads(text)
    return BOUNDARY.sub("BOUNDARY", text)


def test_a_dry_run_shows_exactly_the_request_the_call_sends(stack, accounts, keys):
    compared = 0
    for tool in tools():
        arguments = arguments_for(tool, required_only=False)
        body = {"arguments": arguments, "user_id": "alice"}
        shown = answer(stack.api("POST", f"{API}/tools/execute/{tool['slug']}", {**body, "dry_run": True}, api_key=keys["admin"]))
        # A parameter the binding refuses before any request is left out, as the oracle does, until the call goes.
        while not shown["successful"] and (refused := REFUSAL.match(shown["error"] or "")) and refused.group(1) in arguments:
            del arguments[refused.group(1)]
            shown = answer(stack.api("POST", f"{API}/tools/execute/{tool['slug']}", {**body, "dry_run": True}, api_key=keys["admin"]))
        assert stack.sandbox("DELETE", "/_sandbox/requests")[0] == 204
        real = answer(stack.api("POST", f"{API}/tools/execute/{tool['slug']}", body, api_key=keys["admin"]))
        recorded = json.loads(stack.sandbox("GET", "/_sandbox/requests")[2])
        if not shown["successful"]:
            # Refused before any request (a dropped parameter, an unconvertible value): the real call says the same.
            assert not recorded and real["error"] == shown["error"], (tool["slug"], shown["error"], real["error"])
            continue
        request = shown["data"]
        assert request["dry_run"] is True
        sent = recorded[0]
        url = urllib.parse.urlsplit(request["url"])
        assert (request["method"], url.path) == (sent["method"], sent["path"]), tool["slug"]
        assert dict(urllib.parse.parse_qsl(url.query, keep_blank_values=True)) == sent["query"], tool["slug"]
        content_type = request["headers"].get("content-type", "")
        shown_body = request["body"] if isinstance(request["body"], (dict, list)) or request["body"] is None \
            else normalised_body(request["body"], content_type)
        assert shown_body == normalised_body(sent.get("body"), content_type), tool["slug"]
        sent_headers = {name.lower(): value for name, value in sent["headers"].items() if name.lower() not in IGNORED_HEADERS}
        for name, value in sent_headers.items():
            if name in ("x-api-token", "authorization"):
                assert request["headers"][name] == masked(value) and value not in json.dumps(request["headers"]), (tool["slug"], name)
            elif name == "content-type":
                assert BOUNDARY.sub("B", request["headers"][name]) == BOUNDARY.sub("B", value), tool["slug"]
            else:
                assert request["headers"].get(name) == value, (tool["slug"], name)
        compared += 1
    assert compared == 269, f"only {compared} of 269 tools could be compared"


def test_a_dry_run_is_logged_as_one(stack, accounts, keys):
    result = answer(stack.api("POST", f"{API}/tools/execute/PIPEDRIVE_ADD_A_DEAL", {"arguments": {"title": "x"}, "user_id": "alice"},
                              api_key=keys["admin"], headers={"x-toolport-dry-run": "1"}))
    assert result["successful"] and result["data"]["dry_run"] is True and result["data"]["body"] == {"title": "x"}
    log = answer(stack.api("GET", f"{API}/logs/{result['log_id']}", api_key=keys["admin"]))
    assert log["dry_run"] is True and log["attempts"] == 0 and log["status_code"] is None


def test_a_dry_run_over_mcp(stack, accounts, keys):
    body = {"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": "PIPEDRIVE_ADD_A_DEAL", "arguments": {"title": "mcp"}}}
    before = len(json.loads(stack.sandbox("GET", "/_sandbox/requests")[2]))
    status, _, raw = stack.api("POST", "/mcp?user_id=alice", body, api_key=keys["admin"],
                               headers={"accept": "application/json, text/event-stream", "x-toolport-dry-run": "1"})
    assert status == 200, raw
    result = json.loads(raw)["result"]
    assert not result.get("isError") and '"dry_run":true' in json.dumps(result, separators=(",", ":"))
    assert len(json.loads(stack.sandbox("GET", "/_sandbox/requests")[2])) == before
