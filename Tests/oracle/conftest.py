"""Fixtures of the request oracle: one sandbox (the recording upstream) and one server for the module."""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "pystack"))

import toolport_stack  # noqa: E402


@pytest.fixture(scope="session")
def stack():
    workdir = Path(tempfile.mkdtemp(prefix="toolport-oracle-"))
    running = toolport_stack.Stack.start(toolport_stack.binary(), workdir)
    # The oracle's user: an OAuth connection (the sandbox takes its API token as a bearer token), so the
    # tools that call the OAuth server have the app's client credentials too.
    config = json.loads(running.api("POST", "/api/v3.1/auth_configs", {
        "toolkit": {"slug": "pipedrive"},
        "auth_config": {"type": "use_custom_auth", "authScheme": "OAUTH2", "credentials": {
            "client_id": toolport_stack.SANDBOX_CLIENT_ID, "client_secret": toolport_stack.SANDBOX_CLIENT_SECRET}}})[2])
    status, _, body = running.api("POST", "/api/v3.1/connected_accounts", {
        "auth_config": {"id": config["auth_config"]["id"]},
        "connection": {"user_id": "oracle", "state": {"authScheme": "OAUTH2", "val": {
            "access_token": toolport_stack.SANDBOX_TOKEN, "refresh_token": "oracle-refresh-token"}}}})
    assert status == 201, body
    yield running
    running.close()
