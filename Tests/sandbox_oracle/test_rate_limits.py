"""`toolport sandbox --rate-limit` against Toolport's own 429 handling, end to end: a burst 429 is waited out
(Retry-After) and retried, a spent daily budget stops at once with the reason. Needs no spec."""
from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

import pytest

import toolport_stack


def started(*sandbox_args: str) -> toolport_stack.Stack:
    """A sandbox with `sandbox_args` and a server with one API-token account (user `rate`), verified by Toolport
    with `GET /users/me` (2 tokens) more than one burst window ago."""
    workdir = Path(tempfile.mkdtemp(prefix="toolport-sandbox-rate-"))
    stack = toolport_stack.Stack.start(toolport_stack.binary(), workdir, sandbox_args=sandbox_args)
    config = json.loads(stack.api("POST", "/api/v3.1/auth_configs", {
        "toolkit": {"slug": "pipedrive"}, "auth_config": {"type": "use_custom_auth", "authScheme": "API_KEY"}})[2])
    status, _, body = stack.api("POST", "/api/v3.1/connected_accounts", {
        "auth_config": {"id": config["auth_config"]["id"]},
        "connection": {"user_id": "rate", "state": {"authScheme": "API_KEY", "val": {
            "status": "ACTIVE", "generic_api_key": toolport_stack.SANDBOX_TOKEN, "subdomain": "sandbox"}}}})
    assert status == 201, body
    time.sleep(2.1)
    return stack


def list_deals(stack: toolport_stack.Stack) -> dict:
    status, _, body = stack.api("POST", "/api/v3.1/tools/execute/PIPEDRIVE_GET_ALL_DEALS", {"arguments": {}, "user_id": "rate"})
    assert status == 200, body[:300]
    return json.loads(body)


def requests_received(stack: toolport_stack.Stack) -> int:
    return len(json.loads(stack.sandbox("GET", "/_sandbox/requests")[2]))


@pytest.fixture
def stacks():
    running = []
    yield running
    for stack in running:
        stack.close()


def test_a_burst_429_is_waited_out_and_retried(stacks):
    stack = started("--rate-limit", "--burst-limit", "1")
    stacks.append(stack)
    assert list_deals(stack)["successful"]
    before = requests_received(stack)
    second = list_deals(stack)
    assert second["successful"], second
    assert requests_received(stack) == before + 2  # refused once, then retried after Retry-After


def test_a_spent_daily_budget_stops_at_once(stacks):
    stack = started("--rate-limit", "--daily-tokens", "22")  # the verification (2) and one list (20)
    stacks.append(stack)
    assert list_deals(stack)["successful"]
    before = requests_received(stack)
    refused = list_deals(stack)
    assert not refused["successful"] and "daily API budget is spent" in refused["error"], refused
    assert requests_received(stack) == before + 1
