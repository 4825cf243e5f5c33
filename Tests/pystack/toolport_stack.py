"""Starts `toolport sandbox` and `toolport serve` on free loopback ports.

Shared by the pytest suites under Tests/ and the scripts under bench/: one place knows how to launch,
wait for and stop the two processes.
"""
from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
SCHEMAS = REPOSITORY / "schemas" / "pipedrive"
API_KEY = "tp_stack_api_key_0123456789"
SANDBOX_TOKEN = "sandbox-api-token"
SANDBOX_CLIENT_ID = "sandbox-client-id"
SANDBOX_CLIENT_SECRET = "sandbox-client-secret"


def binary(configuration: str = "debug") -> Path:
    """The toolport binary: $TOOLPORT_BIN, else .build/<configuration>/toolport (built when missing)."""
    explicit = os.environ.get("TOOLPORT_BIN")
    if explicit:
        return Path(explicit)
    path = REPOSITORY / ".build" / configuration / "toolport"
    if not path.exists():
        subprocess.run(["swift", "build", "-c", configuration, "--product", "toolport"], cwd=REPOSITORY, check=True)
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen | None = None, timeout: float = 30) -> None:
    """Polls `url` until it answers (any HTTP status) or `process` exits."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{process.args[1]} exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except urllib.error.HTTPError:
            return
        except Exception:
            time.sleep(0.05)
    raise RuntimeError(f"{url} did not answer within {timeout}s")


def start_sandbox(binary_path: Path, log, *extra: str) -> tuple[subprocess.Popen, str]:
    """Starts the Pipedrive sandbox on a free port; returns the process and its base URL."""
    process = subprocess.Popen(
        [str(binary_path), "sandbox", "--host", "127.0.0.1", "--port", "0", "--api-token", SANDBOX_TOKEN,
         "--oauth-client-id", SANDBOX_CLIENT_ID, "--oauth-client-secret", SANDBOX_CLIENT_SECRET,
         "--schemas", str(SCHEMAS), *extra],
        stdout=subprocess.PIPE, stderr=log, text=True,
    )
    line = process.stdout.readline()
    match = re.search(r"(http://[\d.]+:\d+)", line)
    if not match:
        process.kill()
        raise RuntimeError(f"the sandbox did not say where it listens: {line!r}")
    return process, match.group(1)


def server_command(binary_path: Path, port: int, database: Path, sandbox_url: str, *extra: str) -> list[str]:
    """The `toolport serve` command line for a server in front of `sandbox_url`."""
    return [str(binary_path), "serve", "--host", "127.0.0.1", "--port", str(port), "--db", str(database),
            "--schemas", str(SCHEMAS), "--public-url", f"http://127.0.0.1:{port}",
            "--pipedrive-api-base", sandbox_url, "--pipedrive-oauth-base", sandbox_url, *extra]


def server_environment(api_key: str = API_KEY) -> dict[str, str]:
    environment = dict(os.environ, TOOLPORT_API_KEY=api_key)
    environment.pop("TOOLPORT_MASTER_KEY", None)
    return environment


def start_server(binary_path: Path, sandbox_url: str, database: Path, log, *extra: str,
                 port: int | None = None, api_key: str = API_KEY) -> tuple[subprocess.Popen, str]:
    """Starts `toolport serve` on `database` in front of the sandbox; returns the process and its URL."""
    port = port or free_port()
    process = subprocess.Popen(server_command(binary_path, port, database, sandbox_url, *extra),
                               stdout=log, stderr=log, env=server_environment(api_key))
    url = f"http://127.0.0.1:{port}"
    wait_for(url + "/healthz", process)
    return process, url


def stop(processes: list[subprocess.Popen], timeout: float = 10) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def request(method: str, url: str, body: object | bytes | None = None, headers: dict[str, str] | None = None,
            api_key: str | None = API_KEY, timeout: float = 30) -> tuple[int, dict[str, str], bytes]:
    """One HTTP request; returns (status, headers, body) for any status, never raising on 4xx/5xx."""
    data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
    all_headers = {"content-type": "application/json"} if data is not None else {}
    if api_key:
        all_headers["x-api-key"] = api_key
    all_headers.update(headers or {})
    prepared = urllib.request.Request(url, data=data, method=method, headers=all_headers)
    try:
        with urllib.request.urlopen(prepared, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@dataclass
class Stack:
    """A running sandbox and server, stopped by `close()`."""

    binary: Path
    workdir: Path
    sandbox_url: str = ""
    server_url: str = ""
    processes: list[subprocess.Popen] = field(default_factory=list)

    @property
    def log_path(self) -> Path:
        """The server's log (stdout and stderr)."""
        return self.workdir / "server.log"

    @property
    def sandbox_log_path(self) -> Path:
        return self.workdir / "sandbox.log"

    @property
    def database(self) -> Path:
        return self.workdir / "toolport.sqlite"

    @classmethod
    def start(cls, binary_path: Path, workdir: Path, sandbox_args: tuple[str, ...] = (),
              server_args: tuple[str, ...] = ()) -> "Stack":
        stack = cls(binary=binary_path, workdir=workdir)
        with open(stack.sandbox_log_path, "a") as sandbox_log, open(stack.log_path, "a") as server_log:
            try:
                sandbox, stack.sandbox_url = start_sandbox(binary_path, sandbox_log, *sandbox_args)
                stack.processes.append(sandbox)
                server, stack.server_url = start_server(binary_path, stack.sandbox_url, stack.database, server_log,
                                                        *server_args)
                stack.processes.append(server)
            except BaseException:
                stop(stack.processes)
                raise
        return stack

    @property
    def server(self) -> subprocess.Popen:
        return self.processes[1]

    def api(self, method: str, path: str, body: object | bytes | None = None, **options):
        return request(method, self.server_url + path, body, **options)

    def sandbox(self, method: str, path: str, body: object | bytes | None = None, **options):
        return request(method, self.sandbox_url + path, body, api_key=None, **options)

    def close(self) -> None:
        stop(self.processes)


class Stacks:
    """Stacks started on demand by a suite (`stacks.start(server_args=(...))`); `close()` stops them all.

    Each stack gets a fresh directory named after the suite, kept for its logs."""

    def __init__(self, suite: str, default_server_args: tuple[str, ...] = ()):
        self.suite = suite
        self.default_server_args = default_server_args
        self.started: list[Stack] = []

    def start(self, sandbox_args: tuple[str, ...] = (), server_args: tuple[str, ...] | None = None) -> Stack:
        import tempfile

        workdir = Path(tempfile.mkdtemp(prefix=f"toolport-{self.suite}-"))
        running = Stack.start(binary(), workdir, sandbox_args=sandbox_args,
                              server_args=self.default_server_args if server_args is None else server_args)
        self.started.append(running)
        return running

    def close(self) -> None:
        for running in self.started:
            running.close()
            print(f"\n{self.suite} suite: stack stopped; logs in {running.workdir}", file=sys.stderr)
