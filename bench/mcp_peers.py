#!/usr/bin/env python3
"""Sequential MCP `tools/call` latency over stdio: Toolport against two Python Pipedrive MCP servers.

Every server gets the same job, "get one deal by id", answered by the same `toolport sandbox` (no added latency):

- toolport: `toolport mcp-stdio --pipedrive-api-token …` (single-account local mode, no Toolport server), tool
  PIPEDRIVE_GET_DEAL;
- pipedrive-mcp 0.5.0 (PyPI), tool get_deal, through bench/peers/pipedrive_mcp_launcher.py;
- universal-mcp-pipedrive 0.1.5 (PyPI), tool deals_get_details, through bench/peers/universal_mcp_pipedrive_launcher.py;
- floor: bench/peers/null_mcp_server.py, which answers every call at once with Toolport's own answer: what the MCP
  client and the pipes cost per call. No server can be faster than it, so peer calls/s ÷ floor calls/s bounds the
  ratio any server can reach against that peer with this client.

Per server and run: start from a fresh process, initialize, call once and check that the answer holds the deal's
title (a server that answers with an error is never timed), warm up, time `--calls` sequential calls, time 100 pings
(the transport and framework alone), and read the server's resident memory (VmRSS of it and its children). Once per
server, a raw JSON-RPC exchange measures the `tools/list` result (bytes and tool count).

Each peer runs in its own virtualenv under .build/bench-venvs/<name> with pinned versions, made when missing; the
MCP client (`mcp`) runs in .build/bench-venvs/driver, and this script re-executes itself there. Start it with any
Python 3.11:

    python3.11 bench/mcp_peers.py [--binary .build/release/toolport] [--calls 300] [--runs 3] [--json out.json]

It prints a Markdown table on stdout (progress goes to stderr) and writes the full results to --json.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import platform
import queue
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPOSITORY / "Tests" / "pystack"))

import toolport_stack  # noqa: E402  (needs the path above)

VENVS = REPOSITORY / ".build" / "bench-venvs"
WORK = REPOSITORY / ".build" / "bench-work" / "mcp_peers"
PEERS = Path(__file__).resolve().parent / "peers"
DEAL_TITLE = "Bench deal"
IN_DRIVER = "BENCH_MCP_PEERS_IN_DRIVER"
TARGET_RATIO = 20.0
PINGS = 100

# Exact versions. universal-mcp-pipedrive 0.1.5 itself only asks for universal-mcp>=0.1.11; these are the versions
# it was released against (universal-mcp 0.1.22 on mcp 1.9 and pydantic 2.11).
VENV_REQUIREMENTS: dict[str, list[str]] = {
    "driver": ["mcp==2.3.0"],
    "pipedrive-mcp": ["pipedrive-mcp==0.5.0", "mcp==1.30.0", "requests==2.34.2"],
    "universal-mcp-pipedrive": ["universal-mcp-pipedrive==0.1.5", "universal-mcp==0.1.22", "mcp==1.9.4", "pydantic==2.11.10"],
}
SERVERS = ["toolport", "pipedrive-mcp", "universal-mcp-pipedrive", "floor"]
PEER_NAMES = ["pipedrive-mcp", "universal-mcp-pipedrive"]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------------------------
# Virtualenvs


def python311() -> str:
    if sys.version_info[:2] == (3, 11):
        return sys.executable
    found = shutil.which("python3.11")
    if not found:
        sys.exit("bench/mcp_peers.py needs Python 3.11 (python3.11 on PATH) for its virtualenvs")
    return found


def ensure_venv(name: str) -> Path:
    """The virtualenv `name` with its pinned requirements; made (or remade, when the pins changed) only if missing."""
    path = VENVS / name
    marker = path / "bench-requirements.txt"
    wanted = "\n".join(VENV_REQUIREMENTS[name]) + "\n"
    if (path / "bin" / "python").exists() and marker.exists() and marker.read_text() == wanted:
        return path
    log(f"== making virtualenv {path.relative_to(REPOSITORY)} ({' '.join(VENV_REQUIREMENTS[name])})")
    if path.exists():
        shutil.rmtree(path)
    subprocess.run([python311(), "-m", "venv", str(path)], check=True, stdout=sys.stderr)
    subprocess.run([str(path / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    *VENV_REQUIREMENTS[name]], check=True, stdout=sys.stderr)
    marker.write_text(wanted)
    return path


def frozen(name: str) -> list[str]:
    """`pip freeze` of a virtualenv, for the record."""
    python = VENVS / name / "bin" / "python"
    output = subprocess.run([str(python), "-m", "pip", "freeze", "--disable-pip-version-check"], capture_output=True,
                            text=True, check=False).stdout
    return [line for line in output.splitlines() if line.strip()]


# ---------------------------------------------------------------------------------------------------------------
# Processes


def parent_of(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            # The command name is in parentheses and may hold spaces: the fields after the last ')' are fixed.
            return int(stat.read().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def children(pid: int) -> list[int]:
    return [int(entry) for entry in os.listdir("/proc") if entry.isdigit() and parent_of(int(entry)) == pid]


def process_tree(pid: int) -> list[int]:
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        pending.extend(children(current))
    return found


def rss_kib(pid: int) -> int:
    """VmRSS of `pid` and its descendants, in KiB."""
    total = 0
    for member in process_tree(pid):
        try:
            with open(f"/proc/{member}/status") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total


# ---------------------------------------------------------------------------------------------------------------
# The servers


@dataclass
class Server:
    name: str
    command: list[str]
    env: dict[str, str]
    tool: str
    arguments: dict
    cwd: Path
    versions: list[str] = field(default_factory=list)


def base_environment() -> dict[str, str]:
    """A small, explicit environment: no proxies, no credentials of the caller's."""
    environment = {key: os.environ[key] for key in ("PATH", "HOME", "LANG", "TMPDIR") if key in os.environ}
    environment["NO_PROXY"] = environment["no_proxy"] = "127.0.0.1,localhost"
    return environment


