"""Keeps a test process on loopback, for the suites that drive the Composio SDK and framework packages: any
connection to another host is refused and recorded (a fixture then fails the test that made it), and the SDK's
telemetry is switched off."""
from __future__ import annotations

import ipaddress
import socket

# Every refused destination, in order; a suite's fixture compares its length before and after a test.
attempts: list[str] = []
_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def is_loopback(address) -> bool:
    host = address[0] if isinstance(address, tuple) else address
    if host in ("localhost",):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def install(suite: str) -> None:
    """Refuses `connect` and `connect_ex` to any host but loopback for the rest of the process."""

    def guarded_connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not is_loopback(address):
            attempts.append(str(address))
            raise ConnectionRefusedError(f"{suite} suite: connection to {address} blocked (loopback only)")
        return _real_connect(self, address)

    def guarded_connect_ex(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not is_loopback(address):
            attempts.append(str(address))
            return 111  # ECONNREFUSED
        return _real_connect_ex(self, address)

    socket.socket.connect = guarded_connect
    socket.socket.connect_ex = guarded_connect_ex


def disable_composio_telemetry() -> None:
    """Stubs the SDK's event push and points its metric and error endpoints at a closed loopback port."""
    import composio.core.models.base as base

    base.push_event = lambda *args, **kwargs: None
    try:
        import composio.core.models._telemetry as telemetry

        telemetry.METRIC_ENDPOINT = "http://127.0.0.1:9/metrics"
        telemetry.ERROR_ENDPOINT = "http://127.0.0.1:9/errors"
    except ImportError:
        pass
