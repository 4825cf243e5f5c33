#!/usr/bin/env python3
"""Toolport's performance benchmarks: executor overhead, catalog throughput, start-up and memory.

Everything runs on loopback against `toolport sandbox` (latency 0) with release builds; each measurement
is repeated `--runs` times and the median reported. Load comes from wrk (Debian's `wrk` package).

    python3 bench/performance.py --json .build/bench/performance.json
"""
from __future__ import annotations

import argparse
import json
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import REPOSITORY, default_binary, markdown_table, median, toolport_stack, wait_healthy, write_json

GET_DEAL = "PIPEDRIVE_GET_DEAL"
USER = "bench-user"
UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}


def parse_duration(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    assert match, text
    return float(match.group(1)) * UNITS[match.group(2)]


def wrk(url: str, connections: int, duration: int, headers: dict[str, str] | None = None,
        script: Path | None = None) -> dict:
    """One wrk run: requests/s, p50/p99 latency (seconds), transfer/s, non-2xx count and socket errors."""
    threads = 1 if connections == 1 else 2
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    distribution = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)$", output, re.MULTILINE))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {
        "requests_per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": parse_duration(distribution["50"]),
        "p99": parse_duration(distribution["99"]),
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": sum(map(int, errors.groups())) if errors else 0,
    }


def repeated(runs: int, measure) -> dict:
    """The median of each number over `runs` runs, with every run kept."""
    samples = [measure() for _ in range(runs)]
    summary = {key: median([sample[key] for sample in samples]) for key in samples[0]}
    summary["runs"] = samples
    return summary


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


