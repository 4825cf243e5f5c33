#!/usr/bin/env python3
"""kill -9 crash safety: no acknowledged write is ever lost, and the SQLite file stays sound.

Each round runs a writer load (``--threads`` threads creating API-key auth configs and connected accounts with
per-account secret tokens) against ``toolport serve``, records every write the server acknowledged with a 2xx,
and ``kill -9``s the server at a random moment (``--min-delay``..``--max-delay`` seconds after the load starts).
Then, before the restart, the database file is opened read-only with python's sqlite3 (``PRAGMA
integrity_check`` must say ``ok``, ``PRAGMA foreign_key_check`` must be empty, and every acknowledged row must be
in the file); the server is restarted on the same database and key file, and every acknowledged write is read
back through the API (fields compared; account tokens must come back masked as ``****`` + their last four
characters, never in clear). Writes that were in flight when the server died may or may not be stored: they
are counted and resolved (stored or not), never errors.

    python3 bench/crash_safety.py                      # 20 rounds, .build/release/toolport if built, else debug
    python3 bench/crash_safety.py --rounds 5 --binary .build/debug/toolport --json crash.json

Prints a Markdown summary on stdout; exits 1 when an acknowledged write is lost or changed, the file fails a
check, the server fails to come back, or it answers an error it should not.
"""
from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import os
import random
import secrets
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.request import pathname2url

from _common import (Client, default_binary, markdown_table, median, toolport_stack, wait_healthy,
                     write_json)

HOST = "127.0.0.1"
API = "/api/v3.1"


class RoundLedger:
    """What one round's writers saw; shared by the writer threads."""

    def __init__(self, round_number: int):
        self.round = round_number
        self.lock = threading.Lock()
        self.configs: list[dict] = []      # acknowledged auth configs
        self.accounts: list[dict] = []     # acknowledged connected accounts
        self.in_flight: list[dict] = []    # writes that failed because the server died under them
        self.errors: list[dict] = []       # answers or failures that should not happen
        self.attempts = 0

    def add(self, bucket: str, item: dict) -> None:
        with self.lock:
            getattr(self, bucket).append(item)


