"""Helpers shared by the reliability scripts in bench/ (stdlib only, plus Tests/pystack/toolport_stack.py)."""
from __future__ import annotations

import http.client
import json
import math
import os
import sys
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPOSITORY / "Tests" / "pystack"))

import toolport_stack  # noqa: E402  (needs the path above)

API_KEY = toolport_stack.API_KEY


def default_binary(explicit: str | None) -> Path:
    """--binary, else $TOOLPORT_BIN, else .build/release/toolport when present, else the debug build (built if missing)."""
    if explicit:
        return Path(explicit).resolve()
    if os.environ.get("TOOLPORT_BIN"):
        return Path(os.environ["TOOLPORT_BIN"]).resolve()
    release = REPOSITORY / ".build" / "release" / "toolport"
    if release.exists():
        return release.resolve()
    return toolport_stack.binary("debug").resolve()


class Client:
    """One keep-alive HTTP/1.1 connection to the server; reconnects after a failure.

    A connection idle for `max_idle` seconds is replaced before it is used: `toolport serve` closes idle
    connections after 15 s (`--idle-timeout`), and reusing one it is closing would fail a request for nothing.
    """

    def __init__(self, host: str, port: int, timeout: float = 30, api_key: str | None = API_KEY, max_idle: float = 10):
        self.host, self.port, self.timeout, self.api_key, self.max_idle = host, port, timeout, api_key, max_idle
        self.connection: http.client.HTTPConnection | None = None
        self.last_used = 0.0

    def request(self, method: str, path: str, body: object | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        """(status, body). Raises on transport failures (refused, reset, timeout), after dropping the connection."""
        if self.connection is not None and time.monotonic() - self.last_used > self.max_idle:
            self.close()
        if self.connection is None:
            self.connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        all_headers = {"x-api-key": self.api_key} if self.api_key else {}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            all_headers["content-type"] = "application/json"
        all_headers.update(headers or {})
        try:
            self.connection.request(method, path, body=data, headers=all_headers)
            response = self.connection.getresponse()
            payload = response.read()
            self.last_used = time.monotonic()
            if response.will_close:
                self.close()
            return response.status, payload
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        if self.connection is not None:
            try:
                self.connection.close()
            finally:
                self.connection = None


def percentile(values: list[float], fraction: float) -> float | None:
    """The nearest-rank percentile of `values` (None when empty)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def median(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def linear_slope(xs: list[float], ys: list[float]) -> float | None:
    """The least-squares slope of ys over xs (None with fewer than two distinct xs)."""
    if len(xs) < 2:
        return None
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    if spread == 0:
        return None
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / spread


def markdown_table(header: list[str], rows: list[list[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def ms(seconds: float | None) -> str:
    return "n/a" if seconds is None else f"{seconds * 1000:.1f} ms"


def wait_healthy(host: str, port: int, process, timeout: float = 60, interval: float = 0.01) -> float:
    """Polls GET /healthz until it answers 200 {"status":"ok"}; returns the seconds it took. Raises when the process exits."""
    started = time.monotonic()
    deadline = started + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode} before it was healthy")
        connection = http.client.HTTPConnection(host, port, timeout=2)
        try:
            connection.request("GET", "/healthz")
            response = connection.getresponse()
            body = response.read()
            if response.status == 200 and json.loads(body or b"{}").get("status") == "ok":
                return time.monotonic() - started
        except (OSError, http.client.HTTPException, ValueError):
            pass
        finally:
            connection.close()
        time.sleep(interval)
    raise RuntimeError(f"the server was not healthy within {timeout}s")


def write_json(path: str | None, report: dict) -> None:
    if path:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(json.dumps(report, indent=2, sort_keys=False) + "\n")
