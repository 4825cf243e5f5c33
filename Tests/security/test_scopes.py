"""Least privilege for agents (issue 15): what each kind of API key may do, route family by route family,
asserting every status and, where a call is refused, that the sandbox received nothing."""
from __future__ import annotations

import json

import pytest

import toolport_stack
from conftest import API, answer

KINDS = ("admin", "scoped", "read_only", "expired")
READ = "PIPEDRIVE_GET_ALL_DEALS"          # a read every kind but expired may run
WRITE = "PIPEDRIVE_ADD_A_DEAL"            # a write the scoped key may run, the read-only key may not
OTHER = "PIPEDRIVE_DELETE_A_DEAL"         # outside the scoped key's tools, and a write


def sandbox_count(stack) -> int:
    return len(json.loads(stack.sandbox("GET", "/_sandbox/requests")[2]))


def call(stack, keys, kind, method, path, body=None):
    return stack.api(method, path, body, api_key=keys[kind])


def execute(stack, keys, kind, slug, arguments, **selector):
    return call(stack, keys, kind, "POST", f"{API}/tools/execute/{slug}", {"arguments": arguments, **selector})


def mcp(stack, keys, kind, method, params=None, user="alice"):
    body = {"jsonrpc": "2.0", "id": 1, "method": method, "params": params or {}}
    return stack.api("POST", f"/mcp?user_id={user}", body, api_key=keys[kind],
                     headers={"accept": "application/json, text/event-stream"})


