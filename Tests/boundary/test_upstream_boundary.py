"""Only Pipedrive, and only working connections (issue 14), driven over Toolport's REST API and CLI.

Every SSRF shape of a company subdomain is refused at every entry with a 400 naming the field; a bad
value already in the database fails the account at use without a request; a token answer naming another
host never receives one; token connections are checked with Pipedrive before they are ACTIVE; and an
account whose token Pipedrive rejects becomes FAILED and stops calling Pipedrive until it is reconnected.
"""
from __future__ import annotations

import base64
import json
import re
import sqlite3
import subprocess
import urllib.parse
import urllib.error
import urllib.request

import pytest

import toolport_stack
from toolport_stack import SANDBOX_TOKEN

API = "/api/v3.1"

# Each shape would steer a URL built as https://<subdomain>.pipedrive.com somewhere else.
SSRF_SHAPES = [
    "evil.example#", "evil.example/", "evil.example?", "user@evil.example", "acme:8443", "127.0.0.1:8801/x?",
    "127.0.0.1", "169.254.169.254", "[::1]", "acme.pipedrive.com.evil.example", "a.b", "-acme", "acme-", "ac_me",
    "ac me", "acme%2eevil", "%61cme", "\u0430cme", "\uff41cme", "\u212aelvin", "acme\u0000", "http://acme.pipedrive.com",
    "https://acme.pipedrive.com/v1", "https://acme.pipedrive.com:443", "a" * 64,
]


def ok(answer, status=200):
    code, _, body = answer
    assert code == status, f"HTTP {code}: {body[:400]!r}"
    return json.loads(body) if body else None


def auth_config(stack, scheme: str, credentials: dict | None = None) -> str:
    return ok(stack.api("POST", f"{API}/auth_configs", {
        "toolkit": {"slug": "pipedrive"},
        "auth_config": {"type": "use_custom_auth", "authScheme": scheme, "credentials": credentials or {}}}), 201)["auth_config"]["id"]


def initiate(stack, config_id: str, user: str, val: dict, scheme: str = "API_KEY"):
    return stack.api("POST", f"{API}/connected_accounts", {
        "auth_config": {"id": config_id}, "connection": {"user_id": user, "state": {"authScheme": scheme, "val": val}}})


def sandbox_request_count(stack) -> int:
    return len(json.loads(stack.sandbox("GET", "/_sandbox/requests")[2]))


def execute(stack, account_id: str, slug: str = "PIPEDRIVE_GET_CURRENT_USER_DATA", arguments: dict | None = None) -> dict:
    return ok(stack.api("POST", f"{API}/tools/execute/{slug}", {"arguments": arguments or {}, "connected_account_id": account_id}))


def connect_form(stack, link_token: str) -> tuple[str, str]:
    """The connect page's URL and the CSRF token of its form."""
    page = f"{stack.server_url}/connect/{link_token}"
    with urllib.request.urlopen(page, timeout=10) as answer:
        html = answer.read().decode()
    return page, re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def post_form(url: str, fields: dict) -> tuple[int, str]:
    data = urllib.parse.urlencode(fields).encode()
    request = urllib.request.Request(url, data=data, method="POST")

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=15) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_every_ssrf_shape_is_refused_at_every_entry(stack):
    config = auth_config(stack, "API_KEY")
    existing = ok(initiate(stack, config, "ssrf-existing", {"generic_api_key": SANDBOX_TOKEN}), 201)["id"]
    before = sandbox_request_count(stack)
    for shape in SSRF_SHAPES:
        # REST initiate.
        code, _, body = initiate(stack, config, "ssrf-user", {"generic_api_key": SANDBOX_TOKEN, "subdomain": shape})
        assert code == 400, f"initiate with subdomain {shape!r}: HTTP {code} {body[:300]!r}"
        error = json.loads(body)["error"]
        assert "connection.state.val.subdomain" in json.dumps(error), f"{shape!r}: the error does not name the field: {error}"
        # REST update.
        code, _, body = stack.api("PATCH", f"{API}/connected_accounts/{existing}", {
            "connection": {"state": {"authScheme": "API_KEY", "val": {"generic_api_key": SANDBOX_TOKEN, "subdomain": shape}}}})
        assert code == 400, f"update with subdomain {shape!r}: HTTP {code} {body[:300]!r}"
        # The hosted connect page: the form comes back with the error, the link still usable.
        link = ok(stack.api("POST", f"{API}/connected_accounts/link", {"auth_config_id": config, "user_id": "ssrf-page"}), 201)
        page, csrf = connect_form(stack, link["link_token"])
        code, html = post_form(page, {"csrf_token": csrf, "api_token": SANDBOX_TOKEN, "subdomain": shape})
        assert code == 400 and "company subdomain" in html and 'name="api_token"' in html, f"connect page, {shape!r}: {code}"
    assert sandbox_request_count(stack) == before, "a refused subdomain caused a request to Pipedrive"
    assert not [account for account in ok(stack.api("GET", f"{API}/connected_accounts?user_ids=ssrf-user"))["items"]]


