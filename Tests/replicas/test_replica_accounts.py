"""Two replicas (A and B) on one PostgreSQL database behave as one server: a connection started on one is
completed on the other, a token refresh happens once across both, a disable on one is honoured by the
other within the documented 1 s bound, and a replica with the wrong master key refuses to start.

The tests share one sandbox and replicas A and B on a fresh database (conftest.py `deployment`).
"""
from __future__ import annotations

import base64
import html
import re
import threading
import time
import urllib.parse

import pytest

import replica_cluster
from replica_cluster import (API, account, connect_api_token, create_auth_config, create_oauth_config, execute,
                             expect, get_without_redirects, on_host_of, raw_request)
import toolport_stack

replica_cluster.require_postgres()

CALLBACK_PATH = "/api/v1/auth-apps/add"
DISABLE_BOUND = 1.0      # docs/accounts.md: a change made by another process takes effect within a second
DISABLE_SLACK = 0.5
REFRESH_LATENCY_MS = 1500  # how long the sandbox's /oauth/token takes in the single-flight test


def succeeded(answer) -> bool:
    status, result = answer
    return status == 200 and isinstance(result, dict) and result.get("successful") is True


def assert_succeeded(answer, what: str) -> dict:
    status, result = answer
    assert succeeded(answer), f"{what}: HTTP {status} {result}"
    return result


def brief(answer) -> str:
    status, result = answer
    if isinstance(result, dict):
        return f"HTTP {status} successful={result.get('successful')} error={str(result.get('error'))[:160]!r}"
    return f"HTTP {status} {str(result)[:160]!r}"


def masked_token(seen: dict, name: str = "access_token") -> str:
    value = seen["state"]["val"].get(name, "")
    assert value.startswith("****") and len(value) == 8, f"{name} is not masked as ****abcd: {value!r}"
    return value


# ---------------------------------------------------------------------------------------------------
# 1. OAuth and connect links across replicas


def test_oauth_across_replicas(deployment):
    a, b = deployment.replicas["A"], deployment.replicas["B"]
    grants_before = deployment.sandbox_stats()["token_grants"]

    config_id = create_oauth_config(a)
    started = expect(a.api("POST", f"{API}/connected_accounts", {
        "auth_config": {"id": config_id}, "connection": {"user_id": "oauth-across"}}), 201)
    account_id = started["id"]
    assert started["status"] == "INITIATED", started
    consent_url = started["redirect_url"]
    assert consent_url.startswith(deployment.sandbox_url + "/oauth/authorize?"), consent_url
    assert account(b, account_id)["status"] == "INITIATED", "B does not see the connection A initiated"

    # The sandbox's consent step approves at once and sends the browser to A's callback ...
    status, headers, body = get_without_redirects(consent_url)
    assert status in (302, 303), f"authorize: HTTP {status} {body[:300]!r}"
    callback_on_a = headers["location"]
    assert callback_on_a.startswith(a.url + CALLBACK_PATH + "?"), callback_on_a
    assert "code=" in callback_on_a and "state=" in callback_on_a, callback_on_a
    # ... which the load balancer delivers to B.
    status, _, body = get_without_redirects(on_host_of(callback_on_a, b.url))
    assert status == 200 and b"Pipedrive connected" in body, f"callback on B: HTTP {status} {body[:500]!r}"

    seen = {replica.name: account(replica, account_id) for replica in (a, b)}
    for name, record in seen.items():
        assert record["status"] == "ACTIVE", f"read through {name}: {record}"
        assert record["is_disabled"] is False, f"read through {name}: {record}"
    masked = masked_token(seen["A"])
    assert masked_token(seen["B"]) == masked

    grants = deployment.sandbox_stats()["token_grants"]
    assert grants["authorization_code"] - grants_before["authorization_code"] == 1, (grants_before, grants)
    assert grants["refresh_token"] == grants_before["refresh_token"], (grants_before, grants)

    # Tool executions through B (and A) use the tokens B obtained.
    expect(deployment.sandbox("DELETE", "/_sandbox/requests"), 204, 200)
    result = assert_succeeded(execute(b, account_id), "execution through B")
    assert result["error"] in (None, ""), result
    assert_succeeded(execute(a, account_id), "execution through A")
    tokens = replica_cluster.bearer_tokens(deployment.sandbox_requests())
    assert len(tokens) == 2 and len(set(tokens)) == 1, f"bearer tokens sent to the sandbox: {tokens}"
    assert masked == "****" + tokens[0][-4:], (masked, tokens[0][-4:])

    # The OAuth state was used up on B: replaying the callback on A connects nothing and breaks nothing.
    status, _, body = get_without_redirects(callback_on_a)
    assert status == 400 and b"expired" in body.lower(), f"replayed callback on A: HTTP {status} {body[:500]!r}"
    assert account(a, account_id)["status"] == "ACTIVE"
    assert deployment.sandbox_stats()["token_grants"]["authorization_code"] == grants["authorization_code"]