def make_server(name: str, binary: Path, sandbox_url: str, deal_id: int, workdir: Path, canned: Path | None) -> Server:
    environment = base_environment()
    if name == "floor":
        if canned:
            environment["BENCH_NULL_RESULT"] = str(canned)
        return Server(name, [sys.executable, str(PEERS / "null_mcp_server.py")], environment, "GET_DEAL", {"id": deal_id},
                      workdir, [f"python {platform.python_version()}"])
    if name == "toolport":
        return Server(
            name, [str(binary), "mcp-stdio", "--pipedrive-api-token", toolport_stack.SANDBOX_TOKEN,
                   "--pipedrive-api-base", sandbox_url, "--schemas", str(toolport_stack.SCHEMAS)],
            environment, "PIPEDRIVE_GET_DEAL", {"id": deal_id}, workdir, [f"toolport {binary}"])
    environment.update(PIPEDRIVE_API_KEY=toolport_stack.SANDBOX_TOKEN, BENCH_SANDBOX_URL=sandbox_url,
                       PYTHONDONTWRITEBYTECODE="1")
    python = str(VENVS / name / "bin" / "python")
    if name == "pipedrive-mcp":
        return Server(name, [python, str(PEERS / "pipedrive_mcp_launcher.py")], environment, "get_deal",
                      {"deal_id": deal_id}, workdir, frozen(name))
    if name == "universal-mcp-pipedrive":
        environment["TELEMETRY_DISABLED"] = "true"
        return Server(name, [python, str(PEERS / "universal_mcp_pipedrive_launcher.py")], environment,
                      "deals_get_details", {"id": str(deal_id)}, workdir, frozen(name))
    raise ValueError(name)


def create_deal(sandbox_url: str) -> int:
    status, _, body = toolport_stack.request("POST", f"{sandbox_url}/v1/deals", {"title": DEAL_TITLE},
                                             headers={"x-api-token": toolport_stack.SANDBOX_TOKEN}, api_key=None)
    if status not in (200, 201):
        raise RuntimeError(f"the sandbox did not create the deal: {status} {body[:300]!r}")
    return int(json.loads(body)["data"]["id"])


# ---------------------------------------------------------------------------------------------------------------
# tools/list and raw latency, over plain JSON-RPC lines (the exact bytes the server writes)


