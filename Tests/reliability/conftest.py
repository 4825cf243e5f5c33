"""Fixtures of the reliability suite: a sandbox and a server on free loopback ports.

The launching code lives in Tests/pystack/toolport_stack.py (shared with Tests/compat and bench/).
The default stack gives up on Pipedrive after 3 s (`--request-timeout 3`) so that timeout faults are
quick to provoke; tests that need other settings start their own with `stack_factory`.
test_secrets.py runs last: it checks what everything before it left behind.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "pystack"))

import toolport_stack  # noqa: E402

DEFAULT_SERVER_ARGS = ("--request-timeout", "3", "--connect-timeout", "2")


def pytest_collection_modifyitems(items):
    items.sort(key=lambda item: item.path.name == "test_secrets.py")


@pytest.fixture(scope="session")
def stack_factory():
    """Starts stacks on demand (`stack_factory(server_args=(...))`); all are stopped at the end."""
    stacks = toolport_stack.Stacks("reliability", default_server_args=DEFAULT_SERVER_ARGS)
    yield stacks.start
    stacks.close()


@pytest.fixture(scope="session")
def stack(stack_factory) -> toolport_stack.Stack:
    """The stack most tests share, for the whole session."""
    return stack_factory()
