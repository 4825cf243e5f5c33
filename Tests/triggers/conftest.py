"""One sandbox and one Toolport server for the trigger suite, with a local webhook receiver the server may deliver
to (--allow-webhook-target). Only loopback traffic is allowed and the SDK's telemetry is off."""
from __future__ import annotations

import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "pystack"))
import loopback_only  # noqa: E402
import toolport_stack  # noqa: E402

loopback_only.install("triggers")
loopback_only.disable_composio_telemetry()


class Receiver:
    """A webhook receiver on a fixed loopback port that can be stopped and started again; keeps every request."""

    def __init__(self):
        self.port = toolport_stack.free_port()
        self.url = f"http://127.0.0.1:{self.port}/hooks"
        self.received: list[dict] = []
        self.lock = threading.Lock()
        self.server: ThreadingHTTPServer | None = None

    def start(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("content-length", 0))).decode()
                with receiver.lock:
                    receiver.received.append({"headers": {k.lower(): v for k, v in self.headers.items()}, "body": body})
                self.send_response(200)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *_):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.allow_reuse_address = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    def messages(self) -> list[dict]:
        with self.lock:
            return [dict(entry, json=json.loads(entry["body"])) for entry in self.received]


@pytest.fixture(scope="module")
def receiver():
    receiver = Receiver()
    receiver.start()
    yield receiver
    receiver.stop()


@pytest.fixture(scope="module")
def stack(receiver):
    stacks = toolport_stack.Stacks("triggers")
    running = stacks.start(server_args=(
        "--allow-webhook-target", f"http://127.0.0.1:{receiver.port}", "--trigger-retry-max-delay", "1",
    ))
    yield running
    stacks.close()