@pytest.mark.parametrize("typed, stored", [("acme", "acme"), ("ACME.pipedrive.com", "acme"), ("https://acme.pipedrive.com/", "acme")])
def test_what_people_type_is_reduced_to_the_label(stack, typed, stored):
    config = auth_config(stack, "API_KEY")
    created = ok(initiate(stack, config, "typed-" + stored, {"generic_api_key": SANDBOX_TOKEN, "subdomain": typed}), 201)
    account = ok(stack.api("GET", f"{API}/connected_accounts/{created['id']}"))
    assert account["state"]["val"]["subdomain"] == stored


def test_the_cli_refuses_a_bad_subdomain(stack, tmp_path):
    answer = subprocess.run(
        [str(stack.binary), "serve", "--port", "0", "--db", str(tmp_path / "cli.sqlite"), "--pipedrive-api-token", SANDBOX_TOKEN,
         "--pipedrive-subdomain", "evil.example#", "--pipedrive-api-base", stack.sandbox_url],
        capture_output=True, text=True, timeout=60, env={"TOOLPORT_API_KEY": "tp_cli", "TOOLPORT_MASTER_KEY": base64.b64encode(b"k" * 32).decode(), "PATH": "/usr/bin:/bin"})
    assert answer.returncode != 0
    assert "--pipedrive-subdomain" in answer.stderr and "not a Pipedrive company subdomain" in answer.stderr, answer.stderr[-500:]


def test_the_cli_refuses_a_token_pipedrive_rejects(stack, tmp_path):
    answer = subprocess.run(
        [str(stack.binary), "serve", "--port", "0", "--db", str(tmp_path / "cli.sqlite"), "--pipedrive-api-token", "wrong-token",
         "--pipedrive-api-base", stack.sandbox_url],
        capture_output=True, text=True, timeout=60, env={"TOOLPORT_API_KEY": "tp_cli", "TOOLPORT_MASTER_KEY": base64.b64encode(b"k" * 32).decode(), "PATH": "/usr/bin:/bin"})
    assert answer.returncode != 0
    assert "was not accepted" in answer.stderr and "401" in answer.stderr, answer.stderr[-500:]
    assert "wrong-token" not in answer.stderr


def test_a_bad_stored_subdomain_never_reaches_pipedrive(stack):
    config = auth_config(stack, "API_KEY")
    account = ok(initiate(stack, config, "stored-bad", {"generic_api_key": SANDBOX_TOKEN}), 201)["id"]
    # Written past every entry check, as a database from an older version or a manual edit could hold it.
    with sqlite3.connect(stack.database) as database:
        database.execute("UPDATE connected_accounts SET subdomain = ? WHERE id = ?", ("127.0.0.1:8801/x?", account))
    before = sandbox_request_count(stack)
    result = execute(stack, account)
    assert result["successful"] is False and "subdomain" in result["error"], result
    assert sandbox_request_count(stack) == before
    stored = ok(stack.api("GET", f"{API}/connected_accounts/{account}"))
    assert stored["status"] == "FAILED" and "subdomain" in stored["status_reason"], stored


def test_a_foreign_api_domain_never_receives_a_request(stack_factory, silent_listener):
    foreign = f"http://127.0.0.1:{silent_listener.port}"
    other = stack_factory(sandbox_args=("--api-domain", foreign))
    config = auth_config(other, "OAUTH2", {"client_id": toolport_stack.SANDBOX_CLIENT_ID, "client_secret": toolport_stack.SANDBOX_CLIENT_SECRET})
    started = ok(other.api("POST", f"{API}/connected_accounts", {"auth_config": {"id": config}, "connection": {"user_id": "foreign"}}), 201)
    try:
        with urllib.request.urlopen(started["redirect_url"], timeout=10) as browser:
            page = browser.read().decode()
    except urllib.error.HTTPError as error:   # the failure page answers 400
        page = error.read().decode()
    assert "Connection failed" in page, page[:500]
    account = ok(other.api("GET", f"{API}/connected_accounts/{started['id']}"))
    assert account["status"] == "FAILED" and foreign in account["status_reason"], account
    result = execute(other, started["id"])
    assert result["successful"] is False
    assert not silent_listener.contacted(), "the foreign api_domain received a connection"