class Bench:
    def __init__(self, binary: Path, runs: int, duration: int, workdir: Path):
        self.binary, self.runs, self.duration, self.workdir = binary, runs, duration, workdir
        self.stack = toolport_stack.Stack.start(binary, workdir)
        self.headers = {"x-api-key": toolport_stack.API_KEY}
        self._connect_account()

    def _connect_account(self) -> None:
        """An API-token connected account for USER (the normal multi-user path), and one deal to read."""
        status, _, body = self.stack.api("POST", "/api/v3.1/auth_configs", {
            "toolkit": {"slug": "pipedrive"},
            "auth_config": {"type": "use_custom_auth", "authScheme": "API_KEY", "credentials": {}}})
        assert status == 201, body
        status, _, body = self.stack.api("POST", "/api/v3.1/connected_accounts", {
            "auth_config": {"id": json.loads(body)["auth_config"]["id"]},
            "connection": {"user_id": USER, "state": {"authScheme": "API_KEY",
                                                      "val": {"generic_api_key": toolport_stack.SANDBOX_TOKEN}}}})
        assert status == 201, body
        status, _, body = self.stack.sandbox("POST", "/v1/deals", {"title": "Bench deal"},
                                             headers={"x-api-token": toolport_stack.SANDBOX_TOKEN})
        self.deal_id = json.loads(body)["data"]["id"]
        status, _, body = self.stack.api("POST", f"/api/v3.1/tools/execute/{GET_DEAL}",
                                         {"arguments": {"id": self.deal_id}, "user_id": USER})
        result = json.loads(body)
        assert result["successful"], result
        self.upstream_path = json.loads(self.stack.api("GET", f"/api/v3.1/logs/{result['log_id']}")[2])["url"]
        self.upstream_path = "/" + self.upstream_path.split("/", 3)[3]

    def executor_overhead(self) -> dict:
        script = self.workdir / "execute.lua"
        body = json.dumps({"arguments": {"id": self.deal_id}, "user_id": USER})
        script.write_text(f'wrk.method = "POST"\nwrk.body = {json.dumps(body)}\n'
                          f'wrk.headers["content-type"] = "application/json"\n'
                          f'wrk.headers["x-api-key"] = "{toolport_stack.API_KEY}"\n')
        results = {}
        for connections in (1, 64):
            direct = repeated(self.runs, lambda: wrk(self.stack.sandbox_url + self.upstream_path, connections,
                                                     self.duration, {"x-api-token": toolport_stack.SANDBOX_TOKEN}))
            through = repeated(self.runs, lambda: wrk(f"{self.stack.server_url}/api/v3.1/tools/execute/{GET_DEAL}",
                                                      connections, self.duration, script=script))
            results[connections] = {"direct": direct, "toolport": through}
        return results

    def executor_breakdown(self) -> dict:
        """Where the added time goes at one connection: Toolport's HTTP round trip alone (an authenticated
        GET), an execute refused by argument validation (everything but the account and Pipedrive), and a
        whole execute for a single-account server (everything but the account lookup)."""
        refused = self.workdir / "refused.lua"
        refused.write_text('wrk.method = "POST"\nwrk.body = \'{"arguments":{"id":"x"},"user_id":"%s"}\'\n'
                           'wrk.headers["content-type"] = "application/json"\n'
                           'wrk.headers["x-api-key"] = "%s"\n' % (USER, toolport_stack.API_KEY))
        execute = self.workdir / "execute.lua"
        return {
            "http round trip (GET /toolkits/pipedrive)": repeated(self.runs, lambda: wrk(
                self.stack.server_url + "/api/v3.1/toolkits/pipedrive", 1, self.duration, self.headers)),
            "execute refused by validation": repeated(self.runs, lambda: wrk(
                f"{self.stack.server_url}/api/v3.1/tools/execute/{GET_DEAL}", 1, self.duration, script=refused)),
            "execute, single-account mode": self._single_account(execute),
        }

    def _single_account(self, script: Path) -> dict:
        port = toolport_stack.free_port()
        with open(self.workdir / "single-account.log", "a") as log:
            process = subprocess.Popen(
                toolport_stack.server_command(self.binary, port, self.workdir / "single.sqlite", self.stack.sandbox_url,
                                              "--pipedrive-api-token", toolport_stack.SANDBOX_TOKEN),
                stdout=log, stderr=log, env=toolport_stack.server_environment())
            try:
                wait_healthy("127.0.0.1", port, process)
                return repeated(self.runs, lambda: wrk(f"http://127.0.0.1:{port}/api/v3.1/tools/execute/{GET_DEAL}", 1,
                                                       self.duration, script=script))
            finally:
                toolport_stack.stop([process])

    def catalog(self) -> dict:
        results = {}
        for name, path, headers in (
            ("tools list (269), identity", "/api/v3.1/tools", {}),
            ("tools list (269), gzip", "/api/v3.1/tools", {"accept-encoding": "gzip"}),
            ("tools list, limit=20", "/api/v3.1/tools?toolkit_slug=pipedrive&limit=20", {}),
            ("tools/{slug}", f"/api/v3.1/tools/{GET_DEAL}", {}),
            ("tools/{slug}, gzip", f"/api/v3.1/tools/{GET_DEAL}", {"accept-encoding": "gzip"}),
        ):
            _, answer_headers, body = self.stack.api("GET", path, headers=headers)
            throughput = repeated(self.runs, lambda: wrk(self.stack.server_url + path, 64, self.duration,
                                                         {**self.headers, **headers}))
            throughput["bytes"] = len(body)
            throughput["encoding"] = answer_headers.get("Content-Encoding", "identity")
            results[name] = throughput
        return results

    def memory_under_load(self) -> dict:
        idle = rss_kb(self.stack.server.pid)
        peak = idle
        process = subprocess.Popen(["wrk", "-t2", "-c64", f"-d{self.duration}s", "-H",
                                    f"x-api-key: {toolport_stack.API_KEY}", self.stack.server_url + "/api/v3.1/tools"],
                                   stdout=subprocess.DEVNULL)
        while process.poll() is None:
            peak = max(peak, rss_kb(self.stack.server.pid))
            time.sleep(0.1)
        return {"rss_after_benchmarks_kb": idle, "rss_peak_under_list_load_kb": peak,
                "rss_after_load_kb": rss_kb(self.stack.server.pid)}

    def close(self) -> None:
        self.stack.close()


