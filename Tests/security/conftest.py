"""Fixtures of the security suite: one sandbox and server, two users with API-token accounts (alice and
bob), and keys of every kind made through the admin API."""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "pystack"))

import toolport_stack  # noqa: E402

API = "/api/v3.1"


def answer(result, status=200):
    code, _, body = result
    assert code == status, f"HTTP {code}: {body[:400]!r}"
    return json.loads(body) if body else None


@pytest.fixture(scope="session")
def stack():
    workdir = Path(tempfile.mkdtemp(prefix="toolport-security-"))
    running = toolport_stack.Stack.start(toolport_stack.binary(), workdir)
    yield running
    running.close()


@pytest.fixture(scope="session")
def accounts(stack):
    """{user: connected account id} for alice and bob."""
    config = answer(stack.api("POST", f"{API}/auth_configs", {
        "toolkit": {"slug": "pipedrive"}, "auth_config": {"type": "use_custom_auth", "authScheme": "API_KEY", "credentials": {}}}), 201)
    ids = {}
    for user in ("alice", "bob"):
        ids[user] = answer(stack.api("POST", f"{API}/connected_accounts", {
            "auth_config": {"id": config["auth_config"]["id"]},
            "connection": {"user_id": user, "state": {"authScheme": "API_KEY", "val": {"generic_api_key": toolport_stack.SANDBOX_TOKEN}}}}), 201)["id"]
    return ids


@pytest.fixture(scope="session")
def keys(stack):
    """The plaintext of an admin, a scoped, a read-only and an expired key, made with the admin API."""
    def create(body):
        return answer(stack.api("POST", "/api/toolport/keys", body), 201)["key"]

    return {
        "admin": create({"name": "another admin"}),
        "scoped": create({"name": "alice's agent", "user_ids": ["alice"], "tools": ["PIPEDRIVE_GET_*", "PIPEDRIVE_ADD_A_DEAL"]}),
        "read_only": create({"name": "alice's reader", "user_ids": ["alice"], "read_only": True}),
        "expired": create({"name": "old", "user_ids": ["alice"], "expires_at": "2020-01-01T00:00:00Z"}),
    }