def test_connect_links_across_replicas(deployment):
    a, b = deployment.replicas["A"], deployment.replicas["B"]

    # API token: the link is created on A, its page is opened and submitted on B.
    config_id = create_auth_config(a, "API_KEY")
    link = expect(a.api("POST", f"{API}/connected_accounts/link",
                        {"auth_config_id": config_id, "user_id": "link-across"}), 201)
    account_id = link["connected_account_id"]
    assert link["redirect_url"] == f"{a.url}/connect/{link['link_token']}", link
    assert account(b, account_id)["status"] == "INITIATED"
    page_on_b = on_host_of(link["redirect_url"], b.url)
    status, _, body = get_without_redirects(page_on_b)
    assert status == 200, f"connect page on B: HTTP {status} {body[:500]!r}"
    match = re.search(rb'name="csrf_token" value="([^"]+)"', body)
    assert match, f"no csrf_token in the connect page served by B: {body[:1000]!r}"
    form = urllib.parse.urlencode({"csrf_token": html.unescape(match.group(1).decode()),
                                   "api_token": toolport_stack.SANDBOX_TOKEN, "subdomain": ""}).encode()
    status, _, body = raw_request("POST", page_on_b, form, {"content-type": "application/x-www-form-urlencoded"})
    assert status == 200 and b"Pipedrive connected" in body, f"form submitted to B: HTTP {status} {body[:500]!r}"
    for replica in (a, b):
        assert account(replica, account_id)["status"] == "ACTIVE", f"read through {replica.name}"
        assert_succeeded(execute(replica, account_id), f"execution through {replica.name}")
    # Single use across replicas: the link is spent for A too.
    status, _, body = get_without_redirects(link["redirect_url"])
    assert status == 400 and b"Link expired" in body, f"spent link opened on A: HTTP {status} {body[:500]!r}"

    # OAuth2: the link is created on A, opened on B (which sends the browser to consent), and the
    # callback lands on A.
    grants_before = deployment.sandbox_stats()["token_grants"]
    oauth_config = create_oauth_config(a)
    link = expect(a.api("POST", f"{API}/connected_accounts/link",
                        {"auth_config_id": oauth_config, "user_id": "oauth-link-across"}), 201)
    account_id = link["connected_account_id"]
    status, headers, body = get_without_redirects(on_host_of(link["redirect_url"], b.url))
    assert status in (302, 303), f"OAuth connect link opened on B: HTTP {status} {body[:500]!r}"
    consent_url = headers["location"]
    assert consent_url.startswith(deployment.sandbox_url + "/oauth/authorize?"), consent_url
    status, headers, body = get_without_redirects(consent_url)
    assert status in (302, 303), f"authorize: HTTP {status} {body[:300]!r}"
    status, _, body = get_without_redirects(on_host_of(headers["location"], a.url))
    assert status == 200 and b"Pipedrive connected" in body, f"callback on A: HTTP {status} {body[:500]!r}"
    for replica in (a, b):
        assert account(replica, account_id)["status"] == "ACTIVE", f"read through {replica.name}"
        assert_succeeded(execute(replica, account_id), f"execution through {replica.name}")
    grants = deployment.sandbox_stats()["token_grants"]
    assert grants["authorization_code"] - grants_before["authorization_code"] == 1, (grants_before, grants)


