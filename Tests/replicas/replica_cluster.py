"""Several `toolport serve` replicas on one PostgreSQL database, in front of one Pipedrive sandbox.

Composes Tests/pystack/toolport_stack.py (the same command lines, ports and waiting) and adds what a
replica needs: `--db postgres://…`, `--db-pool-size`, `--db-timeout` and a shared `TOOLPORT_MASTER_KEY`.
Every process logs to a file in the deployment's work directory; conftest.py attaches the tail of each
log to the report of a failing test (see `LOGS`).
"""
from __future__ import annotations

import base64
import contextlib
import http.client
import json
import os
import secrets
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "pystack"))

import toolport_stack  # noqa: E402

REPOSITORY = toolport_stack.REPOSITORY
CLUSTER_SCRIPT = REPOSITORY / "scripts" / "postgres-cluster.sh"
API = "/api/v3.1"
API_KEY = toolport_stack.API_KEY
MIGRATION_IDS = ("v1-api-keys", "v2-execution-logs", "v3-accounts", "v4-key-scopes", "v5-tool-router-sessions", "v6-mcp-servers",
                 "v7-execution-request-id", "v8-triggers")
CALL_TOOL = "PIPEDRIVE_GET_CURRENT_USER_DATA"  # GET /api/v1/users/me on the sandbox

POSTGRES_URL = os.environ.get("TOOLPORT_TEST_POSTGRES_URL", "").strip()
POSTGRES_REQUIRED = os.environ.get("TOOLPORT_TEST_POSTGRES_REQUIRED", "").strip() == "1"
SKIP_REASON = (
    "Tests/replicas NOT RUN: TOOLPORT_TEST_POSTGRES_URL is not set, so the multi-replica PostgreSQL suite "
    "(OAuth across replicas, single-flight refresh, disable bound, master key, migrations, database restart) "
    "was skipped. scripts/test.sh sets it; by hand: url=$(scripts/postgres-cluster.sh start /tmp/pg) && "
    "TOOLPORT_TEST_POSTGRES_URL=$url pytest Tests/replicas. Set TOOLPORT_TEST_POSTGRES_REQUIRED=1 to make this a failure."
)

# Log files of the processes now running, by label: attached to the report of a failing test.
LOGS: dict[str, Path] = {}


def require_postgres() -> str:
    """The test cluster's URL; at module level, skips the module (or fails it when PostgreSQL is required)."""
    if POSTGRES_URL:
        return POSTGRES_URL
    if POSTGRES_REQUIRED:
        pytest.fail("TOOLPORT_TEST_POSTGRES_REQUIRED=1 but TOOLPORT_TEST_POSTGRES_URL is not set: " + SKIP_REASON,
                    pytrace=False)
    pytest.skip(SKIP_REASON, allow_module_level=True)


def new_master_key() -> str:
    """A `TOOLPORT_MASTER_KEY`: base64 of 32 random bytes."""
    return base64.b64encode(secrets.token_bytes(32)).decode()


# ---------------------------------------------------------------------------------------------------
# PostgreSQL through the psql CLI


FIELD_SEPARATOR = "\x1f"


