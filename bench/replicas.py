#!/usr/bin/env python3
"""What PostgreSQL and a second replica cost or buy, against one replica on SQLite.

Three setups, each with a fresh database and a fresh `toolport sandbox` (latency 0), on loopback:

  sqlite        one `toolport serve` on a SQLite file
  postgres      one `toolport serve` on PostgreSQL (a throwaway cluster from scripts/postgres-cluster.sh)
  postgres x2   two `toolport serve` on the same PostgreSQL database, the load split evenly between them

and three workloads per setup, each `--runs` runs of `--duration` s with wrk (64 connections in all):

  execute   POST /api/v3.1/tools/execute/PIPEDRIVE_GET_CURRENT_USER_DATA with a user_id that has an
            API-token connected account (account lookup, cached up to 1 s per replica; the execution
            log, written in batches)
  read      GET /api/v3.1/connected_accounts?user_ids=… (one database read per request, no cache)
  write     POST /api/v3.1/connected_accounts (a new API-token account per request)

With two replicas, two wrk processes (-t1 -c32 each) run at once, one per replica. The setups run side by
side and their runs are interleaved (round after round, every workload on every setup once), so a drift of
the machine's speed does not favour one setup; before each run the script waits for the machine to be idle,
and runs again a run during which other programs used more than --max-other cores. The report keeps
each number's median over the runs, the RSS of every replica afterwards, the CPU each process used and
what the replicas logged at warning level or above.

    python3 bench/replicas.py --json .build/bench/replicas.json --docs docs/performance.md

With --docs, only the section between `<!-- replicas:begin -->` and `<!-- replicas:end -->` is
replaced (appended when missing); the rest of the file (bench/performance.py's) is left as it is.
"""
from __future__ import annotations

import argparse
import base64
import datetime
import json
import os
import re
import resource
import secrets
import shutil
import subprocess
import tempfile
import time
import urllib.parse
from pathlib import Path

from _common import REPOSITORY, default_binary, markdown_table, median, toolport_stack, write_json
from performance import machine, parse_duration, rss_kb

CLUSTER_SCRIPT = REPOSITORY / "scripts" / "postgres-cluster.sh"
API = "/api/v3.1"
EXECUTE_TOOL = "PIPEDRIVE_GET_CURRENT_USER_DATA"  # GET /api/v1/users/me on the sandbox
USER = "bench-user"      # the account the execute and read workloads use
WRITER = "bench-writer"  # the user the write workload creates accounts for
BEGIN, END = "<!-- replicas:begin -->", "<!-- replicas:end -->"
WORKLOADS = {
    "execute": f"tool execution (`POST {API}/tools/execute/{EXECUTE_TOOL}`, user_id)",
    "read": f"database read (`GET {API}/connected_accounts?user_ids=…`)",
    "write": f"database write (`POST {API}/connected_accounts`, new account)",
}
SETUPS = {"sqlite": "1 × SQLite", "postgres": "1 × PostgreSQL", "postgres x2": "2 × PostgreSQL"}
# Lines of a replica's log worth reporting: Swift Log's levels from warning up, and anything naming a
# failure of the database or its pool.
NOTEWORTHY = re.compile(r"\b(warning|error|critical)\b|timed? ?out|exhaust|too many|refused|unavailable|FATAL",
                        re.IGNORECASE)


# ---------------------------------------------------------------------------------------------------
# PostgreSQL


def cluster(command: str, directory: Path) -> str:
    """`scripts/postgres-cluster.sh COMMAND DIR`; its stdout (the URL for start)."""
    result = subprocess.run([str(CLUSTER_SCRIPT), command, str(directory)], capture_output=True, text=True,
                            timeout=900)
    if result.returncode != 0:
        raise RuntimeError(f"postgres-cluster.sh {command} {directory} exited with {result.returncode}:\n"
                           f"{result.stderr[-3000:]}")
    return result.stdout.strip()