def test_token_connections_are_verified_before_they_are_active(stack):
    config = auth_config(stack, "API_KEY")
    before = sandbox_request_count(stack)
    code, _, body = initiate(stack, config, "verify-wrong", {"generic_api_key": "mistyped-token"})
    assert code == 400, body
    error = json.loads(body)["error"]
    assert "401" in error["message"] and "mistyped-token" not in body.decode(), error
    assert not ok(stack.api("GET", f"{API}/connected_accounts?user_ids=verify-wrong"))["items"]
    requests = json.loads(stack.sandbox("GET", "/_sandbox/requests")[2])[before:]
    assert [r["path"] for r in requests] == ["/v1/users/me"], requests

    created = ok(initiate(stack, config, "verify-right", {"generic_api_key": SANDBOX_TOKEN}), 201)
    account = ok(stack.api("GET", f"{API}/connected_accounts/{created['id']}"))
    assert account["status"] == "ACTIVE" and not account.get("status_reason")
    assert account["state"]["val"]["subdomain"] == "sandbox", "Pipedrive's company_domain becomes the subdomain"

    bearer = auth_config(stack, "BEARER_TOKEN")
    code, _, body = initiate(stack, bearer, "verify-bearer", {"token": "mistyped-bearer"}, scheme="BEARER_TOKEN")
    assert code == 400, body


def test_an_unreachable_pipedrive_leaves_the_connection_unverified(stack):
    config = auth_config(stack, "API_KEY")
    ok(stack.sandbox("PUT", "/_sandbox/faults", [{"kind": "server-error", "path_contains": "/users/me", "times": 1}]))
    try:
        created = ok(initiate(stack, config, "verify-later", {"generic_api_key": SANDBOX_TOKEN}), 201)
    finally:
        stack.sandbox("PUT", "/_sandbox/faults", [])
    account = ok(stack.api("GET", f"{API}/connected_accounts/{created['id']}"))
    assert account["status"] == "ACTIVE" and "without verification" in account["status_reason"], account
    assert execute(stack, created["id"])["successful"] is True


def test_a_rejected_token_fails_the_account_until_it_is_reconnected(stack):
    token = "health-token-1234abcd"
    assert stack.sandbox("POST", "/_sandbox/api-tokens", {"token": token})[0] == 204
    config = auth_config(stack, "API_KEY")
    account = ok(initiate(stack, config, "health", {"generic_api_key": token}), 201)["id"]
    assert execute(stack, account)["successful"] is True

    assert stack.sandbox("DELETE", f"/_sandbox/api-tokens/{token}")[0] == 204
    rejected = execute(stack, account)
    assert rejected["successful"] is False and "401" in rejected["error"], rejected
    stored = ok(stack.api("GET", f"{API}/connected_accounts/{account}"))
    assert stored["status"] == "FAILED", stored
    assert "Pipedrive rejected the API token (401)" in stored["status_reason"] and "reconnect" in stored["status_reason"]

    # Later calls answer at once, without a request to Pipedrive, and say how to reconnect.
    before = sandbox_request_count(stack)
    for call in (lambda: execute(stack, account), lambda: ok(stack.api("POST", f"{API}/tools/execute/PIPEDRIVE_GET_CURRENT_USER_DATA",
                                                                        {"arguments": {}, "user_id": "health"}))):
        refused = call()
        assert refused["successful"] is False and account in refused["error"] and "connect link" in refused["error"], refused
        assert refused["data"]["retryable"] is False
    assert sandbox_request_count(stack) == before

    # A new token makes it ACTIVE again.
    ok(stack.api("PATCH", f"{API}/connected_accounts/{account}", {
        "connection": {"state": {"authScheme": "API_KEY", "val": {"generic_api_key": SANDBOX_TOKEN}}}}))
    assert ok(stack.api("GET", f"{API}/connected_accounts/{account}"))["status"] == "ACTIVE"
    assert execute(stack, account)["successful"] is True
