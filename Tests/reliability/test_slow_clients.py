"""Slow clients (slowloris) cannot exhaust the server: a connection that has not delivered a complete
request head within the idle timeout is closed, and other clients are served meanwhile."""
from __future__ import annotations

import socket
import threading
import time
from urllib.parse import urlsplit

import pytest

import toolport_stack

IDLE_TIMEOUT = 2
SLOW_CONNECTIONS = 300


@pytest.fixture(scope="module")
def guarded(stack_factory):
    return stack_factory(server_args=("--idle-timeout", str(IDLE_TIMEOUT),
                                      "--pipedrive-api-token", toolport_stack.SANDBOX_TOKEN))


def connect(url: str) -> socket.socket:
    parts = urlsplit(url)
    connection = socket.create_connection((parts.hostname, parts.port), timeout=10)
    connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return connection


def closed_by_server(connection: socket.socket, within: float) -> bool:
    """True once the server closes (EOF or reset) within `within` seconds; sends nothing itself."""
    connection.settimeout(within)
    try:
        return connection.recv(1) == b""
    except ConnectionResetError:
        return True
    except socket.timeout:
        return False


def test_partial_headers_are_cut_off_while_others_are_served(guarded):
    slow = [connect(guarded.server_url) for _ in range(SLOW_CONNECTIONS)]
    stop = threading.Event()

    def dribble():
        for connection in slow:
            connection.sendall(b"GET /api/v3.1/tools HTTP/1.1\r\nHost: x\r\n")
        while not stop.is_set():
            for connection in slow:
                try:
                    connection.sendall(b"x-slow: 1\r\n")
                except OSError:
                    pass
            time.sleep(0.5)

    dribbler = threading.Thread(target=dribble, daemon=True)
    dribbler.start()
    try:
        latencies = []
        for _ in range(50):
            started = time.monotonic()
            status, _, _ = guarded.api("GET", "/api/v3.1/tools/PIPEDRIVE_GET_DEAL", timeout=5)
            latencies.append(time.monotonic() - started)
            assert status == 200
        latencies.sort()
        assert latencies[int(len(latencies) * 0.99) - 1] < 0.5, latencies[-5:]

        deadline = time.monotonic() + IDLE_TIMEOUT + 3
        still_open = [c for c in slow if not closed_by_server(c, max(0.01, deadline - time.monotonic()))]
        assert not still_open, f"{len(still_open)} of {SLOW_CONNECTIONS} slow connections are still open"
    finally:
        stop.set()
        dribbler.join()
        for connection in slow:
            connection.close()
    status, _, _ = guarded.api("GET", "/healthz")
    assert status == 200


def test_a_stalled_body_is_cut_off(guarded):
    connection = connect(guarded.server_url)
    connection.sendall((f"POST /api/v3.1/tools/execute/PIPEDRIVE_GET_DEAL HTTP/1.1\r\nHost: x\r\n"
                        f"x-api-key: {toolport_stack.API_KEY}\r\ncontent-type: application/json\r\n"
                        "content-length: 100\r\n\r\n{\"argu").encode())
    started = time.monotonic()
    assert closed_by_server(connection, IDLE_TIMEOUT + 3)
    assert time.monotonic() - started >= IDLE_TIMEOUT - 0.5
    connection.close()


def test_an_idle_keep_alive_connection_is_closed_after_the_timeout(guarded):
    connection = connect(guarded.server_url)
    connection.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
    assert connection.recv(4096).startswith(b"HTTP/1.1 200")
    assert closed_by_server(connection, IDLE_TIMEOUT + 3)
    connection.close()


def test_a_slow_upstream_call_is_not_cut_off_by_the_idle_timeout(guarded):
    """The timeout is about clients: a request being answered (here, waiting on Pipedrive) runs to the end."""
    status, _, _ = guarded.sandbox("PUT", "/_sandbox/faults", [
        {"kind": "latency", "milliseconds": (IDLE_TIMEOUT + 1) * 1000, "path_contains": "/users/me"}])
    assert status in (200, 204)
    try:
        status, _, body = guarded.api("POST", "/api/v3.1/tools/execute/PIPEDRIVE_GET_CURRENT_USER_DATA",
                                      {"arguments": {}, "user_id": "anyone"}, timeout=30)
        assert status == 200, body
    finally:
        guarded.sandbox("PUT", "/_sandbox/faults", [])
