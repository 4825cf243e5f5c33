"""After everything else in the suite, no secret appears in plaintext in the server's log, in any answer, or
in the database files; nor, on a server logging JSON at debug level and exporting spans, in `/metrics`, in the
JSON log lines or in any exported span.

Runs last (see conftest.py). It adds an OAuth connection (consent, call, refresh), API-token and bearer
accounts with canary secrets, calls signed with a canary given with the call (custom_auth_params,
custom_connection_data, on tools and the proxy), and calls that fail upstream with them, so every
secret-handling path has run; then it collects every secret that ever existed and looks for each one.
"""
from __future__ import annotations

import json
import secrets
import time
import urllib.request
from pathlib import Path

import otlp_receiver
import toolport_stack

CANARY_TOKEN = "pdtoken-canary-" + secrets.token_hex(8)
CANARY_BEARER = "bearer-canary-" + secrets.token_hex(8)
CANARY_CLIENT_SECRET = "clientsecret-canary-" + secrets.token_hex(8)
CANARY_PER_CALL = "percall-canary-" + secrets.token_hex(8)


def ok(answer, *statuses: int) -> dict:
    status, _, body = answer
    assert status in (statuses or (200, 201)), body[:300]
    return json.loads(body) if body else {}


def create_config(stack, scheme: str, credentials: dict) -> str:
    created = ok(stack.api("POST", "/api/v3.1/auth_configs", {
        "toolkit": {"slug": "pipedrive"},
        "auth_config": {"type": "use_custom_auth", "authScheme": scheme, "credentials": credentials}}))
    return created["auth_config"]["id"]


def connect(stack, config_id: str, user: str, scheme: str, val: dict) -> str:
    created = ok(stack.api("POST", "/api/v3.1/connected_accounts", {
        "auth_config": {"id": config_id},
        "connection": {"user_id": user, "state": {"authScheme": scheme, "val": val}}}))
    return created["id"]