# ---------------------------------------------------------------------------------------------------
# 2. One refresh for 50 concurrent calls across both replicas


def sandbox_token_pair(deployment) -> dict:
    """An access and refresh token straight from the sandbox's OAuth server (one authorization_code grant)."""
    redirect_uri = "http://127.0.0.1:9/elsewhere"
    query = urllib.parse.urlencode({"client_id": toolport_stack.SANDBOX_CLIENT_ID, "redirect_uri": redirect_uri,
                                    "state": "direct", "response_type": "code"})
    status, headers, body = get_without_redirects(f"{deployment.sandbox_url}/oauth/authorize?{query}")
    assert status in (302, 303), f"authorize: HTTP {status} {body[:300]!r}"
    code = urllib.parse.parse_qs(urllib.parse.urlsplit(headers["location"]).query)["code"][0]
    basic = base64.b64encode(f"{toolport_stack.SANDBOX_CLIENT_ID}:{toolport_stack.SANDBOX_CLIENT_SECRET}".encode())
    answer = raw_request("POST", f"{deployment.sandbox_url}/oauth/token",
                         urllib.parse.urlencode({"grant_type": "authorization_code", "code": code,
                                                 "redirect_uri": redirect_uri}).encode(),
                         {"authorization": "Basic " + basic.decode(),
                          "content-type": "application/x-www-form-urlencoded"})
    tokens = expect(answer, 200)
    assert tokens.get("access_token") and tokens.get("refresh_token"), tokens
    return tokens