def probe(server: Server, calls: int, warmup: int, errlog, timeout: float = 60) -> dict:
    """Initializes a fresh server by hand, reads every page of tools/list, then times `calls` tools/call."""
    process = subprocess.Popen(server.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errlog,
                               env=server.env, cwd=server.cwd)
    lines: queue.Queue[bytes] = queue.Queue()

    def pump() -> None:
        for line in iter(process.stdout.readline, b""):
            lines.put(line)
        lines.put(b"")

    threading.Thread(target=pump, daemon=True).start()

    def send(message: dict) -> None:
        process.stdin.write(json.dumps(message).encode() + b"\n")
        process.stdin.flush()

    def answer(request_id: int) -> tuple[bytes, dict]:
        deadline = time.monotonic() + timeout
        while True:
            line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            if not line:
                raise RuntimeError(f"{server.name} closed stdout (see {errlog.name})")
            message = json.loads(line)
            if message.get("id") == request_id:
                if "error" in message:
                    raise RuntimeError(f"{server.name}: {message['error']}")
                return line.rstrip(b"\r\n"), message["result"]

    try:
        send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "mcp_peers", "version": "1"}}})
        _, initialized = answer(1)
        send({"jsonrpc": "2.0", "method": "notifications/initialized"})
        tools, wire_bytes, result_bytes, cursor, request_id = [], 0, 0, None, 2
        while True:
            send({"jsonrpc": "2.0", "id": request_id, "method": "tools/list",
                  "params": {"cursor": cursor} if cursor else {}})
            line, result = answer(request_id)
            wire_bytes += len(line)
            result_bytes += len(json.dumps(result, separators=(",", ":"), ensure_ascii=False).encode())
            tools += result.get("tools", [])
            cursor = result.get("nextCursor")
            request_id += 1
            if not cursor:
                break
        server.tool = resolve_tool(server, [tool["name"] for tool in tools])
        call = {"name": server.tool, "arguments": server.arguments}
        latencies, first = [], None
        for index in range(warmup + calls + 1):
            started = time.perf_counter()
            send({"jsonrpc": "2.0", "id": request_id, "method": "tools/call", "params": call})
            line, result = answer(request_id)
            elapsed = time.perf_counter() - started
            request_id += 1
            if result.get("isError") or DEAL_TITLE.encode() not in line:
                raise RuntimeError(f"{server.name}: {server.tool} did not return the deal: {line[:500]!r}")
            if first is None:
                first = result
            elif index > warmup:
                latencies.append(elapsed)
        mean = sum(latencies) / len(latencies)
        return {"protocol_version": initialized.get("protocolVersion"), "server_info": initialized.get("serverInfo"),
                "tools": [tool["name"] for tool in tools], "result_bytes": result_bytes, "wire_bytes": wire_bytes,
                "call_result": first, "call_result_bytes": len(json.dumps(first, separators=(",", ":")).encode()),
                "raw_p50_ms": percentile(latencies, 0.5) * 1000, "raw_p90_ms": percentile(latencies, 0.9) * 1000,
                "raw_calls_per_second": 1 / mean}
    finally:
        process.stdin.close()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def resolve_tool(server: Server, names: list[str]) -> str:
    """The listed name of the server's get-deal tool: exact, else the one name that ends with it (a prefixed name)."""
    if server.tool in names:
        return server.tool
    matches = [name for name in names if name.endswith(server.tool)]
    if len(matches) != 1:
        raise RuntimeError(f"{server.name}: no single tool named like {server.tool!r} among {len(names)}: {matches or names[:20]}")
    return matches[0]


# ---------------------------------------------------------------------------------------------------------------
# Timing, with the mcp client (runs in the driver virtualenv)


def check(server: Server, result) -> None:
    """Fails unless `result` is a successful answer that holds the deal."""
    texts = [getattr(item, "text", "") or "" for item in (result.content or [])]
    structured = getattr(result, "structured_content", None)
    blob = "\n".join(texts) + (json.dumps(structured) if structured is not None else "")
    if getattr(result, "is_error", False) or DEAL_TITLE not in blob:
        raise RuntimeError(f"{server.name}: {server.tool} did not return the deal: is_error={getattr(result, 'is_error', None)} {blob[:500]!r}")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(1, math.ceil(fraction * len(ordered))) - 1]


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


