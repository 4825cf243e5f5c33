"""A webhook receiver on a fixed loopback port for the trigger tests (Tests/compat, Tests/replicas): it can be stopped and started again and keeps
every request it answered (200)."""
from __future__ import annotations

import contextlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import toolport_stack


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


@contextlib.contextmanager
def running_receiver():
    """A started receiver, stopped on exit: what a pytest fixture yields."""
    receiver = Receiver()
    receiver.start()
    try:
        yield receiver
    finally:
        receiver.stop()


def wait_for(condition, timeout: float, what: str):
    """Polls `condition` until it returns something truthy (returned), or fails saying `what` did not happen."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"{what} within {timeout}s")
