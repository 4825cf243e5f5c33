"""Starts a Pipedrive sandbox and a Toolport server on free loopback ports for the Composio SDK suite.

Only loopback traffic is allowed: any connection to another host fails the test that made it, and the
SDK's telemetry is switched off and stubbed.
"""
from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "pystack"))
import loopback_only  # noqa: E402

REPOSITORY = Path(__file__).resolve().parents[2]
API_KEY = "tp_compat_suite_key"
SANDBOX_TOKEN = "sandbox-api-token"
SANDBOX_CLIENT_ID = "sandbox-client-id"
SANDBOX_CLIENT_SECRET = "sandbox-client-secret"

# ---------------------------------------------------------------------------------------------------
# Nothing leaves loopback.

loopback_only.install("compat")
loopback_only.disable_composio_telemetry()


@pytest.fixture(autouse=True)
def no_outside_requests():
    """Fails the test if it (or the SDK under it) tried to reach a host other than loopback."""
    before = len(loopback_only.attempts)
    yield
    attempts = loopback_only.attempts[before:]
    assert not attempts, f"requests left loopback: {attempts}"

# ---------------------------------------------------------------------------------------------------
# The SDK surface table. A test marked `sdk_row(method, route)` (or several) records its outcome under that
# row in .build/compat/rows.json at the end of the run; scripts/compat_table.py renders the rows into
# docs/composio-compat.md. `unsupported="why"` marks a row whose test checks that Toolport refuses the call
# on purpose (a 501 or 400 naming the reason).

ROWS_FILE = REPOSITORY / ".build" / "compat" / "rows.json"
_rows: dict[tuple[str, str], dict] = {}


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "sdk_row(method, route, unsupported=None): the Composio SDK call and the route a test drives; its outcome goes to "
        ".build/compat/rows.json for scripts/compat_table.py",
    )


def _reason(report) -> str:
    """A skip's reason, or the first line of a failure."""
    if report.skipped and isinstance(report.longrepr, tuple):
        return str(report.longrepr[2]).removeprefix("Skipped: ")
    crash = getattr(getattr(report, "longrepr", None), "reprcrash", None)
    return (crash.message if crash else str(report.longrepr or "")).splitlines()[0][:200] if report.failed else ""


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Records, per row, each marked test's outcome: its call, or a setup or teardown that did not pass."""
    report = (yield).get_result()
    if report.when != "call" and report.passed:
        return
    status = "passed" if report.passed else "skipped" if report.skipped else "failed"
    for marker in item.iter_markers("sdk_row"):
        method, route = marker.args
        row = _rows.setdefault((method, route), {"method": method, "route": route, "tests": {}})
        if marker.kwargs.get("unsupported"):
            row["unsupported"] = marker.kwargs["unsupported"]
        if row["tests"].get(item.nodeid, {}).get("status") != "failed":
            row["tests"][item.nodeid] = {"status": status, "reason": _reason(report)}


def pytest_sessionfinish(session, exitstatus):
    """Writes the rows this run saw: a row failed when any of its tests failed, skipped when all were skipped."""
    if not _rows:
        return
    rows = []
    for (method, route), row in sorted(_rows.items()):
        statuses = {test["status"] for test in row["tests"].values()}
        status = "failed" if "failed" in statuses else "passed" if "passed" in statuses else "skipped"
        reasons = sorted({test["reason"] for test in row["tests"].values() if test["status"] == status and test["reason"]})
        rows.append({**row, "status": status, "reason": "; ".join(reasons)})
    ROWS_FILE.parent.mkdir(parents=True, exist_ok=True)
    ROWS_FILE.write_text(json.dumps({"rows": rows}, indent=2) + "\n")


# ---------------------------------------------------------------------------------------------------
# Processes


def _binary() -> Path:
    binary = Path(os.environ.get("TOOLPORT_BIN", REPOSITORY / ".build" / "debug" / "toolport"))
    if not binary.exists():
        subprocess.run(["swift", "build", "--product", "toolport"], cwd=REPOSITORY, check=True)
    return binary


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(url: str, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[1]} exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except Exception:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {timeout}s")


class Stack:
    """The running sandbox and server, with helpers the tests share."""

    def __init__(self, binary: Path, sandbox_url: str, server_url: str, workdir: Path):
        self.binary = binary
        self.sandbox_url = sandbox_url
        self.server_url = server_url
        self.workdir = workdir

    def composio(self, api_key: str | None = API_KEY):
        from composio import Composio

        return Composio(api_key=api_key, base_url=self.server_url, allow_tracking=False)

    def sandbox_requests(self) -> list[dict]:
        with urllib.request.urlopen(self.sandbox_url + "/_sandbox/requests", timeout=5) as response:
            return json.loads(response.read())

    def api(self, method: str, path: str, body: dict | None = None, api_key: str = API_KEY) -> tuple[int, dict]:
        """A raw call to the server (for what the SDK does not expose): status and parsed JSON body."""
        request = urllib.request.Request(
            self.server_url + path, method=method, data=None if body is None else json.dumps(body).encode(),
            headers={"x-api-key": api_key, "content-type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}")


@pytest.fixture(scope="session")
def stack():
    binary = _binary()
    workdir = Path(tempfile.mkdtemp(prefix="toolport-compat-"))
    logs = open(workdir / "processes.log", "w")
    processes: list[subprocess.Popen] = []
    try:
        sandbox = subprocess.Popen(
            [str(binary), "sandbox", "--host", "127.0.0.1", "--port", "0", "--api-token", SANDBOX_TOKEN,
             "--oauth-client-id", SANDBOX_CLIENT_ID, "--oauth-client-secret", SANDBOX_CLIENT_SECRET,
             "--schemas", str(REPOSITORY / "schemas" / "pipedrive")],
            stdout=subprocess.PIPE, stderr=logs, text=True,
        )
        processes.append(sandbox)
        line = sandbox.stdout.readline()
        match = re.search(r"(http://[\d.]+:\d+)", line)
        assert match, f"the sandbox did not say where it listens: {line!r}"
        sandbox_url = match.group(1)

        port = _free_port()
        server_url = f"http://127.0.0.1:{port}"
        environment = dict(os.environ, TOOLPORT_API_KEY=API_KEY)
        environment.pop("TOOLPORT_MASTER_KEY", None)
        server = subprocess.Popen(
            [str(binary), "serve", "--host", "127.0.0.1", "--port", str(port), "--db", str(workdir / "toolport.sqlite"),
             "--schemas", str(REPOSITORY / "schemas" / "pipedrive"), "--public-url", server_url,
             "--pipedrive-api-base", sandbox_url, "--pipedrive-oauth-base", sandbox_url],
            stdout=logs, stderr=logs, env=environment,
        )
        processes.append(server)
        _wait_for(server_url + "/healthz", server)
        yield Stack(binary, sandbox_url, server_url, workdir)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        logs.close()
        print(f"\ncompat suite: stopped {len(processes)} processes; logs in {workdir / 'processes.log'}", file=sys.stderr)