def startup(binary: Path, runs: int, workdir: Path) -> dict:
    """Seconds from spawning `toolport serve` on a new database to its first 200 from GET /api/v3.1/tools,
    and the idle RSS right after."""
    times, rss = [], []
    log = open(workdir / "startup.log", "a")
    for run in range(runs):
        port = toolport_stack.free_port()
        command = toolport_stack.server_command(binary, port, workdir / f"startup-{run}.sqlite", "http://127.0.0.1:9")
        started = time.monotonic()
        process = subprocess.Popen(command, stdout=log, stderr=log, env=toolport_stack.server_environment())
        try:
            wait_healthy("127.0.0.1", port, process, interval=0.002)
            status, _, _ = toolport_stack.request("GET", f"http://127.0.0.1:{port}/api/v3.1/tools")
            assert status == 200
            times.append(time.monotonic() - started)
            time.sleep(1)
            rss.append(rss_kb(process.pid))
        finally:
            toolport_stack.stop([process])
    return {"seconds": median(times), "idle_rss_kb": median(rss), "runs": times}


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.splitlines()[0]
    memory = next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
    return {"cpu": cpu, "cores": len(__import__("os").sched_getaffinity(0)), "memory": memory.split(":")[1].strip(),
            "kernel": platform.release(), "swift": swift, "wrk": wrk_version, "date": time.strftime("%Y-%m-%d")}