def psql(url: str, sql: str) -> str:
    result = subprocess.run(["psql", url, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql],
                            capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise RuntimeError(f"psql failed for {sql!r}: {result.stderr.strip()}")
    return result.stdout.strip()


def new_database(url: str) -> tuple[str, str]:
    """A new empty database on the cluster of `url`: (its name, its URL)."""
    name = "tp_bench_" + secrets.token_hex(4)
    psql(url, f"CREATE DATABASE {name}")
    parts = urllib.parse.urlsplit(url)
    return name, urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def postmaster_pid(cluster_dir: Path) -> int | None:
    try:
        return int((cluster_dir / "data" / "postmaster.pid").read_text().splitlines()[0])
    except (OSError, ValueError, IndexError):
        return None


# ---------------------------------------------------------------------------------------------------
# Processes: CPU time


TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    """/proc/PID/stat from the field after the command name on (index 0 is the state, 1 the ppid)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def cpu_seconds(pid: int) -> float:
    fields = _stat(pid)
    return (int(fields[11]) + int(fields[12])) / TICKS if fields else 0.0


def machine_busy_seconds() -> float:
    """CPU seconds all cores spent busy (not idle, not waiting for I/O) since boot, from /proc/stat."""
    fields = [int(value) for value in Path("/proc/stat").read_text().splitlines()[0].split()[1:9]]
    return (sum(fields) - fields[3] - fields[4]) / TICKS


def children_cpu_seconds() -> float:
    """CPU seconds of this script's children that have been waited for (wrk, once it exits)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def process_tree_cpu(root: int) -> float:
    """CPU seconds of `root` and its direct children (the postmaster and its backends)."""
    total = cpu_seconds(root)
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if fields and fields[1] == str(root):
                total += (int(fields[11]) + int(fields[12])) / TICKS
    return total


# ---------------------------------------------------------------------------------------------------
# wrk


def wrk_command(url: str, threads: int, connections: int, duration: int, script: Path | None,
                headers: dict[str, str]) -> list[str]:
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    if script:
        command += ["-s", str(script)]
    return command + [url]


class WrkOutputError(RuntimeError):
    pass


def parse_wrk(output: str) -> dict:
    """Requests/s, p50/p99 (seconds), requests, non-2xx and socket errors of one wrk run."""
    distribution = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)$", output, re.MULTILINE))
    if "50" not in distribution or "99" not in distribution or "Requests/sec:" not in output:
        raise WrkOutputError(f"cannot read wrk's output:\n{output}")
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {
        "requests_per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "p50": parse_duration(distribution["50"]),
        "p99": parse_duration(distribution["99"]),
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": sum(map(int, errors.groups())) if errors else 0,
    }


def summarize(samples: list[dict]) -> dict:
    """The median of every number over the runs (element-wise for lists), with every run kept."""
    summary: dict = {}
    for key, value in samples[0].items():
        if key in ("started_at", "ended_at"):
            continue
        if isinstance(value, list):
            summary[key] = [median([sample[key][index] for sample in samples]) for index in range(len(value))]
        elif isinstance(value, dict):
            summary[key] = {name: median([sample[key][name] for sample in samples]) for name in value}
        else:
            summary[key] = median([sample[key] for sample in samples])
    summary["runs"] = samples
    return summary


# ---------------------------------------------------------------------------------------------------
# One setup: a sandbox and N replicas on one database


