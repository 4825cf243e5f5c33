"""Every kind of upstream trouble the sandbox can make yields the documented envelope, in bounded time.

The server in front of the sandbox gives up on a Pipedrive call after 3 s (`--request-timeout 3`).
"""
from __future__ import annotations

import json
import time

import pytest

import toolport_stack

USER = "faults-user"


@pytest.fixture(scope="module")
def faulty(stack):
    """The shared stack with an API-token account for USER and one deal; faults cleared after each test."""
    status, _, body = stack.api("POST", "/api/v3.1/auth_configs", {
        "toolkit": {"slug": "pipedrive"},
        "auth_config": {"type": "use_custom_auth", "authScheme": "API_KEY", "credentials": {}}})
    assert status == 201, body
    config_id = json.loads(body)["auth_config"]["id"]
    status, _, body = stack.api("POST", "/api/v3.1/connected_accounts", {
        "auth_config": {"id": config_id},
        "connection": {"user_id": USER, "state": {"authScheme": "API_KEY",
                                                  "val": {"generic_api_key": toolport_stack.SANDBOX_TOKEN}}}})
    assert status == 201, body
    status, _, body = stack.sandbox("POST", "/v1/deals", {"title": "Fault deal"},
                                    headers={"x-api-token": toolport_stack.SANDBOX_TOKEN})
    assert status in (200, 201), body
    stack.deal_id = json.loads(body)["data"]["id"]
    return stack


@pytest.fixture(autouse=True)
def clear_faults(faulty):
    yield
    faulty.sandbox("PUT", "/_sandbox/faults", [])


def set_faults(stack, *rules: dict) -> None:
    status, _, body = stack.sandbox("PUT", "/_sandbox/faults", list(rules))
    assert status in (200, 204), body


def execute(stack, slug: str, arguments: dict, limit_seconds: float) -> dict:
    """Runs a tool; asserts the HTTP answer is 200 within `limit_seconds` (nothing hangs)."""
    started = time.monotonic()
    status, _, body = stack.api("POST", f"/api/v3.1/tools/execute/{slug}",
                                {"arguments": arguments, "user_id": USER}, timeout=limit_seconds + 5)
    elapsed = time.monotonic() - started
    assert status == 200, body[:300]
    assert elapsed < limit_seconds, f"{slug} took {elapsed:.1f}s"
    result = json.loads(body)
    assert set(result) == {"data", "error", "successful", "log_id"}
    return result


def attempts(stack, result: dict) -> int:
    status, _, body = stack.api("GET", f"/api/v3.1/logs/{result['log_id']}")
    assert status == 200, body
    return json.loads(body)["attempts"]


def read(stack):
    return execute(stack, "PIPEDRIVE_GET_DEAL", {"id": stack.deal_id}, limit_seconds=20)


def write(stack):
    return execute(stack, "PIPEDRIVE_ADD_A_DEAL", {"title": "Written once"}, limit_seconds=10)


def test_without_faults_both_calls_succeed(faulty):
    assert read(faulty)["successful"] is True
    assert write(faulty)["successful"] is True


def test_latency_above_the_timeout_fails_a_write_once_and_a_read_is_retried(faulty):
    set_faults(faulty, {"kind": "latency", "milliseconds": 4000, "path_contains": "/deals", "times": 1})
    result = read(faulty)
    assert result["successful"] is True
    assert attempts(faulty, result) == 2

    set_faults(faulty, {"kind": "latency", "milliseconds": 4000, "path_contains": "/deals"})
    result = write(faulty)
    assert result["successful"] is False
    assert result["error"] == "Could not reach Pipedrive: timed out waiting for the response"
    assert result["data"]["retryable"] is True


def test_a_reset_connection_is_retried_for_a_read_and_reported_for_a_write(faulty):
    set_faults(faulty, {"kind": "connection-reset", "path_contains": "/deals", "times": 1})
    assert read(faulty)["successful"] is True
    set_faults(faulty, {"kind": "connection-reset", "path_contains": "/deals", "times": 1})
    result = write(faulty)
    assert result["successful"] is False
    assert result["error"].startswith("Could not reach Pipedrive: transport error")


def test_a_429_burst_is_waited_out(faulty):
    set_faults(faulty, {"kind": "rate-limit", "retry_after_seconds": 1, "path_contains": "/deals", "times": 2})
    result = read(faulty)
    assert result["successful"] is True
    assert attempts(faulty, result) == 3


def test_a_persistent_429_gives_up_within_the_budget(faulty):
    set_faults(faulty, {"kind": "rate-limit", "retry_after_seconds": 1, "path_contains": "/deals"})
    result = read(faulty)
    assert result["successful"] is False
    assert result["error"].startswith("Pipedrive 429")
    assert result["data"]["status_code"] == 429


def test_a_spent_daily_budget_fails_at_once(faulty):
    set_faults(faulty, {"kind": "daily-budget-exhausted", "path_contains": "/deals"})
    result = read(faulty)
    assert result["successful"] is False
    assert "daily" in result["error"].lower()
    assert attempts(faulty, result) == 1


def test_a_500_is_retried_for_a_read_then_reported(faulty):
    set_faults(faulty, {"kind": "server-error", "path_contains": "/deals"})
    result = read(faulty)
    assert result["successful"] is False
    assert result["error"].startswith("Pipedrive 500")
    assert result["data"]["status_code"] == 500
    assert attempts(faulty, result) == 4


def test_an_html_403_is_reported_with_an_excerpt(faulty):
    set_faults(faulty, {"kind": "html-403", "path_contains": "/deals"})
    result = read(faulty)
    assert result["successful"] is False
    assert result["error"].startswith("Pipedrive 403: non-JSON response (text/html")
    assert result["data"]["status_code"] == 403


def test_malformed_json_is_reported(faulty):
    set_faults(faulty, {"kind": "malformed-json", "path_contains": "/deals"})
    result = read(faulty)
    assert result["successful"] is False
    assert "not valid JSON" in result["error"]


def test_a_truncated_body_is_retried_for_a_read_and_reported_for_a_write(faulty):
    set_faults(faulty, {"kind": "truncated-body", "path_contains": "/deals", "times": 1})
    result = read(faulty)
    assert result["successful"] is True
    assert attempts(faulty, result) == 2
    set_faults(faulty, {"kind": "truncated-body", "path_contains": "/deals"})
    result = write(faulty)
    assert result["successful"] is False
    assert result["error"] == ("Could not reach Pipedrive: transport error: "
                               "the connection closed before the whole response arrived")


def test_the_server_still_serves_after_every_fault(faulty):
    assert faulty.server.poll() is None
    assert read(faulty)["successful"] is True