class Writer(threading.Thread):
    """Creates an auth config, then two connected accounts (one on it, one on an earlier one), until stopped."""

    def __init__(self, index: int, port: int, ledger: RoundLedger, stop: threading.Event, rng_seed: int):
        super().__init__(name=f"writer-{index}", daemon=True)
        self.index, self.ledger, self.stop = index, ledger, stop
        self.client = Client(HOST, port, timeout=15)
        self.rng = random.Random(rng_seed)
        self.my_configs: list[str] = []

    def run(self) -> None:
        try:
            sequence = 0
            while not self.stop.is_set():
                sequence += 1
                config_id = self.create_config(sequence)
                if config_id is False:
                    return
                for slot in range(2):
                    if not self.my_configs:
                        break
                    target = config_id if slot == 0 and config_id else self.rng.choice(self.my_configs)
                    if self.create_account(sequence, slot, target) is False:
                        return
        finally:
            self.client.close()

    def attempt(self, kind: str, key: str, body: dict, path: str):
        """The parsed 2xx answer; None for a refused write (recorded as an error); False once the server is gone."""
        if self.stop.is_set():
            return False
        with self.ledger.lock:
            self.ledger.attempts += 1
        started = time.monotonic()
        try:
            status, payload = self.client.request("POST", API + path, body)
        except (OSError, http.client.HTTPException) as failure:
            record = {"kind": kind, "key": key, "error": type(failure).__name__, "started": started,
                      "thread": self.index}
            if self.stop.is_set():
                self.ledger.add("in_flight", record)
            else:
                self.ledger.add("errors", dict(record, detail=str(failure)[:200], phase="load"))
            return False
        if 200 <= status < 300:
            try:
                return json.loads(payload)
            except ValueError:
                self.ledger.add("errors", {"kind": kind, "key": key, "status": status, "phase": "load",
                                           "detail": "2xx answer is not JSON: " + payload[:200].decode(errors="replace")})
                return None
        self.ledger.add("errors", {"kind": kind, "key": key, "status": status, "phase": "load",
                                   "detail": payload[:300].decode(errors="replace")})
        return None

    def create_config(self, sequence: int):
        name = f"crash-r{self.ledger.round:02d}-t{self.index}-{sequence}-{secrets.token_hex(4)}"
        body = {"toolkit": {"slug": "pipedrive"},
                "auth_config": {"type": "use_custom_auth", "authScheme": "API_KEY", "name": name, "credentials": {}}}
        answer = self.attempt("auth_config", name, body, "/auth_configs")
        if answer is False or answer is None:
            return answer
        config_id = (answer.get("auth_config") or {}).get("id")
        if not isinstance(config_id, str) or not config_id.startswith("ac_"):
            self.ledger.add("errors", {"kind": "auth_config", "key": name, "phase": "load",
                                       "detail": f"201 without an ac_ id: {answer}"[:300]})
            return None
        self.ledger.add("configs", {"id": config_id, "name": name, "round": self.ledger.round})
        self.my_configs.append(config_id)
        return config_id

    def create_account(self, sequence: int, slot: int, config_id: str):
        user_id = f"crash-user-r{self.ledger.round:02d}-t{self.index}-{sequence}-{slot}-{secrets.token_hex(3)}"
        token = "tok_" + secrets.token_hex(14)
        alias = "alias-" + secrets.token_hex(4)
        subdomain = "sub" + secrets.token_hex(3)
        body = {"auth_config": {"id": config_id},
                "connection": {"user_id": user_id, "alias": alias,
                               "state": {"authScheme": "API_KEY", "val": {"generic_api_key": token, "subdomain": subdomain}}}}
        answer = self.attempt("connected_account", user_id, body, "/connected_accounts")
        if answer is False or answer is None:
            return answer
        account_id = answer.get("id")
        if not isinstance(account_id, str) or not account_id.startswith("ca_") or answer.get("status") != "ACTIVE":
            self.ledger.add("errors", {"kind": "connected_account", "key": user_id, "phase": "load",
                                       "detail": f"unexpected creation answer: {answer}"[:300]})
            return None
        self.ledger.add("accounts", {"id": account_id, "user_id": user_id, "auth_config_id": config_id, "alias": alias,
                                     "subdomain": subdomain, "token": token, "round": self.ledger.round})
        return account_id