# (route family, request, expected status per key kind); each request is made with every kind.
MATRIX = [
    ("tools: list", lambda s, k, kind: call(s, k, kind, "GET", f"{API}/tools?limit=1000"), {"admin": 200, "scoped": 200, "read_only": 200, "expired": 401}),
    ("tools: get a permitted tool", lambda s, k, kind: call(s, k, kind, "GET", f"{API}/tools/{READ}"), {"admin": 200, "scoped": 200, "read_only": 200, "expired": 401}),
    ("tools: get another tool", lambda s, k, kind: call(s, k, kind, "GET", f"{API}/tools/{OTHER}"), {"admin": 200, "scoped": 403, "read_only": 403, "expired": 401}),
    ("execute: a read as alice", lambda s, k, kind: execute(s, k, kind, READ, {"limit": 1}, user_id="alice"), {"admin": 200, "scoped": 200, "read_only": 200, "expired": 401}),
    ("execute: a write as alice", lambda s, k, kind: execute(s, k, kind, WRITE, {"title": "x"}, user_id="alice"), {"admin": 200, "scoped": 200, "read_only": 403, "expired": 401}),
    ("execute: another tool as alice", lambda s, k, kind: execute(s, k, kind, OTHER, {"id": 1}, user_id="alice"), {"admin": 200, "scoped": 403, "read_only": 403, "expired": 401}),
    ("execute: as bob", lambda s, k, kind: execute(s, k, kind, READ, {"limit": 1}, user_id="bob"), {"admin": 200, "scoped": 403, "read_only": 403, "expired": 401}),
    ("execute: bob's account as alice", lambda s, k, kind: execute(s, k, kind, READ, {"limit": 1}, user_id="alice", connected_account_id=s.bob_account), {"admin": 200, "scoped": 403, "read_only": 403, "expired": 401}),
    ("proxy: a read as alice", lambda s, k, kind: call(s, k, kind, "POST", f"{API}/tools/execute/proxy", {"endpoint": "/api/v2/deals", "method": "GET", "user_id": "alice"}), {"admin": 200, "scoped": 403, "read_only": 200, "expired": 401}),
    ("proxy: a write as alice", lambda s, k, kind: call(s, k, kind, "POST", f"{API}/tools/execute/proxy", {"endpoint": "/api/v2/deals", "method": "POST", "body": {"title": "x"}, "user_id": "alice"}), {"admin": 200, "scoped": 403, "read_only": 403, "expired": 401}),
    ("proxy: as bob", lambda s, k, kind: call(s, k, kind, "POST", f"{API}/tools/execute/proxy", {"endpoint": "/api/v2/deals", "method": "GET", "user_id": "bob"}), {"admin": 200, "scoped": 403, "read_only": 403, "expired": 401}),
    ("logs: search", lambda s, k, kind: call(s, k, kind, "POST", f"{API}/logs/tool_execution", {"limit": 1}), {"admin": 200, "scoped": 200, "read_only": 200, "expired": 401}),
    ("auth configs: list", lambda s, k, kind: call(s, k, kind, "GET", f"{API}/auth_configs"), {"admin": 200, "scoped": 403, "read_only": 403, "expired": 401}),
    ("connected accounts: list", lambda s, k, kind: call(s, k, kind, "GET", f"{API}/connected_accounts"), {"admin": 200, "scoped": 403, "read_only": 403, "expired": 401}),
    ("connect links: create", lambda s, k, kind: call(s, k, kind, "POST", f"{API}/connected_accounts/link", {"auth_config_id": "ac_none", "user_id": "alice"}), {"admin": 404, "scoped": 403, "read_only": 403, "expired": 401}),
    ("keys: list", lambda s, k, kind: call(s, k, kind, "GET", "/api/toolport/keys"), {"admin": 200, "scoped": 403, "read_only": 403, "expired": 401}),
    ("keys: create", lambda s, k, kind: call(s, k, kind, "POST", "/api/toolport/keys", {"name": "made by " + kind}), {"admin": 201, "scoped": 403, "read_only": 403, "expired": 401}),
    ("mcp servers: list", lambda s, k, kind: call(s, k, kind, "GET", f"{API}/mcp/servers"), {"admin": 200, "scoped": 403, "read_only": 403, "expired": 401}),
    ("mcp servers: create", lambda s, k, kind: call(s, k, kind, "POST", f"{API}/mcp/servers/custom", {"name": "by " + kind, "toolkits": ["pipedrive"]}), {"admin": 201, "scoped": 403, "read_only": 403, "expired": 401}),
    ("trigger types: list", lambda s, k, kind: call(s, k, kind, "GET", f"{API}/triggers_types?toolkit_slugs=pipedrive"), {"admin": 200, "scoped": 200, "read_only": 200, "expired": 401}),
    ("triggers: list active", lambda s, k, kind: call(s, k, kind, "GET", f"{API}/trigger_instances/active"), {"admin": 200, "scoped": 403, "read_only": 403, "expired": 401}),
    ("triggers: create as alice", lambda s, k, kind: call(s, k, kind, "POST", f"{API}/trigger_instances/PIPEDRIVE_NO_SUCH_TRIGGER/upsert", {"user_id": "alice"}), {"admin": 404, "scoped": 403, "read_only": 403, "expired": 401}),
    ("webhook subscriptions: list", lambda s, k, kind: call(s, k, kind, "GET", f"{API}/webhook_subscriptions"), {"admin": 200, "scoped": 403, "read_only": 403, "expired": 401}),
    ("trigger deliveries: list", lambda s, k, kind: call(s, k, kind, "GET", "/api/toolport/trigger_deliveries"), {"admin": 200, "scoped": 403, "read_only": 403, "expired": 401}),
    ("files: upload request for a tool outside the key", lambda s, k, kind: call(s, k, kind, "POST", "/api/v3/files/upload/request", {"filename": "a.txt", "mimetype": "text/plain", "tool_slug": "PIPEDRIVE_ADD_FILE"}), {"admin": 200, "scoped": 403, "read_only": 403, "expired": 401}),
    ("exports", lambda s, k, kind: call(s, k, kind, "GET", "/api/toolport/tools/export?format=openai&limit=1000"), {"admin": 200, "scoped": 200, "read_only": 200, "expired": 401}),
    ("sessions: create for alice", lambda s, k, kind: call(s, k, kind, "POST", f"{API}/tool_router/session", {"user_id": "alice"}), {"admin": 200, "scoped": 200, "read_only": 200, "expired": 401}),
    ("sessions: create for bob", lambda s, k, kind: call(s, k, kind, "POST", f"{API}/tool_router/session", {"user_id": "bob"}), {"admin": 200, "scoped": 403, "read_only": 403, "expired": 401}),
    ("sessions: bob's session", lambda s, k, kind: call(s, k, kind, "GET", f"{API}/tool_router/session/{s.bob_session}"), {"admin": 200, "scoped": 403, "read_only": 403, "expired": 401}),
    ("sessions: a write in alice's session", lambda s, k, kind: call(s, k, kind, "POST", f"{API}/tool_router/session/{s.alice_session}/execute", {"tool_slug": WRITE, "arguments": {"title": "x"}}), {"admin": 200, "scoped": 200, "read_only": 403, "expired": 401}),
    ("sessions: another tool in alice's session", lambda s, k, kind: call(s, k, kind, "POST", f"{API}/tool_router/session/{s.alice_session}/execute", {"tool_slug": OTHER, "arguments": {"id": 1}}), {"admin": 200, "scoped": 403, "read_only": 403, "expired": 401}),
    ("/mcp: bob's session", lambda s, k, kind: s.api("POST", f"/mcp?session_id={s.bob_session}", {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}}, api_key=k[kind], headers={"accept": "application/json, text/event-stream"}), {"admin": 200, "scoped": 403, "read_only": 403, "expired": 401}),
    ("/mcp: tools/list as alice", lambda s, k, kind: mcp(s, k, kind, "tools/list"), {"admin": 200, "scoped": 200, "read_only": 200, "expired": 401}),
    ("/mcp: as bob", lambda s, k, kind: mcp(s, k, kind, "tools/list", user="bob"), {"admin": 200, "scoped": 403, "read_only": 403, "expired": 401}),
]