def run_every_secret_path(stack) -> list[bytes]:
    """Exercises every path that handles a secret; returns every answer body it got."""
    answers: list[bytes] = []

    def call(method, path, body=None):
        answer = stack.api(method, path, body)
        answers.append(answer[2])
        return answer

    # OAuth: consent through the sandbox, a call with the access token, a refresh.
    oauth_config = create_config(stack, "OAUTH2", {"client_id": toolport_stack.SANDBOX_CLIENT_ID,
                                                   "client_secret": toolport_stack.SANDBOX_CLIENT_SECRET})
    started = ok(call("POST", "/api/v3.1/connected_accounts", {
        "auth_config": {"id": oauth_config}, "connection": {"user_id": "secrets-oauth"}}))
    with urllib.request.urlopen(started["redirect_url"], timeout=10) as browser:
        answers.append(browser.read())
    account = started["id"]
    assert ok(call("GET", f"/api/v3.1/connected_accounts/{account}"))["status"] == "ACTIVE"
    ok(call("POST", "/api/v3.1/tools/execute/PIPEDRIVE_GET_CURRENT_USER_DATA",
            {"arguments": {}, "connected_account_id": account}))
    ok(call("POST", f"/api/v3.1/connected_accounts/{account}/refresh"))
    ok(call("POST", "/api/v3.1/tools/execute/PIPEDRIVE_GET_CURRENT_USER_DATA",
            {"arguments": {}, "connected_account_id": account}))

    # Canary secrets that Pipedrive first accepts (the connection is verified) and then refuses: neither the
    # 400 for a refused connection nor the 401 path of a call may echo them.
    create_config(stack, "OAUTH2", {"client_id": "canary-client", "client_secret": CANARY_CLIENT_SECRET})
    refused = stack.api("POST", "/api/v3.1/connected_accounts", {
        "auth_config": {"id": create_config(stack, "API_KEY", {})},
        "connection": {"user_id": "secrets-refused", "state": {"authScheme": "API_KEY", "val": {"generic_api_key": CANARY_TOKEN}}}})
    assert refused[0] == 400, refused
    answers.append(refused[2])
    for canary in (CANARY_TOKEN, CANARY_BEARER):
        assert stack.sandbox("POST", "/_sandbox/api-tokens", {"token": canary})[0] == 204
    token_account = connect(stack, create_config(stack, "API_KEY", {}), "secrets-token", "API_KEY",
                            {"generic_api_key": CANARY_TOKEN})
    bearer_account = connect(stack, create_config(stack, "BEARER_TOKEN", {}), "secrets-bearer", "BEARER_TOKEN",
                             {"token": CANARY_BEARER})
    for canary in (CANARY_TOKEN, CANARY_BEARER):
        assert stack.sandbox("DELETE", f"/_sandbox/api-tokens/{canary}")[0] == 204
    for account_id in (token_account, bearer_account):
        result = ok(call("POST", "/api/v3.1/tools/execute/PIPEDRIVE_GET_CURRENT_USER_DATA",
                         {"arguments": {}, "connected_account_id": account_id}))
        assert result["successful"] is False
        call("GET", f"/api/v3.1/logs/{result['log_id']}")
        call("GET", f"/api/v3.1/connected_accounts/{account_id}")

    # Credentials given with one call (custom_auth_params, custom_connection_data), accepted and then refused.
    assert stack.sandbox("POST", "/_sandbox/api-tokens", {"token": CANARY_PER_CALL})[0] == 204
    per_call = [
        ("/api/v3.1/tools/execute/PIPEDRIVE_GET_CURRENT_USER_DATA", {"arguments": {}, "user_id": "secrets-per-call", "custom_auth_params": {
            "parameters": [{"name": "x-api-token", "value": CANARY_PER_CALL, "in": "header"}]}}),
        ("/api/v3.1/tools/execute/PIPEDRIVE_GET_CURRENT_USER_DATA", {"arguments": {}, "user_id": "secrets-per-call", "custom_auth_params": {
            "parameters": [{"name": "api_token", "value": CANARY_PER_CALL, "in": "query"}]}}),
        ("/api/v3.1/tools/execute/PIPEDRIVE_GET_CURRENT_USER_DATA", {"arguments": {}, "user_id": "secrets-per-call", "custom_connection_data": {
            "authScheme": "BEARER_TOKEN", "toolkitSlug": "pipedrive", "val": {"token": CANARY_PER_CALL}}}),
        ("/api/v3.1/tools/execute/proxy", {"endpoint": "/v1/users/me", "method": "GET", "user_id": "secrets-per-call",
                                           "custom_connection_data": {"authScheme": "API_KEY", "toolkitSlug": "pipedrive",
                                                                      "val": {"generic_api_key": CANARY_PER_CALL}}}),
    ]
    for path, body in per_call:
        result = ok(call("POST", path, body))
        assert result.get("successful", result.get("status") == 200), result
    assert stack.sandbox("DELETE", f"/_sandbox/api-tokens/{CANARY_PER_CALL}")[0] == 204
    for path, body in per_call:
        result = ok(call("POST", path, body))
        assert result.get("successful") is False or result.get("status") == 401, result
        if "log_id" in result:
            call("GET", f"/api/v3.1/logs/tool_execution/{result['log_id']}")
    call("POST", "/api/v3.1/logs/tool_execution", {"filters": [{"field": "user_id", "operator": "==", "value": "secrets-per-call"}]})

    for path in ("/api/v3.1/auth_configs", "/api/v3.1/connected_accounts", f"/api/v3.1/auth_configs/{oauth_config}"):
        call("GET", path)
    return answers


def upstream_secrets(stack) -> set[str]:
    """Every credential the sandbox saw or issued: tokens in headers and in OAuth token exchanges."""
    found: set[str] = {toolport_stack.SANDBOX_TOKEN, toolport_stack.SANDBOX_CLIENT_SECRET}
    status, _, body = stack.sandbox("GET", "/_sandbox/requests")
    assert status == 200
    for request in json.loads(body):
        headers = {name.lower(): value for name, value in _pairs(request.get("headers"))}
        authorization = headers.get("authorization", "")
        if authorization.lower().startswith("bearer "):
            found.add(authorization[7:])
        if headers.get("x-api-token"):
            found.add(headers["x-api-token"])
        text = request.get("body") or ""
        for field in ("refresh_token", "code"):
            for part in str(text).split("&"):
                if part.startswith(field + "="):
                    found.add(part.split("=", 1)[1])
    return {secret for secret in found if len(secret) >= 8}