class Server:
    """`toolport serve` on a fixed port and database, started and killed by this script."""

    def __init__(self, binary: Path, port: int, database: Path, sandbox_url: str, log_path: Path):
        # Each account gets a token of its own, which the sandbox does not know: connections are not verified
        # with Pipedrive here (that is Tests/boundary's subject), so every write is only a database write.
        self.command = toolport_stack.server_command(binary, port, database, sandbox_url, "--verify-connections=false")
        self.port, self.log_path = port, log_path
        self.process: subprocess.Popen | None = None

    def start(self) -> float:
        """Starts the server; returns the seconds from spawn to a healthy /healthz."""
        with open(self.log_path, "a") as log:
            log.write(f"\n==== start {time.strftime('%H:%M:%S')} ====\n")
            log.flush()
            self.process = subprocess.Popen(self.command, stdout=log, stderr=log, env=toolport_stack.server_environment())
        return wait_healthy(HOST, self.port, self.process, timeout=60)

    def kill(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            toolport_stack.stop([self.process])


def read_only(database: Path) -> sqlite3.Connection:
    """A read-only connection: it reads the -wal the server left but never checkpoints or removes it."""
    return sqlite3.connect(f"file:{pathname2url(str(database))}?mode=ro", uri=True, timeout=10)


def file_checks(database: Path, configs: list[dict], accounts: list[dict]) -> dict:
    """Read-only checks of the file the killed server left (its -wal included), before anything reopens it:
    integrity, foreign keys, and every acknowledged row (`configs`, `accounts`: this round's and earlier ones)."""
    wal = Path(str(database) + "-wal")
    result = {"wal_bytes": wal.stat().st_size if wal.exists() else 0}
    connection = read_only(database)
    try:
        result["journal_mode"] = connection.execute("PRAGMA journal_mode").fetchone()[0]
        result["integrity_check"] = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        result["foreign_key_check"] = [list(row) for row in connection.execute("PRAGMA foreign_key_check")]
        stored_configs: dict[str, tuple] = {}
        stored_accounts: dict[str, tuple] = {}
        config_ids = [item["id"] for item in configs]
        account_ids = [item["id"] for item in accounts]
        for start in range(0, len(config_ids), 500):
            chunk = config_ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for row in connection.execute(f"SELECT id, name, auth_scheme FROM auth_configs WHERE id IN ({marks})", chunk):
                stored_configs[row[0]] = row
        for start in range(0, len(account_ids), 500):
            chunk = account_ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            query = (f"SELECT id, user_id, auth_config_id, alias, subdomain, status, length(secrets) "
                     f"FROM connected_accounts WHERE id IN ({marks})")
            for row in connection.execute(query, chunk):
                stored_accounts[row[0]] = row
        missing, changed = [], []
        for item in configs:
            row = stored_configs.get(item["id"])
            if row is None:
                missing.append({"kind": "auth_config", "id": item["id"], "round": item["round"]})
            elif row[1] != item["name"] or row[2] != "API_KEY":
                changed.append({"id": item["id"], "row": list(row)})
        for item in accounts:
            row = stored_accounts.get(item["id"])
            if row is None:
                missing.append({"kind": "connected_account", "id": item["id"], "round": item["round"]})
            elif (row[1], row[2], row[3], row[4], row[5]) != (item["user_id"], item["auth_config_id"], item["alias"],
                                                             item["subdomain"], "ACTIVE") or not row[6]:
                changed.append({"id": item["id"], "row": list(row)})
        result["missing_in_file"] = missing
        result["changed_in_file"] = changed
        result["rows_in_file"] = {
            "auth_configs": connection.execute("SELECT count(*) FROM auth_configs").fetchone()[0],
            "connected_accounts": connection.execute("SELECT count(*) FROM connected_accounts").fetchone()[0],
        }
    finally:
        connection.close()
    result["integrity_ok"] = result["integrity_check"] == ["ok"] and not result["foreign_key_check"]
    return result


def masked(token: str) -> str:
    """The documented mask (docs/accounts.md): `****` + the last four characters (tokens of 12 or more)."""
    return "****" + token[-4:]


def verify_config(client: Client, item: dict) -> str | None:
    """None when the server returns the acknowledged auth config unchanged, else what is wrong."""
    status, payload = client.request("GET", f"{API}/auth_configs/{item['id']}")
    if status == 404:
        return "lost"
    if status != 200:
        return f"HTTP {status}: {payload[:200].decode(errors='replace')}"
    body = json.loads(payload)
    expected = {"id": item["id"], "name": item["name"], "auth_scheme": "API_KEY", "status": "ENABLED"}
    actual = {key: body.get(key) for key in expected}
    if actual != expected or (body.get("toolkit") or {}).get("slug") != "pipedrive" or body.get("credentials") != {}:
        return f"fields differ: {actual} toolkit={body.get('toolkit')} credentials={body.get('credentials')}"
    return None


def verify_account(client: Client, item: dict) -> str | None:
    """None when the server returns the acknowledged account unchanged and its token masked, else what is wrong."""
    status, payload = client.request("GET", f"{API}/connected_accounts/{item['id']}")
    if status == 404:
        return "lost"
    if status != 200:
        return f"HTTP {status}: {payload[:200].decode(errors='replace')}"
    if item["token"].encode() in payload or item["token"][4:].encode() in payload:
        return "the secret token appears in clear in the answer"
    body = json.loads(payload)
    problems = []
    for key, value in (("id", item["id"]), ("user_id", item["user_id"]), ("status", "ACTIVE"), ("alias", item["alias"]),
                       ("is_disabled", False)):
        if body.get(key) != value:
            problems.append(f"{key}={body.get(key)!r} (expected {value!r})")
    if (body.get("auth_config") or {}).get("id") != item["auth_config_id"]:
        problems.append(f"auth_config.id={(body.get('auth_config') or {}).get('id')!r}")
    if (body.get("auth_config") or {}).get("auth_scheme") != "API_KEY":
        problems.append(f"auth_config.auth_scheme={(body.get('auth_config') or {}).get('auth_scheme')!r}")
    state = body.get("state") or {}
    for where, value in (("state.val", state.get("val") or {}), ("data", body.get("data") or {})):
        if value.get("token") != masked(item["token"]):
            problems.append(f"{where}.token={value.get('token')!r} (expected {masked(item['token'])!r})")
        if value.get("subdomain") != item["subdomain"]:
            problems.append(f"{where}.subdomain={value.get('subdomain')!r}")
    return "; ".join(problems) or None


def verify_all(port: int, configs: list[dict], accounts: list[dict], threads: int) -> dict:
    """Reads every acknowledged write back through the API, `threads` keep-alive connections at a time."""
    local = threading.local()

    def client() -> Client:
        if not hasattr(local, "client"):
            local.client = Client(HOST, port, timeout=30)
        return local.client

    def check(kind_item):
        kind, item = kind_item
        try:
            problem = (verify_config if kind == "auth_config" else verify_account)(client(), item)
        except (OSError, http.client.HTTPException, ValueError) as failure:
            problem = f"{type(failure).__name__}: {failure}"
        return kind, item, problem

    work = [("auth_config", item) for item in configs] + [("connected_account", item) for item in accounts]
    lost, changed = [], []
    with ThreadPoolExecutor(max_workers=threads) as pool:
        for kind, item, problem in pool.map(check, work):
            if problem == "lost":
                lost.append({"kind": kind, "id": item["id"], "round": item["round"]})
            elif problem:
                changed.append({"kind": kind, "id": item["id"], "round": item["round"], "problem": problem})
    return {"checked": len(work), "lost": lost, "changed": changed}


def resolve_in_flight(client: Client, in_flight: list[dict]) -> dict:
    """Whether each write that died with the server was stored after all (either outcome is correct)."""
    stored = not_stored = unknown = 0
    for item in in_flight:
        try:
            if item["kind"] == "auth_config":
                status, payload = client.request("GET", f"{API}/auth_configs?search={item['key']}&limit=10")
                names = [entry.get("name") for entry in json.loads(payload).get("items", [])] if status == 200 else None
                found = None if names is None else item["key"] in names
            else:
                status, payload = client.request("GET", f"{API}/connected_accounts?user_ids={item['key']}&limit=10")
                found = None if status != 200 else bool(json.loads(payload).get("items"))
        except (OSError, http.client.HTTPException, ValueError):
            found = None
        item["stored_after_restart"] = found
        if found is None:
            unknown += 1
        elif found:
            stored += 1
        else:
            not_stored += 1
    return {"stored": stored, "not_stored": not_stored, "unknown": unknown}


def health_probe(client: Client, round_number: int) -> tuple[list[str], dict | None]:
    """After a restart: lists answer 200 and a new write works. Returns problems and the probe auth config."""
    problems = []
    for path in (f"{API}/auth_configs?limit=5", f"{API}/connected_accounts?limit=5", f"{API}/toolkits/pipedrive",
                 f"{API}/tools?toolkit_slug=pipedrive&limit=5"):
        status, payload = client.request("GET", path)
        if status != 200:
            problems.append(f"GET {path}: HTTP {status} {payload[:160].decode(errors='replace')}")
    name = f"crash-probe-r{round_number:02d}-{secrets.token_hex(4)}"
    status, payload = client.request("POST", f"{API}/auth_configs", {
        "toolkit": {"slug": "pipedrive"},
        "auth_config": {"type": "use_custom_auth", "authScheme": "API_KEY", "name": name, "credentials": {}}})
    probe = None
    if status == 201:
        probe = {"id": json.loads(payload)["auth_config"]["id"], "name": name, "round": round_number}
    else:
        problems.append(f"POST auth_configs after restart: HTTP {status} {payload[:160].decode(errors='replace')}")
    return problems, probe


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""


def run(arguments) -> tuple[dict, bool]:
    binary = default_binary(arguments.binary)
    seed = arguments.seed if arguments.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    workdir = Path(arguments.workdir or tempfile.mkdtemp(prefix="toolport-crash-"))
    workdir.mkdir(parents=True, exist_ok=True)
    database = workdir / "toolport.sqlite"
    key_file = Path(str(database) + ".key")
    log_path = workdir / "processes.log"
    port = arguments.port or toolport_stack.free_port()
    print(f"crash_safety: binary={binary} workdir={workdir} port={port} seed={seed} rounds={arguments.rounds}",
          file=sys.stderr)

    started = time.monotonic()
    with open(log_path, "a") as log:
        sandbox, sandbox_url = toolport_stack.start_sandbox(binary, log)
    server = Server(binary, port, database, sandbox_url, log_path)
    rounds: list[dict] = []
    all_configs: list[dict] = []
    all_accounts: list[dict] = []
    failures: list[str] = []
    first_start = final = clean_integrity = None
    lost_ever: set[str] = set()
    try:
        first_start = server.start()
        key_digest = file_digest(key_file)
        if not key_digest:
            failures.append(f"the server kept no key file at {key_file}")
        for number in range(1, arguments.rounds + 1):
            ledger = RoundLedger(number)
            stop = threading.Event()
            writers = [Writer(index, port, ledger, stop, rng.randrange(1 << 30)) for index in range(arguments.threads)]
            delay = rng.uniform(arguments.min_delay, arguments.max_delay)
            load_started = time.monotonic()
            for writer in writers:
                writer.start()
            time.sleep(max(0.0, load_started + delay - time.monotonic()))
            stop.set()
            killed_at = time.monotonic()
            server.kill()
            for writer in writers:
                writer.join(timeout=30)
            stuck = sum(writer.is_alive() for writer in writers)
            result = {"round": number, "kill_after_s": round(killed_at - load_started, 3), "attempts": ledger.attempts,
                      "acked_auth_configs": len(ledger.configs), "acked_accounts": len(ledger.accounts),
                      "acked_total": len(ledger.configs) + len(ledger.accounts),
                      "in_flight_failed": len(ledger.in_flight),
                      "in_flight_errors": sorted({item["error"] for item in ledger.in_flight}),
                      "load_errors": ledger.errors[:20], "load_error_count": len(ledger.errors),
                      "writers_stuck": stuck}
            problems = [f"{len(ledger.errors)} error answers during the load"] if ledger.errors else []
            if stuck:
                problems.append(f"{stuck} writer threads did not stop")

            checks = file_checks(database, all_configs + ledger.configs, all_accounts + ledger.accounts)
            result["file"] = {key: value for key, value in checks.items() if key not in ("missing_in_file", "changed_in_file")}
            result["file"]["rows_checked"] = len(all_configs) + len(all_accounts) + result["acked_total"]
            result["file"]["missing_in_file"] = len(checks["missing_in_file"])
            result["file"]["missing_ids"] = checks["missing_in_file"][:20]
            result["file"]["changed_in_file"] = checks["changed_in_file"][:20]
            if not checks["integrity_ok"]:
                problems.append(f"integrity_check={checks['integrity_check'][:5]} foreign_key_check={checks['foreign_key_check'][:5]}")
            if checks["missing_in_file"] or checks["changed_in_file"]:
                problems.append(f"{len(checks['missing_in_file'])} acknowledged rows missing from the file, "
                                f"{len(checks['changed_in_file'])} changed")
            if problems and arguments.keep_evidence:
                evidence = workdir / f"evidence-round-{number:02d}"
                evidence.mkdir(exist_ok=True)
                for suffix in ("", "-wal", "-shm"):
                    source = Path(str(database) + suffix)
                    if source.exists():
                        shutil.copy2(source, evidence / source.name)

            if file_digest(key_file) != key_digest:
                problems.append("the key file changed")
            try:
                result["restart_s"] = round(server.start(), 3)
            except RuntimeError as failure:
                result["restart_s"] = None
                problems.append(f"restart failed: {failure}")
                result["problems"] = problems
                rounds.append(result)
                failures.extend(f"round {number}: {problem}" for problem in problems)
                break

            all_configs.extend(ledger.configs)
            all_accounts.extend(ledger.accounts)
            verification = verify_all(port, ledger.configs, ledger.accounts, arguments.threads)
            result["verified"] = verification["checked"]
            lost_ids = {item["id"] for item in verification["lost"]} | {item["id"] for item in checks["missing_in_file"]}
            result["lost"] = len(lost_ids)
            lost_ever |= lost_ids
            result["lost_via_api"] = len(verification["lost"])
            result["changed"] = len(verification["changed"])
            result["lost_ids"] = verification["lost"][:20]
            result["changed_items"] = verification["changed"][:20]
            if verification["lost"] or verification["changed"]:
                problems.append(f"{len(verification['lost'])} acknowledged writes lost, {len(verification['changed'])} changed")
            client = Client(HOST, port)
            try:
                result["in_flight_resolution"] = resolve_in_flight(client, ledger.in_flight)
                result["in_flight_sample"] = [{key: value for key, value in item.items() if key != "started"}
                                              for item in ledger.in_flight[:8]]
                health_problems, probe = health_probe(client, number)
            except (OSError, http.client.HTTPException, ValueError) as failure:
                health_problems, probe = [f"health probe failed: {type(failure).__name__}: {failure}"], None
            finally:
                client.close()
            if probe:
                all_configs.append(probe)
            result["healthy"] = not health_problems
            problems.extend(health_problems)
            result["problems"] = problems
            failures.extend(f"round {number}: {problem}" for problem in problems)
            rounds.append(result)
            print(f"round {number:2d}: kill after {result['kill_after_s']:.2f}s, acked {result['acked_total']:4d} "
                  f"(in flight {result['in_flight_failed']}), lost {result['lost']}, "
                  f"integrity {'ok' if checks['integrity_ok'] else 'FAILED'}, restart {result['restart_s']:.2f}s",
                  file=sys.stderr)

        if server.process is not None and server.process.poll() is None and not arguments.skip_final_verify:
            # Everything acknowledged in every round, once more after the last restart.
            final = verify_all(port, all_configs, all_accounts, arguments.threads)
            lost_ever |= {item["id"] for item in final["lost"]}
            if final["lost"] or final["changed"]:
                failures.append(f"final check: {len(final['lost'])} lost, {len(final['changed'])} changed")
        server.stop()
        # A clean shutdown must leave a sound file too.
        clean = read_only(database)
        try:
            clean_integrity = [row[0] for row in clean.execute("PRAGMA integrity_check")]
        finally:
            clean.close()
        if clean_integrity != ["ok"]:
            failures.append(f"integrity after a clean stop: {clean_integrity[:5]}")
    finally:
        server.stop()
        toolport_stack.stop([sandbox])

    restarts = [item["restart_s"] for item in rounds if item.get("restart_s") is not None]
    acked = [item["acked_total"] for item in rounds]
    report = {
        "binary": str(binary), "seed": seed, "threads": arguments.threads, "rounds_requested": arguments.rounds,
        "rounds": len(rounds), "kill_delay_range_s": [arguments.min_delay, arguments.max_delay],
        "sqlite_module_version": sqlite3.sqlite_version,
        "first_start_s": None if first_start is None else round(first_start, 3),
        "acked_writes_total": sum(acked),
        "acked_auth_configs_total": sum(item["acked_auth_configs"] for item in rounds),
        "acked_accounts_total": sum(item["acked_accounts"] for item in rounds),
        "acked_per_round": {"min": min(acked, default=0), "median": median(acked), "max": max(acked, default=0)},
        "lost_total": len(lost_ever),
        "lost_via_api": sum(item.get("lost_via_api", 0) for item in rounds),
        "missing_in_file_before_restart": sum(item["file"]["missing_in_file"] for item in rounds),
        "changed_total": sum(item.get("changed", 0) for item in rounds),
        "integrity_ok_rounds": sum(1 for item in rounds if item["file"]["integrity_ok"]),
        "restart_to_healthy_s": {"median": median(restarts), "max": max(restarts, default=None),
                                 "min": min(restarts, default=None)},
        "in_flight_failed_total": sum(item["in_flight_failed"] for item in rounds),
        "in_flight_stored_after_restart": sum(item.get("in_flight_resolution", {}).get("stored", 0) for item in rounds),
        "in_flight_not_stored": sum(item.get("in_flight_resolution", {}).get("not_stored", 0) for item in rounds),
        "load_errors_total": sum(item["load_error_count"] for item in rounds),
        "final_verification": None if final is None else {"checked": final["checked"], "lost": len(final["lost"]),
                                                          "changed": len(final["changed"])},
        "clean_stop_integrity": clean_integrity,
        "elapsed_s": round(time.monotonic() - started, 1),
        "failures": failures,
        "per_round": rounds,
        "workdir": str(workdir),
    }
    passed = not failures and len(rounds) == arguments.rounds
    report["passed"] = passed
    if passed and not arguments.workdir and not arguments.keep:
        shutil.rmtree(workdir, ignore_errors=True)
        report["workdir"] = None
    return report, passed


def markdown(report: dict) -> str:
    restart = report["restart_to_healthy_s"]
    fmt = lambda value: "n/a" if value is None else f"{value:.3f} s"  # noqa: E731
    lines = [
        f"## kill -9 crash safety: {'PASS' if report['passed'] else 'FAIL'}",
        "",
        f"Binary `{report['binary']}`, {report['threads']} writer threads, kill after "
        f"{report['kill_delay_range_s'][0]}–{report['kill_delay_range_s'][1]} s, seed {report['seed']}, "
        f"{report['elapsed_s']} s in all.",
        "",
        markdown_table(["measure", "value"], [
            ["rounds", f"{report['rounds']} / {report['rounds_requested']}"],
            ["acknowledged writes (auth configs + accounts)",
             f"{report['acked_writes_total']} ({report['acked_auth_configs_total']} + {report['acked_accounts_total']})"],
            ["acknowledged per round (min / median / max)",
             f"{report['acked_per_round']['min']} / {report['acked_per_round']['median']} / {report['acked_per_round']['max']}"],
            ["acknowledged writes lost", f"**{report['lost_total']}** (API after restart: {report['lost_via_api']}, "
             f"file before restart: {report['missing_in_file_before_restart']})"],
            ["acknowledged writes changed", report["changed_total"]],
            ["integrity_check ok + foreign_key_check empty", f"{report['integrity_ok_rounds']} / {report['rounds']} rounds"],
            ["restart to healthy (median / max)", f"{fmt(restart['median'])} / {fmt(restart['max'])}"],
            ["in-flight writes failed at the kill (expected)",
             f"{report['in_flight_failed_total']} (stored after all: {report['in_flight_stored_after_restart']}, "
             f"not stored: {report['in_flight_not_stored']})"],
            ["error answers during the load", report["load_errors_total"]],
            ["final re-read of every acknowledged write",
             "skipped" if not report["final_verification"] else
             f"{report['final_verification']['checked']} read, {report['final_verification']['lost']} lost, "
             f"{report['final_verification']['changed']} changed"],
            ["integrity after a clean stop", ", ".join(report["clean_stop_integrity"] or ["n/a"])],
        ]),
        "",
        markdown_table(["round", "kill after", "acked", "in flight failed", "WAL at kill", "integrity", "lost", "restart"], [
            [item["round"], f"{item['kill_after_s']:.2f} s", item["acked_total"], item["in_flight_failed"],
             f"{item['file']['wal_bytes'] // 1024} KiB", "ok" if item["file"]["integrity_ok"] else "FAIL",
             item.get("lost", "n/a"), fmt(item.get("restart_s"))]
            for item in report["per_round"]
        ]),
    ]
    if report["failures"]:
        lines += ["", "### Failures", ""] + [f"- {failure}" for failure in report["failures"][:50]]
        if report.get("workdir"):
            lines.append(f"- files kept in `{report['workdir']}`")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--threads", type=int, default=8, help="writer threads (default 8)")
    parser.add_argument("--min-delay", type=float, default=0.2, help="earliest kill, seconds after the load starts")
    parser.add_argument("--max-delay", type=float, default=1.5, help="latest kill, seconds after the load starts")
    parser.add_argument("--binary", help="the toolport binary (default: .build/release/toolport if built, else debug)")
    parser.add_argument("--port", type=int, help="fixed server port (default: a free one)")
    parser.add_argument("--workdir", help="where the database lives (default: a temporary directory)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory even when the run passes")
    parser.add_argument("--no-evidence", dest="keep_evidence", action="store_false",
                        help="do not copy the database files of a failed round")
    parser.add_argument("--skip-final-verify", action="store_true", help="skip re-reading every write at the end")
    parser.add_argument("--seed", type=int, help="random seed (kill delays), printed for reproduction")
    parser.add_argument("--json", help="write the full report (per-round details included) here")
    arguments = parser.parse_args()
    if arguments.rounds < 1 or arguments.threads < 1 or not 0 <= arguments.min_delay <= arguments.max_delay:
        parser.error("need --rounds >= 1, --threads >= 1 and 0 <= --min-delay <= --max-delay")
    report, passed = run(arguments)
    write_json(arguments.json, report)
    print(markdown(report))
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