async def one_run(server: Server, calls: int, warmup: int, errlog) -> dict:
    from mcp import ClientSession, StdioServerParameters
    from mcp.client.stdio import stdio_client

    parameters = StdioServerParameters(command=server.command[0], args=server.command[1:], env=server.env, cwd=server.cwd)
    ours = os.getpid()
    before = set(children(ours))
    spawned = time.perf_counter()
    async with stdio_client(parameters, errlog=errlog) as (read, write):
        async with ClientSession(read, write) as session:
            await session.initialize()
            initialized = time.perf_counter()
            first = await session.call_tool(server.tool, server.arguments)
            first_answer = time.perf_counter()
            check(server, first)
            spawned_now = [pid for pid in children(ours) if pid not in before]
            if len(spawned_now) != 1:
                raise RuntimeError(f"{server.name}: expected one new child process, found {spawned_now}")
            pid = spawned_now[0]

            for _ in range(warmup):
                check(server, await session.call_tool(server.tool, server.arguments))
            latencies = []
            for _ in range(calls):
                started = time.perf_counter()
                result = await session.call_tool(server.tool, server.arguments)
                latencies.append(time.perf_counter() - started)
                check(server, result)
            pings = []
            for _ in range(PINGS):
                started = time.perf_counter()
                await session.send_ping()
                pings.append(time.perf_counter() - started)
            rss = rss_kib(pid)
    mean = sum(latencies) / len(latencies)
    return {
        "startup_ms": (first_answer - spawned) * 1000, "initialize_ms": (initialized - spawned) * 1000,
        "first_call_ms": (first_answer - initialized) * 1000,
        "p50_ms": percentile(latencies, 0.50) * 1000, "p90_ms": percentile(latencies, 0.90) * 1000,
        "p99_ms": percentile(latencies, 0.99) * 1000, "mean_ms": mean * 1000, "max_ms": max(latencies) * 1000,
        "calls_per_second": 1 / mean, "ping_p50_ms": percentile(pings, 0.50) * 1000, "rss_kib": rss,
    }


def bench_server(name: str, binary: Path, arguments: argparse.Namespace, canned: Path | None) -> dict:
    workdir = WORK / name
    workdir.mkdir(parents=True, exist_ok=True)
    with open(workdir / "sandbox.log", "w") as sandbox_log, open(workdir / "server.log", "w") as errlog:
        sandbox, sandbox_url = toolport_stack.start_sandbox(binary, sandbox_log, "--latency-ms", "0", "--log-level", "warning")
        try:
            deal_id = create_deal(sandbox_url)
            server = make_server(name, binary, sandbox_url, deal_id, workdir, canned)
            listing = probe(server, arguments.calls, arguments.warmup, errlog)
            log(f"== {name}: {len(listing['tools'])} tools, {listing['result_bytes']} bytes; {server.tool} "
                f"{json.dumps(server.arguments)} against {sandbox_url}: answer {listing['call_result_bytes']} bytes, "
                f"raw p50 {listing['raw_p50_ms']:.3f} ms ({listing['raw_calls_per_second']:.0f} calls/s)")
            runs = []
            for index in range(arguments.runs):
                run = asyncio.run(one_run(server, arguments.calls, arguments.warmup, errlog))
                log(f"   run {index + 1}: p50 {run['p50_ms']:.3f} ms, p99 {run['p99_ms']:.3f} ms, "
                    f"{run['calls_per_second']:.0f} calls/s, start-up {run['startup_ms']:.0f} ms, "
                    f"ping p50 {run['ping_p50_ms']:.3f} ms, RSS {run['rss_kib'] / 1024:.1f} MiB")
                runs.append(run)
        finally:
            toolport_stack.stop([sandbox])
    summary = {key: median([run[key] for run in runs]) for key in runs[0]}
    return {
        "name": name, "command": server.command, "tool": server.tool, "arguments": server.arguments,
        "tools": len(listing["tools"]), "tools_list_bytes": listing["result_bytes"],
        "tools_list_wire_bytes": listing["wire_bytes"], "protocol_version": listing["protocol_version"],
        "call_result_bytes": listing["call_result_bytes"], "call_result": listing["call_result"],
        "raw": {key: listing[key] for key in ("raw_p50_ms", "raw_p90_ms", "raw_calls_per_second")},
        "server_info": listing["server_info"], "median_of_runs": summary, "runs": runs, "versions": server.versions,
    }


# ---------------------------------------------------------------------------------------------------------------
# Report


def markdown(results: list[dict], ratios: dict[str, float]) -> str:
    header = ["server", "p50 ms", "p90 ms", "p99 ms", "calls/s", "Toolport ÷ this", "start-up ms", "RSS MiB",
              "tools/list bytes", "tools", "ping p50 ms", "raw p50 ms", "raw calls/s"]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    for result in results:
        m = result["median_of_runs"]
        ratio = ratios.get(result["name"])
        lines.append("| " + " | ".join([
            result["name"], f"{m['p50_ms']:.3f}", f"{m['p90_ms']:.3f}", f"{m['p99_ms']:.3f}", f"{m['calls_per_second']:.0f}",
            "—" if ratio is None else f"{ratio:.1f}×", f"{m['startup_ms']:.0f}", f"{m['rss_kib'] / 1024:.1f}",
            f"{result['tools_list_bytes']:,}", str(result["tools"]), f"{m['ping_p50_ms']:.3f}",
            f"{result['raw']['raw_p50_ms']:.3f}", f"{result['raw']['raw_calls_per_second']:.0f}",
        ]) + " |")
    return "\n".join(lines)