def render(report: dict) -> str:
    """docs/performance.md: the numbers of this run, each next to its target."""
    def us(seconds): return f"{seconds * 1e6:,.0f} µs"
    host = report["machine"]
    lines = [
        "# Performance",
        "",
        "Written by `bench/performance.py` (run it with `bench/run.sh performance`); do not edit by hand.",
        f"Measured on {host['date']}: {host['cpu']}, {host['cores']} cores, {host['memory']}, Linux {host['kernel']}, "
        f"{host['swift']}, {host['wrk']}. Release build; `toolport sandbox` with latency 0 on loopback; wrk, the "
        "sandbox and Toolport share the two cores. Each number is the median of "
        f"{report['runs']} runs of {report['duration']} s.",
        "",
        "## Executor overhead",
        "",
        "`GET` one deal straight from the sandbox (wrk with `x-api-token`) against the same call through "
        "`POST /api/v3.1/tools/execute/PIPEDRIVE_GET_DEAL` for a user with an API-token connected account "
        "(account lookup, argument validation, request building, libcurl, envelope, execution log).",
        "",
    ]
    rows = []
    for connections, pair in report["executor_overhead"].items():
        direct, through = pair["direct"], pair["toolport"]
        rows.append([connections, us(direct["p50"]), us(through["p50"]), us(through["p50"] - direct["p50"]),
                     us(direct["p99"]), us(through["p99"]), us(through["p99"] - direct["p99"]),
                     f"{direct['requests_per_second']:,.0f}", f"{through['requests_per_second']:,.0f}",
                     f"{through['requests_per_second'] / direct['requests_per_second']:.2f}"])
    lines.append(markdown_table(["connections", "direct p50", "Toolport p50", "added p50", "direct p99", "Toolport p99",
                                 "added p99", "direct req/s", "Toolport req/s", "ratio"], rows))
    one, many = report["executor_overhead"][1], report["executor_overhead"][64]
    budget = 0.05 * one["direct"]["p50"] + 100e-6
    added = one["toolport"]["p50"] - one["direct"]["p50"]
    added_p99 = many["toolport"]["p99"] - many["direct"]["p99"]
    lines += ["",
              f"Target: added p50 ≤ 5% of the direct round trip + 100 µs = {us(budget)} — "
              f"{'met' if added <= budget else 'missed'} ({us(added)} at 1 connection); "
              f"added p99 at 64 connections ≤ 1 ms — {'met' if added_p99 <= 1e-3 else 'missed'} ({us(added_p99)}).",
              "", "The pieces of one call at one connection (p50): Toolport's HTTP round trip alone, an execute that stops at argument validation, a whole execute without the account lookup, and the whole execute:", ""]
    rows = [["sandbox alone (direct)", us(one["direct"]["p50"])]]
    rows += [[name, us(entry["p50"])] for name, entry in report["executor_breakdown"].items()]
    rows.append(["execute with a connected account (the table above)", us(one["toolport"]["p50"])])
    hop = report["executor_breakdown"]["http round trip (GET /toolkits/pipedrive)"]["p50"]
    lines += [markdown_table(["stage", "p50"], rows), "",
              "An execute is two HTTP round trips (the caller to Toolport, Toolport to Pipedrive) plus the work "
              "between them, so its floor is the sandbox's own time plus Toolport's own HTTP round trip "
              f"({us(hop)} here, " + ("more than the whole added-time budget)." if hop > budget else
                                      "within the added-time budget).") ,
              "", "## Catalog", ""]
    rows = [[name, f"{entry['requests_per_second']:,.0f}", us(entry["p50"]), us(entry["p99"]),
             f"{entry['bytes']:,}", entry["encoding"]] for name, entry in report["catalog"].items()]
    lines.append(markdown_table(["request (wrk -t2 -c64, keep-alive)", "req/s", "p50", "p99", "body bytes", "encoding"],
                                rows))
    full = report["catalog"]["tools list (269), identity"]["requests_per_second"]
    gzip = report["catalog"]["tools list (269), gzip"]["requests_per_second"]
    lines += ["", f"Target: ≥ 20,000 req/s for the full list with keep-alive — gzip {gzip:,.0f} "
                  f"({'met' if gzip >= 20000 else 'missed'}), identity {full:,.0f} "
                  f"({'met' if full >= 20000 else 'missed'}).", ""]
    start, memory = report["startup"], report["memory"]
    lines += ["## Start-up and memory", "", markdown_table(["measure", "value"], [
        ["start-up to first `GET /api/v3.1/tools` 200 (new database)", f"{start['seconds'] * 1000:.0f} ms"],
        ["idle RSS after start-up", f"{start['idle_rss_kb'] / 1024:.1f} MiB"],
        ["RSS after the benchmarks above", f"{memory['rss_after_benchmarks_kb'] / 1024:.1f} MiB"],
        ["peak RSS under list load (64 connections)", f"{memory['rss_peak_under_list_load_kb'] / 1024:.1f} MiB"],
    ]), ""]
    peers = report.get("mcp_peers")
    if peers:
        lines += ["## MCP `tools/call` against Python peers", "",
                  "Written by `bench/mcp_peers.py`: the same get-deal call, sequentially over MCP stdio, on the same "
                  "sandbox.", "", peers["markdown"].strip(), "",
                  "`floor` is a stub MCP server (`bench/peers/null_mcp_server.py`) that answers every call at once "
                  "with Toolport's exact answer: what the Python `mcp` client and the pipes cost by themselves. No "
                  "server can beat the floor, so floor calls/s ÷ a peer's calls/s is the most any server could "
                  "reach over this client. `raw` columns send the same call as JSON-RPC lines without the client "
                  "library.", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", help="the toolport binary (default: .build/release/toolport)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--json", help="write the full report here")
    parser.add_argument("--docs", help="write the Markdown report here (e.g. docs/performance.md)")
    parser.add_argument("--skip-peers", action="store_true", help="leave out the MCP peer comparison")
    options = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")
    binary = default_binary(options.binary)
    workdir = Path(tempfile.mkdtemp(prefix="toolport-bench-"))
    report = {"machine": machine(), "binary": str(binary), "runs": options.runs, "duration": options.duration}
    bench = Bench(binary, options.runs, options.duration, workdir)
    try:
        report["executor_overhead"] = bench.executor_overhead()
        report["executor_breakdown"] = bench.executor_breakdown()
        report["catalog"] = bench.catalog()
        report["memory"] = bench.memory_under_load()
    finally:
        bench.close()
    report["startup"] = startup(binary, max(options.runs, 5), workdir)
    if not options.skip_peers:
        peers = subprocess.run([sys.executable, str(REPOSITORY / "bench" / "mcp_peers.py"), "--binary", str(binary),
                                "--json", str(workdir / "mcp_peers.json")], capture_output=True, text=True)
        if peers.returncode != 0:
            raise SystemExit(f"bench/mcp_peers.py failed:\n{peers.stdout[-2000:]}\n{peers.stderr[-3000:]}")
        report["mcp_peers"] = {"markdown": peers.stdout, "results": json.loads((workdir / "mcp_peers.json").read_text())}
    write_json(options.json, report)
    document = render(report)
    if options.docs:
        Path(options.docs).write_text(document + kept_sections(Path(options.docs)))
    print(document)


def kept_sections(path: Path) -> str:
    """The sections other scripts own (`<!-- name:begin -->` … `<!-- name:end -->`), carried over unchanged."""
    if not path.exists():
        return ""
    sections = re.findall(r"<!-- ([\w-]+):begin -->.*?<!-- \1:end -->", path.read_text(), re.DOTALL)
    text = path.read_text()
    return "".join("\n" + text[text.index(f"<!-- {name}:begin -->"):text.index(f"<!-- {name}:end -->") + len(f"<!-- {name}:end -->")] + "\n"
                   for name in sections)


if __name__ == "__main__":
    main()