@pytest.mark.parametrize("family, make, expected", MATRIX, ids=[row[0] for row in MATRIX])
def test_scope_matrix(stack, accounts, keys, family, make, expected):
    stack.bob_account = accounts["bob"]
    for user in ("alice", "bob"):
        if not hasattr(stack, f"{user}_session"):
            status, _, body = call(stack, keys, "admin", "POST", f"{API}/tool_router/session", {"user_id": user})
            assert status == 200, body
            setattr(stack, f"{user}_session", json.loads(body)["session_id"])
    for kind in KINDS:
        before = sandbox_count(stack)
        status, _, body = make(stack, keys, kind)
        assert status == expected[kind], f"{family} with the {kind} key: HTTP {status} {body[:300]!r}"
        if status in (401, 403):
            error = json.loads(body)["error"]
            assert error["message"] and error["status"] == status, error
            assert sandbox_count(stack) == before, f"{family} with the {kind} key was refused but reached Pipedrive"


def test_logs_are_readable_only_for_the_keys_users(stack, accounts, keys):
    alice_log = answer(execute(stack, keys, "admin", READ, {"limit": 1}, user_id="alice"))["log_id"]
    bob_log = answer(execute(stack, keys, "admin", READ, {"limit": 1}, user_id="bob"))["log_id"]
    for kind, path, status in [("scoped", alice_log, 200), ("scoped", bob_log, 403), ("read_only", alice_log, 200),
                               ("read_only", bob_log, 403), ("admin", bob_log, 200), ("expired", alice_log, 401)]:
        assert call(stack, keys, kind, "GET", f"{API}/logs/{path}")[0] == status, (kind, path)
        assert call(stack, keys, kind, "GET", f"{API}/logs/tool_execution/{path}")[0] == status, (kind, path)
    def searched(kind, user):
        filters = [{"field": "user_id", "operator": "==", "value": user}]
        return [log["id"] for log in answer(call(stack, keys, kind, "POST", f"{API}/logs/tool_execution", {"filters": filters}))["logs"]]

    assert alice_log in searched("admin", "alice") and bob_log in searched("admin", "bob")
    for kind in ("scoped", "read_only"):
        assert alice_log in searched(kind, "alice") and searched(kind, "bob") == [], kind


def test_lists_show_only_what_the_key_may_run(stack, keys):
    def slugs(kind, path):
        return [item["slug"] if "slug" in item else item.get("name") or item["function"]["name"]
                for item in answer(call(stack, keys, kind, "GET", path)).get("items") or answer(call(stack, keys, kind, "GET", path))["tools"]]

    admin = slugs("admin", f"{API}/tools?limit=1000")
    scoped = slugs("scoped", f"{API}/tools?limit=1000")
    read_only = slugs("read_only", f"{API}/tools?limit=1000")
    assert len(admin) > len(read_only) > len(scoped) > 1
    assert all(slug.startswith("PIPEDRIVE_GET_") or slug == WRITE for slug in scoped) and WRITE in scoped
    tools = {item["slug"]: item for item in answer(call(stack, keys, "admin", "GET", f"{API}/tools?limit=1000"))["items"]}
    assert all(tools[slug]["annotations"]["readOnlyHint"] for slug in read_only)
    exported = answer(call(stack, keys, "scoped", "GET", "/api/toolport/tools/export?format=openai&limit=1000"))["tools"]
    assert sorted(item["function"]["name"] for item in exported) == sorted(scoped)
    listed = [tool["name"] for tool in json.loads(mcp(stack, keys, "scoped", "tools/list")[2])["result"]["tools"]]
    assert sorted(listed) == sorted(scoped)
    refused = json.loads(mcp(stack, keys, "scoped", "tools/call", {"name": OTHER, "arguments": {"id": 1}})[2])["result"]
    assert refused["isError"] and "not available to this API key" in json.dumps(refused)