def _pairs(headers):
    if isinstance(headers, dict):
        return headers.items()
    return [(h["name"], h["value"]) if isinstance(h, dict) else tuple(h) for h in headers or []]


def database_files(stack) -> list[Path]:
    """The database, its WAL and shared-memory files (not the key file, nor the `toolport.sqlite.files` directory)."""
    return [path for path in stack.workdir.iterdir() if path.name.startswith("toolport.sqlite") and path.is_file() and
            not path.name.endswith(".key")]


def test_no_secret_is_left_in_plaintext(stack):
    answers = run_every_secret_path(stack)
    secrets_to_find = upstream_secrets(stack) | {toolport_stack.API_KEY, CANARY_TOKEN, CANARY_BEARER,
                                                 CANARY_CLIENT_SECRET, CANARY_PER_CALL}
    assert CANARY_TOKEN in secrets_to_find and len(secrets_to_find) >= 8, secrets_to_find

    # Execution logs reach the database in batches every 50 ms (docs/execution.md): wait for this test's four.
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and sum(
            path.read_bytes().count(b"PIPEDRIVE_GET_CURRENT_USER_DATA") for path in database_files(stack)) < 4:
        time.sleep(0.05)
    places = {"server log": stack.log_path.read_bytes()}
    places.update({f"answer {index}": body for index, body in enumerate(answers)})
    places.update({path.name: path.read_bytes() for path in database_files(stack)})
    assert "toolport.sqlite" in places and len(places["toolport.sqlite"]) > 0

    # Positive controls: what is not secret is stored and logged in the clear, so the scan reads real content.
    database = b"".join(content for place, content in places.items() if place.startswith("toolport.sqlite"))
    assert toolport_stack.SANDBOX_CLIENT_ID.encode() in database
    assert b"secrets-oauth" in database
    assert b"PIPEDRIVE_GET_CURRENT_USER_DATA" in database

    leaks = [f"{secret[:6]}… in {place}" for secret in secrets_to_find for place, content in places.items()
             if secret.encode() in content]
    assert not leaks, leaks


def test_no_secret_reaches_metrics_json_logs_or_spans(stack_factory):
    receiver = otlp_receiver.OTLPReceiver()
    try:
        observed = stack_factory(server_args=("--request-timeout", "3", "--connect-timeout", "2", "--log-format", "json",
                                              "--log-level", "debug", "--otel-endpoint", receiver.url))
        answers = run_every_secret_path(observed)
        secrets_to_find = upstream_secrets(observed) | {toolport_stack.API_KEY, CANARY_TOKEN, CANARY_BEARER,
                                                        CANARY_CLIENT_SECRET, CANARY_PER_CALL}
        status, _, metrics = observed.api("GET", "/metrics", api_key=None)
        assert status == 200 and b"toolport_tool_executions_total" in metrics
        assert b'toolport_token_refreshes_total{result="success"}' in metrics
        spans = receiver.wait_for(lambda spans: sum(span.name.startswith("POST /api/v3.1/tools/execute") for span in spans) >= 8)
        assert any(span.name == "token.refresh" for span in spans), {span.name for span in spans}
        log = observed.log_path.read_bytes()
        # Positive controls: the places scanned hold real content.
        assert b'"request_id"' in log and b"PIPEDRIVE_GET_CURRENT_USER_DATA" in metrics and len(receiver.raw) > 0
        places = {"metrics": metrics, "json log": log, "spans (protobuf)": b"".join(receiver.raw),
                  "spans (decoded)": repr(spans).encode()}
        places.update({f"answer {index}": body for index, body in enumerate(answers)})
        leaks = [f"{secret[:6]}… in {place}" for secret in secrets_to_find for place, content in places.items()
                 if secret.encode() in content]
        assert not leaks, leaks
    finally:
        receiver.close()