def resolve_binary(explicit: str | None) -> Path:
    if explicit:
        path = Path(explicit).resolve()
        if not path.exists():
            sys.exit(f"no toolport binary at {path}")
        return path
    release = REPOSITORY / ".build" / "release" / "toolport"
    if release.exists():
        return release.resolve()
    log("warning: no .build/release/toolport; using the debug build (much slower: build with "
        "`swift build -c release --product toolport`)")
    return toolport_stack.binary("debug").resolve()


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", help="the toolport binary (default: .build/release/toolport, else the debug build)")
    parser.add_argument("--calls", type=int, default=300, help="timed sequential calls per run (default 300)")
    parser.add_argument("--runs", type=int, default=3, help="runs per server, each on a fresh process (default 3)")
    parser.add_argument("--warmup", type=int, default=20, help="untimed calls before each run (default 20)")
    parser.add_argument("--servers", default=",".join(SERVERS), help=f"comma-separated subset of {','.join(SERVERS)}")
    parser.add_argument("--json", help="write the full results here")
    arguments = parser.parse_args(argv)
    arguments.servers = [name.strip() for name in arguments.servers.split(",") if name.strip()]
    unknown = set(arguments.servers) - set(SERVERS)
    if unknown:
        parser.error(f"unknown servers: {', '.join(sorted(unknown))}")
    if arguments.calls < 1 or arguments.runs < 1 or arguments.warmup < 0:
        parser.error("--calls and --runs must be at least 1, --warmup at least 0")
    return arguments


def main(argv: list[str]) -> None:
    arguments = parse(argv)
    if os.environ.get(IN_DRIVER) != "1":
        for name in ["driver", *[server for server in arguments.servers if server in VENV_REQUIREMENTS]]:
            ensure_venv(name)
        driver = VENVS / "driver" / "bin" / "python"
        os.environ[IN_DRIVER] = "1"
        os.execv(str(driver), [str(driver), str(Path(__file__).resolve()), *argv])

    binary = resolve_binary(arguments.binary)
    log(f"== toolport binary: {binary}")
    results, canned = [], None
    # Toolport first: the floor server replays its answer.
    for name in sorted(arguments.servers, key=lambda name: (name != "toolport", name == "floor")):
        results.append(bench_server(name, binary, arguments, canned))
        if name == "toolport":
            canned = WORK / "toolport-answer.json"
            canned.write_text(json.dumps(results[-1]["call_result"]))
    by_name = {result["name"]: result for result in results}
    cps = {name: result["median_of_runs"]["calls_per_second"] for name, result in by_name.items()}
    ratios: dict[str, float] = {}
    if "toolport" in cps:
        ratios = {name: cps["toolport"] / cps[name] for name in PEER_NAMES if name in cps}
    # The best ratio any server could reach against each peer with this client: the floor's calls/s over the peer's.
    ceilings = {name: cps["floor"] / cps[name] for name in PEER_NAMES if name in cps and "floor" in cps}
    report = {
        "benchmark": "sequential MCP tools/call over stdio: get one deal by id from toolport sandbox (latency 0)",
        "calls": arguments.calls, "runs": arguments.runs, "warmup": arguments.warmup,
        "binary": str(binary), "driver": frozen("driver"),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()},
        "servers": results,
        "toolport_calls_per_second_over_peer": ratios,
        "floor_calls_per_second_over_peer": ceilings,
        "target_ratio": TARGET_RATIO,
        "target_met": bool(ratios) and all(ratio >= TARGET_RATIO for ratio in ratios.values()),
    }
    if arguments.json:
        Path(arguments.json).parent.mkdir(parents=True, exist_ok=True)
        Path(arguments.json).write_text(json.dumps(report, indent=2) + "\n")
    print(markdown(results, ratios))
    if ratios:
        print()
        print(f"Target: Toolport ≥ {TARGET_RATIO:.0f}× each peer's calls/s — "
              + ("met" if report["target_met"] else "not met")
              + " (" + ", ".join(f"{name} {ratio:.1f}×" for name, ratio in ratios.items()) + ").")
    if ceilings:
        print(f"Ceiling with this client (floor calls/s ÷ peer calls/s): "
              + ", ".join(f"{name} {ratio:.1f}×" for name, ratio in ceilings.items()) + ".")


if __name__ == "__main__":
    main(sys.argv[1:])
