"""Fixtures of the boundary suite: where Toolport meets Pipedrive (the upstream allow-list, subdomain and
api_domain checks, verified connections, connection health and the connect page in a real browser).

One sandbox and server for the module's tests (Tests/pystack/toolport_stack.py); the api_domain test
starts a second sandbox whose token answers name another host.
"""
from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "pystack"))

import toolport_stack  # noqa: E402


@pytest.fixture(scope="session")
def stack_factory():
    """Starts stacks on demand; all are stopped at the end."""
    stacks = toolport_stack.Stacks("boundary")
    yield stacks.start
    stacks.close()


@pytest.fixture(scope="session")
def stack(stack_factory):
    return stack_factory()


class SilentListener:
    """A loopback port that must receive nothing: it never accepts; `contacted()` says whether anyone tried."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.socket.setblocking(False)
        self.port = self.socket.getsockname()[1]

    def contacted(self) -> bool:
        try:
            connection, _ = self.socket.accept()
        except BlockingIOError:
            return False
        connection.close()
        return True

    def close(self):
        self.socket.close()


@pytest.fixture
def silent_listener():
    listener = SilentListener()
    yield listener
    listener.close()
