"""Fixtures of the operations suite: one sandbox and one server for the module, the server in single-account mode
(the sandbox's API token), exporting spans to a local OTLP/HTTP receiver, logging JSON, `/metrics` behind a token.

The launching code lives in Tests/pystack/toolport_stack.py; the receiver in Tests/pystack/otlp_receiver.py.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "pystack"))

import otlp_receiver  # noqa: E402
import toolport_stack  # noqa: E402

METRICS_TOKEN = "metrics-scrape-token-0123"


@pytest.fixture(scope="session")
def receiver():
    running = otlp_receiver.OTLPReceiver()
    yield running
    running.close()


@pytest.fixture(scope="session")
def stack(receiver):
    # Spans are exported in batches; a short delay keeps the suite quick.
    os.environ["OTEL_BSP_SCHEDULE_DELAY"] = "200"
    stacks = toolport_stack.Stacks("operations", default_server_args=(
        "--pipedrive-api-token", toolport_stack.SANDBOX_TOKEN, "--log-format", "json", "--log-level", "debug",
        "--metrics-token", METRICS_TOKEN, "--otel-endpoint", receiver.url))
    yield stacks.start()
    stacks.close()