def psql(url: str, sql: str, timeout: float = 60) -> list[list[str]]:
    """Runs `sql` with psql; returns the rows as lists of fields. Raises AssertionError on failure."""
    result = subprocess.run(["psql", url, "-X", "-q", "-A", "-t", "-F", FIELD_SEPARATOR, "-v", "ON_ERROR_STOP=1", "-c", sql],
                            capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise AssertionError(f"psql exited with {result.returncode} for {sql!r}: {result.stderr.strip()}")
    return [line.split(FIELD_SEPARATOR) for line in result.stdout.splitlines() if line]


def with_database(url: str, name: str) -> str:
    """`url` pointing at database `name` instead."""
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def create_database(url: str) -> tuple[str, str]:
    """A new empty database `tp_<random>` on the cluster of `url`; returns (name, its URL)."""
    name = "tp_" + secrets.token_hex(6)
    psql(url, f"CREATE DATABASE {name}")
    return name, with_database(url, name)


def drop_database(url: str, name: str) -> None:
    try:
        psql(url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    except AssertionError:
        psql(url, f"DROP DATABASE IF EXISTS {name}")


def table_fingerprints(url: str) -> dict[str, str]:
    """An md5 of every row of every table in the `public` schema, by table: equal fingerprints, equal data."""
    tables = [row[0] for row in psql(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")]
    fingerprints = {}
    for table in tables:
        rows = psql(url, f'SELECT count(*), coalesce(md5(string_agg(t::text, \'\n\' ORDER BY t::text)), \'\') '
                         f'FROM public."{table}" t')
        fingerprints[table] = "|".join(rows[0])
    return fingerprints


# ---------------------------------------------------------------------------------------------------
# The throwaway cluster of scripts/postgres-cluster.sh


def cluster(command: str, directory: Path, timeout: float = 600) -> str:
    """Runs `scripts/postgres-cluster.sh COMMAND DIR`; returns its stdout (the URL for start/resume/url)."""
    assert CLUSTER_SCRIPT.exists(), f"{CLUSTER_SCRIPT} is missing"
    result = subprocess.run([str(CLUSTER_SCRIPT), command, str(directory)], capture_output=True, text=True,
                            timeout=timeout)
    if result.returncode != 0:
        raise AssertionError(f"postgres-cluster.sh {command} {directory} exited with {result.returncode}:\n"
                             f"{result.stderr[-3000:]}")
    return result.stdout.strip()


# ---------------------------------------------------------------------------------------------------
# HTTP


def call(base_url: str, method: str, path: str, body: object | bytes | None = None, **options):
    """toolport_stack.request against `base_url`; (status, headers, body bytes) for any status."""
    return toolport_stack.request(method, base_url + path, body, **options)


def get_without_redirects(url: str, headers: dict[str, str] | None = None,
                          timeout: float = 30) -> tuple[int, dict[str, str], bytes]:
    """One GET that does not follow a redirect: (status, lower-cased headers, body)."""
    return raw_request("GET", url, None, headers, timeout)


def raw_request(method: str, url: str, body: bytes | None, headers: dict[str, str] | None = None,
                timeout: float = 30) -> tuple[int, dict[str, str], bytes]:
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        target = parts.path + (("?" + parts.query) if parts.query else "")
        connection.request(method, target, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def on_host_of(url: str, base_url: str) -> str:
    """`url` with its scheme and host:port replaced by those of `base_url`."""
    parts, base = urllib.parse.urlsplit(url), urllib.parse.urlsplit(base_url)
    return urllib.parse.urlunsplit((base.scheme, base.netloc, parts.path, parts.query, parts.fragment))


def decoded(answer) -> dict | list | None:
    status, _, body = answer
    try:
        return json.loads(body) if body else None
    except ValueError:
        return None


def expect(answer, *statuses: int) -> dict:
    """The JSON body of `answer`, asserting its status is one of `statuses` (default 200, 201)."""
    status, _, body = answer
    assert status in (statuses or (200, 201)), f"HTTP {status}: {body[:500]!r}"
    return json.loads(body) if body else {}


def tail(path: Path, lines: int = 150) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError as error:
        return f"(cannot read {path}: {error})"
    return "\n".join(text.splitlines()[-lines:])


# ---------------------------------------------------------------------------------------------------
# Processes


class Replica:
    """One `toolport serve` process."""

    def __init__(self, name: str, process: subprocess.Popen, url: str, log_path: Path):
        self.name, self.process, self.url, self.log_path = name, process, url, log_path
        self.pid = process.pid

    def api(self, method: str, path: str, body: object | bytes | None = None, **options):
        return call(self.url, method, path, body, **options)

    def alive(self) -> bool:
        return self.process.poll() is None

    def log(self, lines: int = 150) -> str:
        return tail(self.log_path, lines)

    def __repr__(self) -> str:
        return f"replica {self.name} (pid {self.pid}, {self.url})"


class Deployment:
    """A sandbox and any number of replicas on `database_url`, all with the same master key and API key."""

    def __init__(self, workdir: Path, database_url: str, master_key: str | None = None, *, db_timeout: int = 5,
                 pool_size: int = 4, sandbox_args: tuple[str, ...] = ()):
        self.workdir = workdir
        self.database_url = database_url
        self.master_key = master_key or new_master_key()
        self.db_timeout = db_timeout
        self.pool_size = pool_size
        self.binary = toolport_stack.binary()
        self.replicas: dict[str, Replica] = {}
        self.others: list[subprocess.Popen] = []
        self._log_files = []
        sandbox_log = self._open_log("sandbox")
        self.sandbox_process, self.sandbox_url = toolport_stack.start_sandbox(self.binary, sandbox_log, *sandbox_args)
        self.others.append(self.sandbox_process)

    def _open_log(self, label: str):
        path = self.workdir / f"{label}.log"
        handle = open(path, "a")
        self._log_files.append(handle)
        LOGS[f"{label} log ({path})"] = path
        return handle

    def command(self, port: int, *extra: str) -> list[str]:
        # Every replica gets the same --files-dir, as docs/deployment.md asks of several replicas.
        return toolport_stack.server_command(
            self.binary, port, self.database_url, self.sandbox_url,
            "--db-pool-size", str(self.pool_size), "--db-timeout", str(self.db_timeout), "--files-dir", str(self.workdir / "files"),
            *extra)

    def environment(self, master_key: str | None = None) -> dict[str, str]:
        """The replicas' environment; `master_key` replaces the shared key, and "" leaves the variable unset."""
        environment = toolport_stack.server_environment(API_KEY)
        key = self.master_key if master_key is None else master_key
        if key:
            environment["TOOLPORT_MASTER_KEY"] = key
        return environment

    def launch(self, name: str, *extra: str, master_key: str | None = None) -> Replica:
        """Starts replica `name` without waiting for it."""
        port = toolport_stack.free_port()
        log = self._open_log(f"replica-{name}")
        process = subprocess.Popen(self.command(port, *extra), stdout=log, stderr=subprocess.STDOUT,
                                   env=self.environment(master_key))
        replica = Replica(name, process, f"http://127.0.0.1:{port}", self.workdir / f"replica-{name}.log")
        self.replicas[name] = replica
        return replica

    def wait_ready(self, replica: Replica, timeout: float = 120) -> None:
        """Waits until `GET /readyz` answers 200; fails with the replica's log if it exits or never does."""
        deadline = time.monotonic() + timeout
        last = "no answer"
        while time.monotonic() < deadline:
            if not replica.alive():
                raise AssertionError(f"{replica} exited with {replica.process.returncode} before it was ready:\n"
                                     f"{replica.log(60)}")
            try:
                status, _, body = replica.api("GET", "/readyz", api_key=None, timeout=5)
                if status == 200:
                    return
                last = f"HTTP {status} {body[:200]!r}"
            except OSError as error:
                last = repr(error)
            time.sleep(0.1)
        raise AssertionError(f"{replica} was not ready within {timeout}s (last: {last}):\n{replica.log(60)}")

    def start(self, name: str, *extra: str) -> Replica:
        replica = self.launch(name, *extra)
        self.wait_ready(replica)
        return replica

    def sandbox(self, method: str, path: str, body: object | bytes | None = None, **options):
        return call(self.sandbox_url, method, path, body, api_key=None, **options)

    def sandbox_stats(self) -> dict:
        return expect(self.sandbox("GET", "/_sandbox/stats"), 200)

    def sandbox_requests(self) -> list[dict]:
        return expect(self.sandbox("GET", "/_sandbox/requests"), 200)

    def close(self) -> None:
        toolport_stack.stop([replica.process for replica in self.replicas.values()] + self.others)
        for handle in self._log_files:
            handle.close()
        for label in [label for label, path in LOGS.items() if path.parent == self.workdir]:
            del LOGS[label]


@contextlib.contextmanager
def replicas_a_and_b(workdir: Path, database_url: str, **options):
    """A `Deployment` (with `options`) whose replicas A and B are started and ready; closed on exit."""
    running = Deployment(workdir, database_url, **options)
    try:
        running.start("A")
        running.start("B")
        yield running
    finally:
        running.close()


# ---------------------------------------------------------------------------------------------------
# Accounts through the API


def create_auth_config(replica: Replica, scheme: str, credentials: dict | None = None) -> str:
    created = expect(replica.api("POST", f"{API}/auth_configs", {
        "toolkit": {"slug": "pipedrive"},
        "auth_config": {"type": "use_custom_auth", "authScheme": scheme, "credentials": credentials or {}}}), 201)
    return created["auth_config"]["id"]


def create_oauth_config(replica: Replica) -> str:
    return create_auth_config(replica, "OAUTH2", {"client_id": toolport_stack.SANDBOX_CLIENT_ID,
                                                  "client_secret": toolport_stack.SANDBOX_CLIENT_SECRET})


def connect_api_token(replica: Replica, config_id: str, user_id: str, **options):
    """POST /connected_accounts with the sandbox's API token: the raw answer."""
    return replica.api("POST", f"{API}/connected_accounts", {
        "auth_config": {"id": config_id},
        "connection": {"user_id": user_id, "state": {"authScheme": "API_KEY",
                                                     "val": {"generic_api_key": toolport_stack.SANDBOX_TOKEN}}}},
        **options)


def account(replica: Replica, account_id: str) -> dict:
    return expect(replica.api("GET", f"{API}/connected_accounts/{account_id}"), 200)


def execute(replica: Replica, account_id: str, slug: str = CALL_TOOL, arguments: dict | None = None,
            timeout: float = 60) -> tuple[int, dict | None]:
    """Runs a tool with `account_id`: (HTTP status, decoded body)."""
    answer = replica.api("POST", f"{API}/tools/execute/{slug}",
                         {"arguments": arguments or {}, "connected_account_id": account_id}, timeout=timeout)
    return answer[0], decoded(answer)


def bearer_tokens(requests: list[dict], path_part: str = "/users/me") -> list[str]:
    """The bearer tokens of the recorded sandbox requests whose path contains `path_part`, in order."""
    tokens = []
    for request in requests:
        if path_part not in request.get("path", ""):
            continue
        headers = {name.lower(): value for name, value in (request.get("headers") or {}).items()}
        authorization = headers.get("authorization", "")
        tokens.append(authorization[7:] if authorization.lower().startswith("bearer ") else f"<{authorization!r}>")
    return tokens