def concurrent_executions(deployment, account_id: str) -> tuple[list, list]:
    """25 executions through A and 25 through B, released together: (answers, replica of each)."""
    calls = [deployment.replicas["A"]] * 25 + [deployment.replicas["B"]] * 25
    results: list = [None] * len(calls)
    barrier = threading.Barrier(len(calls))

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[index] = execute(calls[index], account_id, timeout=60)
        except Exception as error:  # noqa: BLE001 - reported by the caller
            results[index] = (None, repr(error))

    threads = [threading.Thread(target=run, args=(index,)) for index in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "some executions did not finish within 120 s"
    return results, calls


def test_single_flight_refresh_across_replicas(deployment):
    a, b = deployment.replicas["A"], deployment.replicas["B"]
    config_id = create_oauth_config(a)
    tokens = sandbox_token_pair(deployment)
    # An OAuth account whose access token expired just now (expires_in 0): every replica must refresh
    # it before calling Pipedrive.
    created = expect(a.api("POST", f"{API}/connected_accounts", {
        "auth_config": {"id": config_id},
        "connection": {"user_id": "single-flight", "state": {"authScheme": "OAUTH2", "val": {
            "access_token": tokens["access_token"], "refresh_token": tokens["refresh_token"], "expires_in": 0,
            "api_domain": tokens.get("api_domain", deployment.sandbox_url), "scope": tokens.get("scope", "")}}}}),
        201)
    account_id = created["id"]
    old_token = tokens["access_token"]
    assert masked_token(account(b, account_id)) == "****" + old_token[-4:]

    grants_before = deployment.sandbox_stats()["token_grants"]
    expect(deployment.sandbox("DELETE", "/_sandbox/requests"), 204, 200)
    # A slow token endpoint keeps the refresh in flight while every call arrives at both replicas, so
    # a replica that does not wait for the other's refresh sends a second one (which the sandbox, having
    # rotated the refresh token, answers with invalid_grant).
    expect(deployment.sandbox("PUT", "/_sandbox/faults", [
        {"kind": "latency", "milliseconds": REFRESH_LATENCY_MS, "path_contains": "/oauth/token"}]), 200)
    try:
        results, calls = concurrent_executions(deployment, account_id)
    finally:
        expect(deployment.sandbox("PUT", "/_sandbox/faults", []), 200)

    failures = [(calls[index].name, brief(result)) for index, result in enumerate(results) if not succeeded(result)]
    failed = (f"{len(failures)} of {len(calls)} executions failed (A: {sum(1 for n, _ in failures if n == 'A')}, "
              f"B: {sum(1 for n, _ in failures if n == 'B')}); first: {failures[:3]}")
    grants = deployment.sandbox_stats()["token_grants"]
    recorded = deployment.sandbox_requests()
    token_requests = [request for request in recorded if request.get("path", "").rstrip("/").endswith("/oauth/token")]
    refresh_requests = len(token_requests)
    assert refresh_requests == 1, (
        f"{refresh_requests} refresh requests reached the sandbox's /oauth/token for 50 concurrent calls "
        f"(25 through A, 25 through B); expected exactly 1. Grants {grants_before} -> {grants}. {failed}")
    assert not failures, failed
    refreshes = grants["refresh_token"] - grants_before["refresh_token"]
    assert refreshes == 1, f"{refreshes} refresh_token grants; expected 1. {grants_before} -> {grants}"
    assert grants["authorization_code"] == grants_before["authorization_code"], (grants_before, grants)

    used = replica_cluster.bearer_tokens(recorded)
    assert len(used) == 50, f"{len(used)} calls reached the sandbox, expected 50"
    assert set(used) == {used[0]} and used[0] != old_token, (
        f"the 50 calls used {len(set(used))} different tokens ({sum(1 for t in used if t == old_token)} the "
        "expired one); expected all to use the one refreshed token")
    new_token = used[0]

    # Afterwards both replicas use the new token, without refreshing again (also once their 1 s
    # credential caches have expired and they read the account again).
    for replica in (a, b):
        assert masked_token(account(replica, account_id)) == "****" + new_token[-4:], f"read through {replica.name}"
        assert account(replica, account_id)["status"] == "ACTIVE"
    time.sleep(1.2)
    expect(deployment.sandbox("DELETE", "/_sandbox/requests"), 204, 200)
    for replica in (a, b, a, b):
        assert_succeeded(execute(replica, account_id), f"execution through {replica.name} after the refresh")
    assert replica_cluster.bearer_tokens(deployment.sandbox_requests()) == [new_token] * 4
    assert deployment.sandbox_stats()["token_grants"]["refresh_token"] == grants["refresh_token"], \
        "a later call refreshed again"


# ---------------------------------------------------------------------------------------------------
# 3. A disable through A is honoured by B within the documented bound


def refused_as_disabled(answer) -> bool:
    status, result = answer
    if 400 <= status < 500:
        return isinstance(result, dict) and isinstance(result.get("error"), dict)
    return (status == 200 and isinstance(result, dict) and result.get("successful") is False
            and "disabled" in str(result.get("error", "")).lower())


def poll_until(replica, account_id: str, wanted, since: float, limit: float) -> tuple[float | None, list]:
    """Executes through `replica` until `wanted(answer)` or `limit` seconds after `since`: (seconds from
    `since` to the wanted answer's arrival, or None; every answer as (seconds, status, short result))."""
    trace = []
    while True:
        answer = execute(replica, account_id, timeout=10)
        elapsed = time.monotonic() - since
        status, result = answer
        trace.append((round(elapsed, 3), status,
                      result.get("successful") if isinstance(result, dict) else result,
                      (str(result.get("error"))[:80] if isinstance(result, dict) else "")))
        if wanted(answer):
            return elapsed, trace
        assert succeeded(answer) or refused_as_disabled(answer), f"unexpected answer from {replica.name}: {answer}"
        if elapsed > limit:
            return None, trace
        time.sleep(0.02)


def test_disable_on_a_is_honoured_by_b_within_bound(deployment):
    a, b = deployment.replicas["A"], deployment.replicas["B"]
    limit = DISABLE_BOUND + DISABLE_SLACK
    config_id = create_auth_config(a, "API_KEY")
    account_id = expect(connect_api_token(a, config_id, "disable-bound"), 201)["id"]

    # Warm B's credential cache: calls through B right before the disable.
    for _ in range(3):
        assert_succeeded(execute(b, account_id), "execution through B before the disable")

    expect(a.api("PATCH", f"{API}/connected_accounts/{account_id}/status", {"enabled": False}), 200)
    disabled_at = time.monotonic()
    refused_after, trace = poll_until(b, account_id, refused_as_disabled, disabled_at, limit + 1.0)
    assert refused_after is not None and refused_after <= limit, (
        f"B still ran calls with the account disabled through A: first refusal after {refused_after} s "
        f"(bound {DISABLE_BOUND} s + {DISABLE_SLACK} s slack); answers from B: {trace}")
    # And it stays refused (no other stale cache entry lets a call through).
    for _ in range(5):
        answer = execute(b, account_id)
        assert refused_as_disabled(answer), f"B ran a call after refusing it: {answer}; earlier: {trace}"
    assert account(b, account_id)["is_disabled"] is True

    # Enabling through A again is honoured by B within the same bound.
    expect(a.api("PATCH", f"{API}/connected_accounts/{account_id}/status", {"enabled": True}), 200)
    enabled_at = time.monotonic()
    served_after, trace = poll_until(b, account_id, succeeded, enabled_at, limit + 1.0)
    assert served_after is not None and served_after <= limit, (
        f"B still refused the account enabled again through A after {served_after} s; answers: {trace}")
    print(f"disable seen by B after {refused_after:.3f} s, enable after {served_after:.3f} s")


# ---------------------------------------------------------------------------------------------------
# 4. A replica with another master key refuses to start and touches nothing


def settled_fingerprints(url: str, timeout: float = 10) -> dict[str, str]:
    """The database's table fingerprints once two reads 0.5 s apart agree (batched logs are written)."""
    deadline = time.monotonic() + timeout
    previous = replica_cluster.table_fingerprints(url)
    while time.monotonic() < deadline:
        time.sleep(0.5)
        current = replica_cluster.table_fingerprints(url)
        if current == previous:
            return current
        previous = current
    pytest.fail(f"the database kept changing for {timeout} s with no traffic")


def test_wrong_master_key_refuses_to_start(deployment):
    a, b = deployment.replicas["A"], deployment.replicas["B"]
    config_id = create_auth_config(a, "API_KEY")
    account_id = expect(connect_api_token(a, config_id, "master-key"), 201)["id"]
    assert_succeeded(execute(b, account_id), "execution through B")
    before = settled_fingerprints(deployment.database_url)
    assert before, "the database has no tables"

    started = time.monotonic()
    intruder = deployment.launch("C-wrong-key", master_key=replica_cluster.new_master_key())
    try:
        code = intruder.process.wait(timeout=30)
    except Exception:  # noqa: BLE001
        pytest.fail(f"a replica with a different TOOLPORT_MASTER_KEY was still running after 30 s:\n{intruder.log()}")
    elapsed = time.monotonic() - started
    output = intruder.log()
    assert code != 0, f"the wrong-key replica exited with {code}:\n{output}"
    assert "different master key" in output, f"its output does not say 'different master key':\n{output}"
    assert elapsed < 20, f"it took {elapsed:.1f} s to give up"

    # Without any key (PostgreSQL has no key file to fall back on) it refuses as clearly.
    keyless = deployment.launch("D-no-key", master_key="")
    code = keyless.process.wait(timeout=30)
    assert code != 0 and "TOOLPORT_MASTER_KEY is not set" in keyless.log(), f"exit {code}:\n{keyless.log()}"

    after = replica_cluster.table_fingerprints(deployment.database_url)
    changed = sorted(table for table in set(before) | set(after) if before.get(table) != after.get(table))
    assert not changed, f"the replicas without the right key changed tables {changed}: {before} -> {after}"

    # A and B go on as before.
    for replica in (a, b):
        assert replica.alive(), f"{replica} died"
        assert expect(replica.api("GET", "/readyz", api_key=None), 200) == {"status": "ready"}
        assert account(replica, account_id)["status"] == "ACTIVE"
        assert_succeeded(execute(replica, account_id), f"execution through {replica.name}")