def test_every_tool_carries_mcp_annotations(stack, keys):
    tools = answer(call(stack, keys, "admin", "GET", f"{API}/tools?limit=1000"))["items"]
    assert len(tools) == 269
    for tool in tools:
        hints = tool["annotations"]
        assert hints["title"] == tool["name"] and hints["openWorldHint"] is True
        method = tool["toolport"]["endpoint"].split(" ")[0]
        assert hints["readOnlyHint"] == (method == "GET") and hints["idempotentHint"] == (method in ("GET", "PUT", "DELETE"))
        assert hints["destructiveHint"] == (method == "DELETE" or "destructive" in tool["tags"])
    listed = json.loads(mcp(stack, keys, "admin", "tools/list")[2])["result"]["tools"]
    assert all(tool["annotations"]["openWorldHint"] for tool in listed) and len(listed) == 269


def test_the_key_admin_api(stack, keys):
    created = answer(call(stack, keys, "admin", "POST", "/api/toolport/keys",
                          {"name": "temp", "tools": ["PIPEDRIVE_GET_*"], "read_only": True}), 201)
    assert created["key"].startswith("tp_") and created["tools"] == ["PIPEDRIVE_GET_*"] and created["read_only"] is True
    listed = answer(call(stack, keys, "admin", "GET", "/api/toolport/keys"))["items"]
    assert any(item["id"] == created["id"] and "key" not in item for item in listed)
    assert stack.api("GET", f"{API}/tools?limit=1", api_key=created["key"])[0] == 200
    assert answer(call(stack, keys, "admin", "DELETE", f"/api/toolport/keys/{created['id']}"))["success"] is True
    assert stack.api("GET", f"{API}/tools?limit=1", api_key=created["key"])[0] == 401
    for bad in ({}, {"name": "x", "tools": "PIPEDRIVE_GET_*"}, {"name": "x", "read_only": "yes"}, {"name": "x", "expires_at": "soon"}):
        status, _, body = call(stack, keys, "admin", "POST", "/api/toolport/keys", bad)
        assert status == 400 and json.loads(body)["error"]["message"], (bad, body)


def test_the_cli_makes_scoped_keys_that_work_over_mcp_stdio(stack, accounts):
    import subprocess

    made = subprocess.run(
        [str(stack.binary), "keys", "create", "--name", "cli agent", "--user", "alice", "--tool", "PIPEDRIVE_GET_*",
         "--read-only", "--expires-in", "30", "--db", str(stack.database)],
        capture_output=True, text=True, timeout=60)
    assert made.returncode == 0 and "scoped key" in made.stdout, made.stdout + made.stderr
    key = next(line.strip() for line in made.stdout.splitlines() if line.strip().startswith("tp_"))
    listed = json.loads(stack.api("GET", f"{API}/tools?limit=1000", api_key=key)[2])["items"]
    assert listed and all(item["slug"].startswith("PIPEDRIVE_GET_") for item in listed)

    requests = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-06-18", "capabilities": {},
                                                                         "clientInfo": {"name": "test", "version": "1"}}},
        {"jsonrpc": "2.0", "method": "notifications/initialized"},
        {"jsonrpc": "2.0", "id": 2, "method": "tools/list"},
        {"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": {"name": "PIPEDRIVE_ADD_A_DEAL", "arguments": {"title": "no"}}},
    ]
    run = subprocess.run(
        [str(stack.binary), "mcp-stdio", "--url", stack.server_url, "--user-id", "alice",
         "--schemas", str(toolport_stack.SCHEMAS)],
        input="\n".join(json.dumps(r) for r in requests) + "\n", capture_output=True, text=True, timeout=60,
        env={"TOOLPORT_API_KEY": key, "PATH": "/usr/bin:/bin"})
    answers = {answer.get("id"): answer for answer in map(json.loads, run.stdout.splitlines()) if answer.get("id")}
    names = [tool["name"] for tool in answers[2]["result"]["tools"]]
    assert sorted(names) == sorted(item["slug"] for item in listed), "mcp-stdio --url lists tools the key may not run"
    assert answers[3]["result"]["isError"] is True, answers[3]
    assert "read-only" in json.dumps(answers[3]) or "not available" in json.dumps(answers[3])