class Setup:
    def __init__(self, name: str, binary: Path, workdir: Path, database: str, replicas: int, *,
                 postgres_dir: Path | None, pool_size: int, db_timeout: int, database_name: str | None = None):
        self.name, self.binary, self.workdir, self.database = name, binary, workdir, database
        self.database_name = database_name
        self.postgres_dir, self.pool_size, self.db_timeout = postgres_dir, pool_size, db_timeout
        self.master_key = base64.b64encode(secrets.token_bytes(32)).decode() if postgres_dir else None
        self.processes: list[subprocess.Popen] = []
        self.wrk_runs = 0
        self.anomalies: list[str] = []
        self.replicas: list[tuple[subprocess.Popen, str, Path]] = []
        workdir.mkdir(parents=True, exist_ok=True)
        try:
            with open(workdir / "sandbox.log", "a") as log:
                self.sandbox, self.sandbox_url = toolport_stack.start_sandbox(binary, log)
            self.processes.append(self.sandbox)
            for index in range(replicas):
                self.replicas.append(self._start_replica(index))
        except BaseException:
            self.close()
            raise

    def _start_replica(self, index: int) -> tuple[subprocess.Popen, str, Path]:
        port = toolport_stack.free_port()
        extra = ["--db-pool-size", str(self.pool_size), "--db-timeout", str(self.db_timeout)] if self.postgres_dir else []
        environment = toolport_stack.server_environment()
        if self.master_key:
            environment["TOOLPORT_MASTER_KEY"] = self.master_key
        log_path = self.workdir / f"replica-{index}.log"
        with open(log_path, "a") as log:
            process = subprocess.Popen(
                toolport_stack.server_command(self.binary, port, self.database, self.sandbox_url, *extra),
                stdout=log, stderr=subprocess.STDOUT, env=environment)
        self.processes.append(process)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"replica {index} of {self.name} exited with {process.returncode}:\n"
                                   f"{log_path.read_text()[-3000:]}")
            try:
                if toolport_stack.request("GET", url + "/readyz", api_key=None, timeout=5)[0] == 200:
                    return process, url, log_path
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"replica {index} of {self.name} was not ready within 120 s")
            time.sleep(0.05)

    def api(self, index: int, method: str, path: str, body=None, expected: int = 200) -> dict:
        status, _, answer = toolport_stack.request(method, self.replicas[index][1] + path, body)
        if status != expected:
            raise RuntimeError(f"{method} {path} on replica {index} of {self.name}: HTTP {status} {answer[:500]!r}")
        return json.loads(answer)

    def prepare(self) -> None:
        """An API_KEY auth config and an API-token account for USER (as the tests make them), checked on
        every replica; the wrk scripts of the three workloads."""
        config = self.api(0, "POST", f"{API}/auth_configs", {
            "toolkit": {"slug": "pipedrive"},
            "auth_config": {"type": "use_custom_auth", "authScheme": "API_KEY", "credentials": {}}}, 201)
        self.config_id = config["auth_config"]["id"]
        self.account_body = lambda user: {
            "auth_config": {"id": self.config_id},
            "connection": {"user_id": user, "state": {"authScheme": "API_KEY",
                                                      "val": {"generic_api_key": toolport_stack.SANDBOX_TOKEN}}}}
        self.api(0, "POST", f"{API}/connected_accounts", self.account_body(USER), 201)
        execute_body = {"arguments": {}, "user_id": USER}
        for index in range(len(self.replicas)):
            result = self.api(index, "POST", f"{API}/tools/execute/{EXECUTE_TOOL}", execute_body)
            assert result.get("successful"), result
            listed = self.api(index, "GET", f"{API}/connected_accounts?user_ids={USER}")
            assert listed["total_items"] == 1, listed
        self.scripts = {
            "execute": self._lua("execute", "POST", execute_body),
            "write": self._lua("write", "POST", self.account_body(WRITER)),
            "read": None,
        }
        self.paths = {"execute": f"{API}/tools/execute/{EXECUTE_TOOL}", "write": f"{API}/connected_accounts",
                      "read": f"{API}/connected_accounts?user_ids={USER}"}

    def _lua(self, name: str, method: str, body: dict) -> Path:
        script = self.workdir / f"{name}.lua"
        script.write_text(f'wrk.method = "{method}"\nwrk.body = {json.dumps(json.dumps(body))}\n'
                          'wrk.headers["content-type"] = "application/json"\n')
        return script

    def cpu(self) -> dict:
        """CPU seconds so far: all replicas together, PostgreSQL (postmaster and backends), the sandbox, wrk
        (the children waited for), and the whole machine (busy time of every core)."""
        postmaster = postmaster_pid(self.postgres_dir) if self.postgres_dir else None
        return {"toolport": sum(cpu_seconds(process.pid) for process, _, _ in self.replicas),
                "postgres": process_tree_cpu(postmaster) if postmaster else 0.0,
                "sandbox": cpu_seconds(self.sandbox.pid),
                "wrk": children_cpu_seconds(),
                "machine": machine_busy_seconds()}

    def load(self, workload: str, connections: int, duration: int) -> dict:
        """One run: wrk against every replica at once, the connections split evenly."""
        count = len(self.replicas)
        threads = max(1, 2 // count)
        headers = {"x-api-key": toolport_stack.API_KEY}
        before, started, started_at = self.cpu(), time.monotonic(), time.time()
        runs = [subprocess.Popen(wrk_command(url + self.paths[workload], threads, connections // count, duration,
                                             self.scripts[workload], headers),
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for _, url, _ in self.replicas]
        texts = []
        for index, run in enumerate(runs):
            stdout, stderr = run.communicate()
            self.wrk_runs += 1
            (self.workdir / f"wrk-{self.wrk_runs:03d}-{workload}-replica-{index}.txt").write_text(stdout + stderr)
            if run.returncode != 0:
                raise RuntimeError(f"wrk exited with {run.returncode}: {stderr}")
            texts.append(stdout)
        outputs = [parse_wrk(text) for text in texts]
        after, elapsed = self.cpu(), time.monotonic() - started
        cores = {name: (after[name] - before[name]) / elapsed for name in after}
        return {
            "requests_per_second": sum(output["requests_per_second"] for output in outputs),
            "requests": sum(output["requests"] for output in outputs),
            "non_2xx": sum(output["non_2xx"] for output in outputs),
            "socket_errors": sum(output["socket_errors"] for output in outputs),
            "p50": max(output["p50"] for output in outputs),
            "p99": max(output["p99"] for output in outputs),
            "replica_requests_per_second": [output["requests_per_second"] for output in outputs],
            "replica_p50": [output["p50"] for output in outputs],
            "replica_p99": [output["p99"] for output in outputs],
            "started_at": started_at,
            "ended_at": time.time(),
            "cpu_cores": cores | {"other": max(0.0, cores["machine"] - sum(value for name, value in cores.items()
                                                                         if name != "machine"))},
        }

    def load_once_more_on_garbled_output(self, workload: str, connections: int, duration: int) -> dict:
        """`load`, repeated once when wrk's output cannot be read (the failure is kept in `anomalies`)."""
        try:
            return self.load(workload, connections, duration)
        except WrkOutputError as error:
            self.anomalies.append(f"{workload}: wrk's output could not be read, the run was repeated: {error}")
            print(f"  {self.name}: {workload}: unreadable wrk output, repeating the run", flush=True)
            return self.load(workload, connections, duration)

    def written_accounts(self) -> int:
        return self.api(0, "GET", f"{API}/connected_accounts?user_ids={WRITER}&limit=1")["total_items"]

    def noteworthy_log_lines(self) -> dict:
        """Per replica: how many log lines look like trouble, and the first few distinct ones."""
        found = {}
        for index, (_, _, log_path) in enumerate(self.replicas):
            lines = [line for line in log_path.read_text(errors="replace").splitlines() if NOTEWORTHY.search(line)]
            distinct = list(dict.fromkeys(re.sub(r"\d{4}-\d\d-\d\dT[\d:.]+\S*\s*", "", line)[:300] for line in lines))
            found[f"replica {index}"] = {"count": len(lines), "samples": distinct[:5]}
        return found

    def close(self) -> None:
        toolport_stack.stop(self.processes)


def wait_quiet(limit: float, longest: float = 120) -> float:
    """Waits (up to `longest` s) until the machine's cores are busy less than `limit` cores on average over 2 s
    (between runs, the processes of the setup are idle); returns the seconds waited."""
    started = time.monotonic()
    while True:
        before, moment = machine_busy_seconds(), time.monotonic()
        time.sleep(2)
        if (machine_busy_seconds() - before) / (time.monotonic() - moment) < limit or \
                time.monotonic() - started > longest:
            return time.monotonic() - started


def quiet_run(setup: Setup, workload: str, connections: int, duration: int, max_other: float, retries: int,
              discarded: list[dict]) -> dict:
    """One run on a quiet machine: waits for quiet, then runs again (up to `retries` times) while other programs
    used more than `max_other` cores meanwhile; every run thrown away is kept in `discarded`."""
    for attempt in range(retries + 1):
        waited = wait_quiet(max_other)
        run = setup.load_once_more_on_garbled_output(workload, connections, duration)
        run["waited_for_quiet_seconds"] = waited
        if run["cpu_cores"]["other"] <= max_other or attempt == retries:
            return run
        print(f"  {setup.name}: {workload}: other programs used {run['cpu_cores']['other']:.2f} cores, "
              "running again", flush=True)
        discarded.append(run)
    raise AssertionError("unreachable")


def measure(setups: dict[str, Setup], runs: int, duration: int, connections: int, max_other: float,
            retries: int, postgres_url: str | None) -> dict:
    """Every setup's workloads, interleaved: round after round, each workload on each setup once (the setups'
    order rotating), so a slow drift of the machine's speed spreads over all setups alike."""
    for setup in setups.values():
        setup.prepare()
    samples = {name: {workload: [] for workload in WORKLOADS} for name in setups}
    discarded = {name: {workload: [] for workload in WORKLOADS} for name in setups}
    names = list(setups)
    for round_ in range(runs):
        order = names[round_ % len(names):] + names[:round_ % len(names)]
        for workload in WORKLOADS:
            for name in order:
                print(f"  round {round_ + 1}/{runs}: {name}: {workload} ({duration} s)", flush=True)
                samples[name][workload].append(quiet_run(setups[name], workload, connections, duration, max_other,
                                                         retries, discarded[name][workload]))
    results = {}
    for name, setup in setups.items():
        workloads = {}
        for workload in WORKLOADS:
            workloads[workload] = summarize(samples[name][workload])
            workloads[workload]["discarded"] = discarded[name][workload]
        writes = samples[name]["write"] + discarded[name]["write"]
        result = {"replicas": len(setup.replicas), "workloads": workloads, "write_check": {
            "accounts_in_database": setup.written_accounts(),
            "created_per_wrk": sum(run["requests"] - run["non_2xx"] for run in writes),
            "connections": connections,
            "runs": len(writes),
        }, "rss_kb": [rss_kb(process.pid) for process, _, _ in setup.replicas]}
        if postgres_url and setup.database_name:
            result["postgres_connections"] = int(psql(postgres_url, "SELECT count(*) FROM pg_stat_activity WHERE "
                                                                    f"datname = '{setup.database_name}' AND "
                                                                    "application_name = 'toolport'"))
        result["log"] = setup.noteworthy_log_lines()
        result["anomalies"] = setup.anomalies
        results[name] = result
    return results


# ---------------------------------------------------------------------------------------------------
# The report


def spread(entry: dict) -> tuple[float, float]:
    """The lowest and highest req/s of the runs kept."""
    values = [run["requests_per_second"] for run in entry["runs"]]
    return min(values), max(values)


def overlap(first: dict, second: dict) -> bool:
    """Whether the req/s of two measurements' runs overlap: then their medians' difference is within the noise."""
    (low1, high1), (low2, high2) = spread(first), spread(second)
    return low1 <= high2 and low2 <= high1


def build_kind(binary: str) -> str:
    return "Release build" if "/release/" in binary else f"**Not a release build** (`{binary}`): not representative"


def render(report: dict) -> str:
    def ms(seconds: float) -> str:
        return f"{seconds * 1000:.1f}" if seconds < 0.1 else f"{seconds * 1000:,.0f}"

    def latency(entry: dict, key: str) -> str:
        values = entry[f"replica_{key}"]
        return " / ".join(ms(value) for value in values) + " ms"

    def failures(entry: dict) -> str:
        text = f"{entry['non_2xx']:,.0f}"
        return text + (f" (+{entry['socket_errors']:,.0f} socket errors)" if entry["socket_errors"] else "")

    host, setups = report["machine"], report["setups"]
    rows = []
    for workload in WORKLOADS:
        for setup, label in SETUPS.items():
            if setup not in setups:
                continue
            entry = setups[setup]["workloads"][workload]
            cpu = entry["cpu_cores"]
            low, high = spread(entry)
            rows.append([workload, label, f"{entry['requests_per_second']:,.0f}"
                         + (f" ({low:,.0f}–{high:,.0f})" if len(entry["runs"]) > 1 else ""),
                         latency(entry, "p50"),
                         latency(entry, "p99"), failures(entry),
                         " / ".join(f"{cpu[name]:.2f}" for name in ("toolport", "postgres", "sandbox", "wrk", "other"))])
    lines = [
        BEGIN,
        "## PostgreSQL and a second replica",
        "",
        "Written by `bench/replicas.py` (run it with `bench/run.sh replicas`); do not edit by hand. "
        f"Measured on {host['date']}: {host['cpu']}, {host['cores']} cores, {host['memory']}, "
        f"Linux {host['kernel']}, {host['swift']}, {host['wrk']}; {report['postgres_version']} "
        "(a throwaway cluster from `scripts/postgres-cluster.sh` on loopback, default settings but "
        f"`max_connections = 200`), `--db-pool-size {report['pool_size']}`, `--db-timeout {report['db_timeout']}`. "
        f"{build_kind(report['binary'])}, `toolport sandbox` with latency 0. Each number is the median of {report['runs']} runs of "
        f"{report['duration']} s with {report['connections']} connections in all: `wrk -t2 -c{report['connections']}` "
        f"against one replica, or two `wrk -t1 -c{report['connections'] // 2}` at once, one per replica "
        "(req/s is then their sum, latencies are given per replica). Each setup has a database and a sandbox of its "
        "own; all three run side by side, idle when not measured, and the runs are interleaved (round after round, "
        "each workload on each setup once, the setups' order rotating). The machine is shared, so before each run the script waits until it is "
        f"idle, and a run during which other programs used more than {report['max_other']:.2f} cores (the `other` "
        f"column below) is thrown away and run again, up to {report['retries']} times.",
        "",
        "- **execute**: " + WORKLOADS["execute"] + " for a user with an API-token connected account: the account "
        "lookup (cached for up to 1 s per replica) and the batched execution-log writes;",
        "- **read**: " + WORKLOADS["read"] + ": one database read per request, no cache;",
        "- **write**: " + WORKLOADS["write"] + ": one inserted row per request.",
        "",
        "The CPU columns are cores in use on average during the runs (CPU seconds ÷ wall seconds, from /proc): "
        "all replicas together, PostgreSQL's postmaster and backends, the sandbox, the wrk processes, and `other`: "
        "the rest of the machine's busy time (kernel work not charged to a process, such as loopback packet "
        "processing, and any other program running meanwhile).",
        "",
        markdown_table(["workload", "setup", "req/s (lowest–highest run)", "p50", "p99", "non-2xx", "CPU cores: Toolport / PostgreSQL / sandbox / wrk / other"],
                       rows),
        "",
    ]
    memory = [[SETUPS[name], " / ".join(f"{kb / 1024:.1f} MiB" for kb in setup["rss_kb"]),
               str(setup.get("postgres_connections", "—")),
               f"{setup['write_check']['accounts_in_database']:,} / {setup['write_check']['created_per_wrk']:,}"]
              for name, setup in setups.items()]
    lines += [markdown_table(["setup", "RSS after the runs (per replica)", "PostgreSQL connections open at the end",
                              "accounts written: in the database / 2xx counted by wrk"], memory), ""]
    lines += [health(report), ""]
    lines += interpretation(report)
    lines += ["", END]
    return "\n".join(lines)


def interpretation(report: dict) -> list[str]:
    """A few sentences computed from the numbers: what PostgreSQL costs, what the second replica does."""
    setups, cores = report["setups"], report["machine"]["cores"]

    def entry(setup: str, workload: str) -> dict:
        return setups[setup]["workloads"][workload]

    def rps(setup: str, workload: str) -> float:
        return entry(setup, workload)["requests_per_second"]

    def cpu(setup: str, workload: str, name: str) -> float:
        return entry(setup, workload)["cpu_cores"][name]

    def toolport_us(setup: str, workload: str) -> float:
        """Toolport's CPU time per request (all replicas together), in µs."""
        return cpu(setup, workload, "toolport") / rps(setup, workload) * 1e6

    def effect(ratio: float) -> str:
        return f"{(1 - ratio) * 100:.0f}% fewer" if ratio < 1 else f"{(ratio - 1) * 100:.0f}% more"

    sentences = []
    if "sqlite" in setups and "postgres" in setups:
        parts = [f"{workload} {rps('postgres', workload):,.0f} vs {rps('sqlite', workload):,.0f} req/s "
                 f"({rps('postgres', workload) / rps('sqlite', workload):.2f}×"
                 + (", the runs overlap" if overlap(entry("postgres", workload), entry("sqlite", workload)) else "")
                 + f"; p99 {entry('postgres', workload)['p99'] * 1000:.1f} vs {entry('sqlite', workload)['p99'] * 1000:.1f} ms)"
                 for workload in WORKLOADS]
        sentences.append("One replica on PostgreSQL against one on SQLite: " + "; ".join(parts) + ".")
        ratio = {workload: rps("postgres", workload) / rps("sqlite", workload) for workload in WORKLOADS}
        database = {workload: cpu("postgres", workload, "postgres") for workload in WORKLOADS}
        sentence = (f"PostgreSQL's processes used {database['read']:.2f} and {database['write']:.2f} cores during read "
                    f"and write (which served {effect(ratio['read'])} and {effect(ratio['write'])} requests than on "
                    f"SQLite) but {database['execute']:.2f} during execute (which served {effect(ratio['execute'])})")
        if database["execute"] < 0.5 * min(database["read"], database["write"]):
            sentence += (": the account lookup is cached and the execution logs are written in batches, so most "
                         "executions never wait on the database")
        sentences.append(sentence + f"; Toolport itself spent {toolport_us('sqlite', 'execute'):.0f} µs of CPU per "
                         f"execution on SQLite, whose writes run inside its process, and {toolport_us('postgres', 'execute'):.0f} µs "
                         "on PostgreSQL.")
    if "postgres" in setups and "postgres x2" in setups:
        parts = []
        for workload in WORKLOADS:
            two = entry("postgres x2", workload)
            parts.append(f"{workload} {two['requests_per_second']:,.0f} req/s, "
                         f"{two['requests_per_second'] / rps('postgres', workload):.2f}× one replica's "
                         f"{rps('postgres', workload):,.0f}"
                         + (" (the runs overlap)" if overlap(two, entry("postgres", workload)) else "")
                         + ", p99 " + " / ".join(f"{value * 1000:.1f}" for value in two["replica_p99"])
                         + f" ms against {entry('postgres', workload)['p99'] * 1000:.1f} ms")
        sentences.append("Two replicas on the same PostgreSQL, the load split between them: " + "; ".join(parts)
                         + "; Toolport's CPU per request (both replicas together) went from "
                         + ", ".join(f"{toolport_us('postgres', workload):.0f} to {toolport_us('postgres x2', workload):.0f} µs"
                                     for workload in WORKLOADS) + " (execute, read, write).")
        busy = [run["cpu_cores"]["machine"] for setup in setups.values() for workload in setup["workloads"].values()
                for run in workload["runs"]]
        sentences.append(
            f"Every run kept {min(busy):.2f}–{max(busy):.2f} of this machine's {cores} cores busy, so the numbers are "
            "bounded by CPU that Toolport shares with PostgreSQL, the sandbox and wrk: two replicas on one "
            f"{cores}-core machine show what a second replica costs in coordination (two pools, two credential "
            "caches, two log flushers), not scale-out, which needs the replicas (and the database) on separate machines.")
    thrown = sum(len(entry.get("discarded", [])) for setup in setups.values() for entry in setup["workloads"].values())
    if thrown:
        sentences.append(f"{thrown} run{'s were' if thrown > 1 else ' was'} thrown away and run again because other "
                         f"programs used more than {report['max_other']:.2f} cores meanwhile (kept in the JSON report).")
    busiest = max(((entry["cpu_cores"]["other"], SETUPS[name], workload) for name, setup in setups.items()
                   for workload, entry in setup["workloads"].items()), default=None)
    if busiest and busiest[0] > report["max_other"]:
        sentences.append(f"Something else kept the machine busy during some runs (`other` up to {busiest[0]:.2f} cores, "
                         f"{busiest[1]} {busiest[2]}), so those numbers are lower than a quiet machine would give.")
    windows = [(checkpoint["start"], checkpoint["end"] or checkpoint["start"])
               for checkpoint in (report.get("postgres_log") or {}).get("checkpoints", [])]

    def during_checkpoint(name: str, run: dict) -> str:
        if name == "sqlite" or "started_at" not in run:
            return ""
        hit = any(start <= run["ended_at"] and run["started_at"] <= end for start, end in windows)
        return ", during a PostgreSQL checkpoint" if hit else ", no PostgreSQL checkpoint meanwhile"

    def errors(run: dict) -> str:
        return f", {run['socket_errors']} wrk timeouts or socket errors" if run["socket_errors"] else ""

    spikes = [f"{SETUPS[name]} {workload} {run['p99'] * 1000:,.0f} ms (median {entry['p99'] * 1000:.1f} ms"
              f"{errors(run)}{during_checkpoint(name, run)})"
              for name, setup in setups.items() for workload, entry in setup["workloads"].items()
              for run in entry["runs"] if run["p99"] > 3 * entry["p99"]]
    if spikes:
        sentences.append("Single runs had a p99 over three times their median: " + "; ".join(spikes) + ".")
    return [" ".join(sentences)]


def health(report: dict) -> str:
    """One line on whatever went wrong (or that nothing did): failed requests, lost writes, logs."""
    setups = report["setups"]
    failed = sum(run["non_2xx"] + run["socket_errors"] for setup in setups.values()
                 for entry in setup["workloads"].values() for run in entry["runs"])
    parts = [f"{failed:,} non-2xx answers or socket errors in all kept runs"
             + ("" if not failed else " (" + "; ".join(
                 f"{SETUPS[name]} {workload}: {sum(run['non_2xx'] + run['socket_errors'] for run in entry['runs']):,}"
                 for name, setup in setups.items() for workload, entry in setup["workloads"].items()
                 if any(run["non_2xx"] + run["socket_errors"] for run in entry["runs"])) + ")")]
    lost = [SETUPS[name] for name, setup in setups.items()
            if not 0 <= setup["write_check"]["accounts_in_database"] - setup["write_check"]["created_per_wrk"]
            <= setup["write_check"]["connections"] * setup["write_check"]["runs"]]
    parts.append("every account wrk saw created is in the database (the few more are requests in flight when a run "
                 "ended)" if not lost else "accounts missing or unexplained after the write runs: " + ", ".join(lost))
    logged = {SETUPS[name]: sum(entry["count"] for entry in setup["log"].values()) for name, setup in setups.items()}
    messages = list(dict.fromkeys(sample for setup in setups.values() for entry in setup["log"].values()
                                  for sample in entry["samples"]))
    parts.append("the replicas logged " + (
        ", ".join(f"{count} line{'s' if count > 1 else ''} ({name})" for name, count in logged.items() if count)
        + " at warning level or above: " + "; ".join(f"`` {message[:200]} ``" for message in messages[:3])
        if any(logged.values()) else "nothing at warning level or above"))
    postgres_log = report.get("postgres_log")
    if postgres_log is not None:
        counts = postgres_log["counts"]
        parts.append("PostgreSQL's log has " + (", ".join(f"{count} {level}" for level, count in counts.items() if count)
                                                + " lines (samples in the JSON report)" if any(counts.values())
                                                else "no ERROR, FATAL or PANIC line"))
    repeated = {SETUPS[name]: len(setup["anomalies"]) for name, setup in setups.items() if setup["anomalies"]}
    if repeated:
        parts.append("wrk's output could not be read, and the run was repeated, for " + ", ".join(
            f"{name} ({count}×)" for name, count in repeated.items()))
    return "Failures: " + "; ".join(parts) + "."


def postgres_log_summary(path: Path) -> dict:
    """How many ERROR, FATAL and PANIC lines PostgreSQL logged, and the first few."""
    try:
        lines = path.read_text(errors="replace").splitlines()
    except OSError as error:
        return {"counts": {}, "samples": [f"cannot read {path}: {error}"]}
    levels = ("ERROR", "FATAL", "PANIC")
    matching = [line for line in lines if any(f"{level}:" in line for level in levels)]
    return {"counts": {level: sum(f"{level}:" in line for line in matching) for level in levels},
            "samples": matching[:10], "checkpoints": checkpoints(lines)}


def checkpoints(lines: list[str]) -> list[dict]:
    """PostgreSQL's checkpoints (log_checkpoints is on by default since 15): start and end, epoch seconds."""
    found: list[dict] = []
    for line in lines:
        match = re.match(r"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?) UTC .*LOG:\s+checkpoint (starting|complete)", line)
        if not match:
            continue
        moment = datetime.datetime.strptime(match.group(1).split(".")[0], "%Y-%m-%d %H:%M:%S").replace(
            tzinfo=datetime.timezone.utc).timestamp() + float("0." + (match.group(1).split(".") + ["0"])[1])
        if match.group(2) == "starting":
            found.append({"start": moment, "end": None, "line": line})
        elif found and found[-1]["end"] is None:
            found[-1]["end"] = moment
            found[-1]["line"] += "\n" + line
    return found


def update_docs(path: Path, section: str) -> None:
    """Replaces the replicas section of `path` (between the markers), or appends it."""
    text = path.read_text() if path.exists() else ""
    pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END) + r"\n?", re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text, count=1)
    else:
        text = text.rstrip("\n") + ("\n\n" if text else "") + section + "\n"
    path.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", help="the toolport binary (default: $TOOLPORT_BIN, else .build/release/toolport)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=64, help="wrk connections in all (split between replicas)")
    parser.add_argument("--pool-size", type=int, default=10, help="--db-pool-size of every PostgreSQL replica")
    parser.add_argument("--db-timeout", type=int, default=5, help="--db-timeout of every PostgreSQL replica")
    parser.add_argument("--max-other", type=float, default=0.15,
                        help="cores other programs may use during a run before it is run again (default 0.15)")
    parser.add_argument("--retries", type=int, default=3, help="how often one run may be run again (default 3)")
    parser.add_argument("--json", help="write the full report here")
    parser.add_argument("--docs", help="replace (or append) the replicas section of this Markdown file")
    parser.add_argument("--keep", action="store_true", help="keep the work directory (logs, databases)")
    parser.add_argument("--render", metavar="JSON", help="measure nothing: render the report in JSON (from --json) again")
    options = parser.parse_args()
    if options.render:
        section = render(json.loads(Path(options.render).read_text()))
        if options.docs:
            update_docs(Path(options.docs), section)
        print(section)
        return
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")
    if options.connections % 2:
        raise SystemExit("--connections must be even (it is split between two replicas)")
    binary = default_binary(options.binary)
    workdir = Path(tempfile.mkdtemp(prefix="toolport-replicas-"))
    print(f"binary {binary}; work directory {workdir}", flush=True)
    report = {"machine": machine(), "binary": str(binary), "runs": options.runs, "duration": options.duration,
              "connections": options.connections, "max_other": options.max_other,
              "retries": options.retries, "pool_size": options.pool_size, "db_timeout": options.db_timeout,
              "setups": {}}
    cluster_dir = workdir / "cluster"
    finished = False
    setups: dict[str, Setup] = {}
    try:
        setups["sqlite"] = Setup("sqlite", binary, workdir / "sqlite", str(workdir / "sqlite" / "toolport.sqlite"), 1,
                                 postgres_dir=None, pool_size=options.pool_size, db_timeout=options.db_timeout)
        print("starting PostgreSQL", flush=True)
        url = cluster("start", cluster_dir)
        report["postgres_version"] = psql(url, "SELECT 'PostgreSQL ' || current_setting('server_version')")
        for name, count in (("postgres", 1), ("postgres x2", 2)):
            database_name, database_url = new_database(url)
            setups[name] = Setup(name, binary, workdir / name.replace(" ", "-"), database_url, count,
                                 postgres_dir=cluster_dir, pool_size=options.pool_size, db_timeout=options.db_timeout,
                                 database_name=database_name)
        report["setups"] = measure(setups, options.runs, options.duration, options.connections, options.max_other,
                                   options.retries, url)
        finished = True
    finally:
        for setup in setups.values():
            setup.close()
        if (cluster_dir / "postgres.log").exists():
            report["postgres_log"] = postgres_log_summary(cluster_dir / "postgres.log")
        if cluster_dir.exists():
            try:
                cluster("remove", cluster_dir)
            except RuntimeError as error:
                print(error, flush=True)
        if finished and not options.keep:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            print(f"kept the work directory {workdir} (logs of every process)", flush=True)
    write_json(options.json, report)
    section = render(report)
    if options.docs:
        update_docs(Path(options.docs), section)
    print(section)


if __name__ == "__main__":
    main()
