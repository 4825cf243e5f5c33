#!/usr/bin/env python3
"""Fixed-rate mixed-traffic soak: no errors, and no growth in the server's memory or open files.

Starts `toolport sandbox` + `toolport serve`, connects one API-token account ("soak-user") to the sandbox, creates
a deal there, and sends mixed traffic at a fixed rate (open loop: request i is due at start + i/rate whatever the
server's pace; a pool of keep-alive connections sends them) for a warm-up and then ``--duration`` seconds: tool
lists (20 at a time, and now and then the full list), single tools, executions of the get-deal tool against the
sandbox, and connected-account reads. Every second it samples the server's VmRSS and open descriptors
(/proc/PID/status, /proc/PID/fd) and the interval's requests, errors and latency.

    python3 bench/soak.py                                  # 600 s at 200 req/s, .build/release/toolport if built
    python3 bench/soak.py --duration 30 --json soak.json   # the short CI form

Prints a Markdown summary (with the RSS/fd curve) on stdout and exits 1 on any error (a non-2xx, an answer
that is not what was asked for, `successful: false`, a transport failure) or when the server dies; also when
``--max-rss-slope`` / ``--max-fd-slope`` are given and exceeded.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import queue
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from _common import (REPOSITORY, Client, default_binary, linear_slope, markdown_table, percentile,
                     toolport_stack, write_json)

API = "/api/v3.1"
USER_ID = "soak-user"

# (name, weight): the traffic mix.
MIX = [
    ("tools_list_20", 24),
    ("tools_list_full", 1),
    ("tool_get", 20),
    ("execute_get_deal", 30),
    ("account_get", 15),
    ("account_list", 10),
]


def find_get_deal_slug(binary: Path) -> str:
    """The slug of the get-deal tool, as `toolport tools list --search "get deal details"` ranks it first."""
    completed = subprocess.run([str(binary), "tools", "list", "--search", "get deal details", "--json"],
                               cwd=REPOSITORY, capture_output=True, text=True, check=True,
                               env=dict(os.environ, TOOLPORT_SCHEMAS=str(toolport_stack.SCHEMAS)))
    tools = json.loads(completed.stdout)
    if not tools:
        raise RuntimeError("`toolport tools list --search 'get deal details'` found nothing")
    return tools[0]["slug"]


def process_sample(pid: int) -> dict:
    """VmRSS (KiB), thread count and open descriptors of `pid`."""
    sample = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                sample["rss_kb"] = int(line.split()[1])
            elif line.startswith("Threads:"):
                sample["threads"] = int(line.split()[1])
    sample["fds"] = len(os.listdir(f"/proc/{pid}/fd"))
    return sample


def descriptor_kinds(pid: int) -> dict[str, int]:
    """What the open descriptors of `pid` are: database files, other files, sockets, pipes, eventfds, epolls…"""
    kinds: Counter = Counter()
    for name in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{name}")
        except OSError:
            continue
        if target.startswith("socket:"):
            kinds["socket"] += 1
        elif target.startswith("pipe:"):
            kinds["pipe"] += 1
        elif target.startswith("anon_inode:"):
            kinds[target.removeprefix("anon_inode:").strip("[]")] += 1
        elif ".sqlite" in target:
            kinds["database file" + target.rsplit(".sqlite", 1)[1]] += 1
        else:
            kinds["other"] += 1
    return dict(sorted(kinds.items()))


class Traffic:
    """The requests of the mix and the checks of their answers."""

    def __init__(self, deal_id: int, account_id: str, execute_slug: str, tool_slugs: list[str], total_tools: int):
        self.deal_id, self.account_id, self.execute_slug = deal_id, account_id, execute_slug
        self.tool_slugs, self.total_tools = tool_slugs, total_tools

    def request(self, kind: str, rng: random.Random) -> tuple[str, str, dict | None, object]:
        """(method, path, body, what the check needs)."""
        if kind == "tools_list_20":
            return "GET", f"{API}/tools?toolkit_slug=pipedrive&limit=20", None, None
        if kind == "tools_list_full":
            return "GET", f"{API}/tools?toolkit_slug=pipedrive", None, None
        if kind == "tool_get":
            slug = rng.choice(self.tool_slugs)
            return "GET", f"{API}/tools/{slug}", None, slug
        if kind == "execute_get_deal":
            return "POST", f"{API}/tools/execute/{self.execute_slug}", {"arguments": {"id": self.deal_id}, "user_id": USER_ID}, None
        if kind == "account_get":
            return "GET", f"{API}/connected_accounts/{self.account_id}", None, None
        if kind == "account_list":
            if rng.random() < 0.5:
                return "GET", f"{API}/connected_accounts?user_ids={USER_ID}", None, None
            return "GET", f"{API}/connected_accounts?limit=20", None, None
        raise ValueError(kind)

    def check(self, kind: str, status: int, payload: bytes, expected) -> str | None:
        """None when the answer is right, else what is wrong."""
        if not 200 <= status < 300:
            return f"HTTP {status}: {payload[:200].decode(errors='replace')}"
        try:
            body = json.loads(payload)
        except ValueError:
            return "answer is not JSON"
        if kind == "tools_list_20":
            if len(body.get("items", [])) != 20:
                return f"{len(body.get('items', []))} items, expected 20"
        elif kind == "tools_list_full":
            if len(body.get("items", [])) != self.total_tools:
                return f"{len(body.get('items', []))} items, expected {self.total_tools}"
        elif kind == "tool_get":
            if body.get("slug") != expected:
                return f"slug {body.get('slug')!r}, expected {expected!r}"
        elif kind == "execute_get_deal":
            if body.get("successful") is not True:
                return f"successful={body.get('successful')!r} error={str(body.get('error'))[:200]}"
            deal = ((body.get("data") or {}).get("data") or {})
            if deal.get("id") != self.deal_id:
                return f"deal id {deal.get('id')!r}, expected {self.deal_id}"
        elif kind == "account_get":
            if body.get("id") != self.account_id or body.get("status") != "ACTIVE":
                return f"account {body.get('id')!r} status {body.get('status')!r}"
        elif kind == "account_list":
            if not any(item.get("id") == self.account_id for item in body.get("items", [])):
                return "the soak account is not in the list"
        return None


class Recorder:
    """Per-second buckets of completed requests (by completion time since the start)."""

    def __init__(self, started: float):
        self.started = started
        self.lock = threading.Lock()
        self.buckets: dict[int, dict] = defaultdict(lambda: {"requests": 0, "errors": 0, "latencies": []})
        self.by_kind: dict[str, list[float]] = defaultdict(list)
        self.kind_errors: Counter = Counter()
        self.error_samples: list[dict] = []
        self.lags: list[float] = []

    def record(self, kind: str, due: float, sent: float, finished: float, problem: str | None) -> None:
        second = int(finished - self.started)
        with self.lock:
            bucket = self.buckets[second]
            bucket["requests"] += 1
            bucket["latencies"].append(finished - sent)
            self.by_kind[kind].append(finished - sent)
            self.lags.append(sent - due)
            if problem:
                bucket["errors"] += 1
                self.kind_errors[kind] += 1
                if len(self.error_samples) < 30:
                    self.error_samples.append({"t": round(finished - self.started, 3), "kind": kind, "problem": problem})


def worker(host: str, port: int, work: queue.Queue, traffic: Traffic, recorder: Recorder, seed: int) -> None:
    client = Client(host, port, timeout=30)
    rng = random.Random(seed)
    try:
        while True:
            item = work.get()
            if item is None:
                work.task_done()
                return
            due, kind = item
            method, path, body, expected = traffic.request(kind, rng)
            sent = time.monotonic()
            try:
                status, payload = client.request(method, path, body)
                problem = traffic.check(kind, status, payload, expected)
            except (OSError, http.client.HTTPException) as failure:
                problem = f"{type(failure).__name__}: {failure}"
            recorder.record(kind, due, sent, time.monotonic(), problem)
            work.task_done()
    finally:
        client.close()


def sampler(pid: int, process, started: float, end: float, samples: list[dict], stop: threading.Event) -> None:
    """One /proc sample at every whole second since `started`, up to `end`."""
    second = 0
    while not stop.is_set():
        target = started + second
        delay = target - time.monotonic()
        if delay > 0 and stop.wait(delay):
            break
        if process.poll() is not None:
            samples.append({"t": second, "dead": True})
            return
        try:
            samples.append(dict(process_sample(pid), t=second))
        except OSError:
            samples.append({"t": second, "dead": True})
            return
        second += 1
        if started + second > end + 0.5:
            break


def setup(stack, binary: Path) -> Traffic:
    status, _, payload = stack.sandbox("POST", "/v1/deals", {"title": "Soak deal", "value": 1234},
                                       headers={"x-api-token": toolport_stack.SANDBOX_TOKEN})
    if status // 100 != 2:
        raise RuntimeError(f"creating the sandbox deal: HTTP {status} {payload[:200]!r}")
    deal_id = json.loads(payload)["data"]["id"]
    status, _, payload = stack.api("POST", f"{API}/auth_configs", {
        "toolkit": {"slug": "pipedrive"},
        "auth_config": {"type": "use_custom_auth", "authScheme": "API_KEY", "name": "soak", "credentials": {}}})
    if status != 201:
        raise RuntimeError(f"creating the auth config: HTTP {status} {payload[:200]!r}")
    config_id = json.loads(payload)["auth_config"]["id"]
    status, _, payload = stack.api("POST", f"{API}/connected_accounts", {
        "auth_config": {"id": config_id},
        "connection": {"user_id": USER_ID, "state": {"authScheme": "API_KEY",
                                                     "val": {"generic_api_key": toolport_stack.SANDBOX_TOKEN}}}})
    if status != 201:
        raise RuntimeError(f"creating the connected account: HTTP {status} {payload[:200]!r}")
    account_id = json.loads(payload)["id"]
    status, _, payload = stack.api("GET", f"{API}/tools?toolkit_slug=pipedrive")
    if status != 200:
        raise RuntimeError(f"listing the tools: HTTP {status}")
    slugs = [item["slug"] for item in json.loads(payload)["items"]]
    execute_slug = find_get_deal_slug(binary)
    status, _, payload = stack.api("POST", f"{API}/tools/execute/{execute_slug}",
                                   {"arguments": {"id": deal_id}, "user_id": USER_ID})
    if status != 200 or json.loads(payload).get("successful") is not True:
        raise RuntimeError(f"the first execution of {execute_slug} failed: HTTP {status} {payload[:300]!r}")
    return Traffic(deal_id, account_id, execute_slug, slugs, len(slugs))


def database_bytes(workdir: Path) -> int:
    return sum(path.stat().st_size for path in workdir.glob("toolport.sqlite*") if path.is_file())


def run(arguments) -> tuple[dict, bool]:
    binary = default_binary(arguments.binary)
    seed = arguments.seed if arguments.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    workdir = Path(arguments.workdir or tempfile.mkdtemp(prefix="toolport-soak-"))
    workdir.mkdir(parents=True, exist_ok=True)
    warmup = arguments.warmup if arguments.warmup is not None else min(10.0, max(2.0, arguments.duration / 10))
    print(f"soak: binary={binary} workdir={workdir} rate={arguments.rate}/s duration={arguments.duration}s "
          f"warm-up={warmup}s connections={arguments.connections} seed={seed}", file=sys.stderr)

    stack = toolport_stack.Stack.start(binary, workdir)
    failures: list[str] = []
    try:
        traffic = setup(stack, binary)
        address = urlsplit(stack.server_url)
        pid = stack.server.pid
        idle_before = dict(process_sample(pid), kinds=descriptor_kinds(pid))
        kinds = [name for name, _ in arguments.mix]
        weights = [weight for _, weight in arguments.mix]

        started = time.monotonic()
        main_start = started + warmup
        end = main_start + arguments.duration
        recorder = Recorder(started)
        samples: list[dict] = []
        stop_sampling = threading.Event()
        sampling = threading.Thread(target=sampler, args=(pid, stack.server, started, end, samples, stop_sampling),
                                    daemon=True)
        sampling.start()
        work: queue.Queue = queue.Queue()
        workers = [threading.Thread(target=worker, args=(address.hostname, address.port, work, traffic, recorder,
                                                         rng.randrange(1 << 30)), daemon=True)
                   for _ in range(arguments.connections)]
        for thread in workers:
            thread.start()

        # Open loop: request i is due at started + i/rate, whether or not earlier ones are done.
        scheduled = 0
        max_backlog = 0
        total = int((warmup + arguments.duration) * arguments.rate)
        while scheduled < total:
            due = started + scheduled / arguments.rate
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            work.put((due, rng.choices(kinds, weights)[0]))
            scheduled += 1
            if scheduled % 50 == 0:
                max_backlog = max(max_backlog, work.qsize())
                if stack.server.poll() is not None:
                    failures.append(f"the server exited with {stack.server.returncode} during the soak")
                    break
        time.sleep(max(0.0, end + 0.1 - time.monotonic()))  # the sample at the last second
        stop_sampling.set()
        sampling.join(timeout=5)
        work.join()  # every request answered; the connections are still open
        drained = time.monotonic()
        final_sample = idle_after = None
        if stack.server.poll() is None:
            final_sample = dict(process_sample(pid), t=round(drained - started, 1), kinds=descriptor_kinds(pid))
        for _ in workers:
            work.put(None)
        for thread in workers:
            thread.join(timeout=60)
        time.sleep(1.0)  # the server notices the closed connections
        if stack.server.poll() is None:
            idle_after = dict(process_sample(pid), kinds=descriptor_kinds(pid))
        else:
            failures.append(f"the server exited with {stack.server.returncode}")
        database_size = database_bytes(workdir)
    finally:
        stack.close()

    # The per-second series: the /proc sample at second k, and the requests completed during (k-1, k].
    series = []
    for sample in samples:
        second = sample["t"]
        bucket = recorder.buckets.get(second - 1, {"requests": 0, "errors": 0, "latencies": []})
        series.append({
            "t": second, "phase": "warmup" if second <= warmup else "soak" if second <= warmup + arguments.duration else "drain",
            "rss_kb": sample.get("rss_kb"), "fds": sample.get("fds"), "threads": sample.get("threads"),
            "requests": bucket["requests"], "errors": bucket["errors"],
            "p50_ms": round(percentile(bucket["latencies"], 0.5) * 1000, 2) if bucket["latencies"] else None,
            "p99_ms": round(percentile(bucket["latencies"], 0.99) * 1000, 2) if bucket["latencies"] else None,
        })
    soak_seconds = [second for second in recorder.buckets if second >= warmup]
    soak_buckets = [recorder.buckets[second] for second in soak_seconds]
    soak_latencies = [value for bucket in soak_buckets for value in bucket["latencies"]]
    soak_requests = sum(bucket["requests"] for bucket in soak_buckets)
    warmup_requests = sum(bucket["requests"] for second, bucket in recorder.buckets.items() if second < warmup)
    total_errors = sum(bucket["errors"] for bucket in recorder.buckets.values())
    soak_errors = sum(bucket["errors"] for bucket in soak_buckets)
    live = [point for point in series if point["phase"] == "soak" and point["rss_kb"] is not None]
    minutes = [(point["t"] - warmup) / 60 for point in live]
    rss_slope = linear_slope(minutes, [point["rss_kb"] for point in live])
    fd_slope = linear_slope(minutes, [point["fds"] for point in live])
    # Caches and thread pools fill during the first minutes; a leak keeps growing in the second half too.
    half = [index for index, value in enumerate(minutes) if value >= minutes[-1] / 2] if minutes else []
    late_rss_slope = linear_slope([minutes[i] for i in half], [live[i]["rss_kb"] for i in half])
    late_fd_slope = linear_slope([minutes[i] for i in half], [live[i]["fds"] for i in half])
    first = live[0] if live else None
    last = live[-1] if live else None

    step = 60 if arguments.duration > 600 else arguments.duration / 10
    checkpoints = []
    for index in range(0, int(arguments.duration / step + 1e-9) + 1):
        moment = warmup + index * step
        point = min(live, key=lambda item: abs(item["t"] - moment)) if live else None
        if point is None:
            continue
        window = [bucket for second, bucket in recorder.buckets.items() if moment - step <= second < moment]
        latencies = [value for bucket in window for value in bucket["latencies"]]
        checkpoints.append({
            "t": point["t"], "rss_kb": point["rss_kb"], "fds": point["fds"], "threads": point["threads"],
            "window_requests": sum(bucket["requests"] for bucket in window),
            "window_errors": sum(bucket["errors"] for bucket in window),
            "window_p50_ms": round(percentile(latencies, 0.5) * 1000, 2) if latencies else None,
            "window_p99_ms": round(percentile(latencies, 0.99) * 1000, 2) if latencies else None,
        })

    if total_errors:
        failures.append(f"{total_errors} errors ({soak_errors} after the warm-up): {dict(recorder.kind_errors)}")
    if arguments.max_rss_slope is not None and rss_slope is not None and rss_slope > arguments.max_rss_slope:
        failures.append(f"RSS grows {rss_slope:.0f} KiB/min (limit {arguments.max_rss_slope})")
    if arguments.max_fd_slope is not None and fd_slope is not None and fd_slope > arguments.max_fd_slope:
        failures.append(f"open descriptors grow {fd_slope:.2f}/min (limit {arguments.max_fd_slope})")
    lags = sorted(recorder.lags)
    report = {
        "binary": str(binary), "seed": seed, "rate_target": arguments.rate, "duration_s": arguments.duration,
        "warmup_s": warmup, "connections": arguments.connections, "mix": dict(arguments.mix),
        "execute_slug": traffic.execute_slug,
        "requests_total": soak_requests + warmup_requests, "requests_soak": soak_requests,
        "requests_warmup": warmup_requests,
        "achieved_rate": round(soak_requests / arguments.duration, 1) if arguments.duration else None,
        "errors_total": total_errors, "errors_soak": soak_errors, "errors_by_kind": dict(recorder.kind_errors),
        "error_samples": recorder.error_samples,
        "latency_ms": {
            "p50": round(percentile(soak_latencies, 0.5) * 1000, 2) if soak_latencies else None,
            "p99": round(percentile(soak_latencies, 0.99) * 1000, 2) if soak_latencies else None,
            "max": round(max(soak_latencies) * 1000, 2) if soak_latencies else None,
            "by_kind": {kind: {"count": len(values),
                               "p50": round(percentile(values, 0.5) * 1000, 2),
                               "p99": round(percentile(values, 0.99) * 1000, 2)}
                        for kind, values in sorted(recorder.by_kind.items())},
        },
        "schedule_lag_ms": {"p50": round(percentile(lags, 0.5) * 1000, 2) if lags else None,
                            "p99": round(percentile(lags, 0.99) * 1000, 2) if lags else None,
                            "max": round(lags[-1] * 1000, 2) if lags else None},
        "max_queue_backlog": max_backlog,
        "rss_kb": {"start": first and first["rss_kb"], "end": last and last["rss_kb"],
                   "after_drain": final_sample and final_sample["rss_kb"],
                   "idle_before_traffic": idle_before["rss_kb"], "idle_after_traffic": idle_after and idle_after["rss_kb"],
                   "max": max((point["rss_kb"] for point in live), default=None),
                   "slope_kb_per_min": None if rss_slope is None else round(rss_slope, 1),
                   "slope_second_half_kb_per_min": None if late_rss_slope is None else round(late_rss_slope, 1)},
        "fds": {"start": first and first["fds"], "end": last and last["fds"],
                "after_drain": final_sample and final_sample["fds"],
                "idle_before_traffic": idle_before["fds"], "idle_after_traffic": idle_after and idle_after["fds"],
                "kinds_idle_before": idle_before["kinds"], "kinds_at_end": final_sample and final_sample["kinds"],
                "kinds_idle_after": idle_after and idle_after["kinds"],
                "max": max((point["fds"] for point in live), default=None),
                "slope_per_min": None if fd_slope is None else round(fd_slope, 3),
                "slope_second_half_per_min": None if late_fd_slope is None else round(late_fd_slope, 3)},
        "threads": {"start": first and first["threads"], "end": last and last["threads"]},
        "database_bytes_end": database_size,
        "checkpoints": checkpoints,
        "failures": failures,
        "series": series,
        "workdir": str(workdir),
    }
    passed = not failures
    report["passed"] = passed
    if passed and not arguments.workdir and not arguments.keep:
        shutil.rmtree(workdir, ignore_errors=True)
        report["workdir"] = None
    return report, passed


def markdown(report: dict) -> str:
    rss, fds, latency = report["rss_kb"], report["fds"], report["latency_ms"]
    mb = lambda kb: "n/a" if kb is None else f"{kb / 1024:.1f} MiB"  # noqa: E731
    lines = [
        f"## Soak: {'PASS' if report['passed'] else 'FAIL'}",
        "",
        f"Binary `{report['binary']}`, {report['rate_target']} req/s target for {report['duration_s']} s after a "
        f"{report['warmup_s']} s warm-up, {report['connections']} keep-alive connections, execute tool "
        f"`{report['execute_slug']}`.",
        "",
        markdown_table(["measure", "value"], [
            ["requests (soak / with warm-up)", f"{report['requests_soak']} / {report['requests_total']}"],
            ["achieved rate", f"{report['achieved_rate']} req/s"],
            ["errors", f"**{report['errors_total']}** {report['errors_by_kind'] or ''}"],
            ["latency p50 / p99 / max", f"{latency['p50']} / {latency['p99']} / {latency['max']} ms"],
            ["send lag behind schedule p50 / p99 / max",
             f"{report['schedule_lag_ms']['p50']} / {report['schedule_lag_ms']['p99']} / {report['schedule_lag_ms']['max']} ms"],
            ["RSS start → end (max)", f"{mb(rss['start'])} → {mb(rss['end'])} ({mb(rss['max'])})"],
            ["RSS slope (linear fit: whole run / second half)",
             f"{rss['slope_kb_per_min']} / {rss['slope_second_half_kb_per_min']} KiB/min"],
            ["open fds start → end (max)", f"{fds['start']} → {fds['end']} ({fds['max']})"],
            ["idle, clients disconnected: fds before → after the traffic",
             f"{fds['idle_before_traffic']} → {fds['idle_after_traffic']}"],
            ["fd kinds, idle after the traffic", ", ".join(f"{kind} {count}" for kind, count in (fds["kinds_idle_after"] or {}).items())],
            ["idle: RSS before → after the traffic", f"{mb(rss['idle_before_traffic'])} → {mb(rss['idle_after_traffic'])}"],
            ["fd slope (linear fit: whole run / second half)",
             f"{fds['slope_per_min']} / {fds['slope_second_half_per_min']} per min"],
            ["threads start → end", f"{report['threads']['start']} → {report['threads']['end']}"],
            ["database + WAL at the end", "n/a" if report["database_bytes_end"] is None
             else f"{report['database_bytes_end'] / 1048576:.1f} MiB"],
        ]),
        "",
        markdown_table(["t (s)", "RSS", "fds", "threads", "requests in window", "errors", "p50", "p99"], [
            [point["t"], mb(point["rss_kb"]), point["fds"], point["threads"], point["window_requests"],
             point["window_errors"], f"{point['window_p50_ms']} ms", f"{point['window_p99_ms']} ms"]
            for point in report["checkpoints"]
        ]),
        "",
        markdown_table(["request", "count", "p50", "p99"], [
            [kind, values["count"], f"{values['p50']} ms", f"{values['p99']} ms"]
            for kind, values in latency["by_kind"].items()
        ]),
    ]
    if report["duration_s"] < 300:
        lines += ["", f"_A {report['duration_s']:g} s run: its slopes mostly show caches, SQLite reader connections and "
                      "thread pools filling up; judge leaks on a run of 5 minutes or more (the second-half slope)._"]
    if report["failures"]:
        lines += ["", "### Failures", ""] + [f"- {failure}" for failure in report["failures"]]
        lines += [f"- t={sample['t']} s {sample['kind']}: {sample['problem']}" for sample in report["error_samples"][:10]]
        if report.get("workdir"):
            lines.append(f"- files kept in `{report['workdir']}`")
    return "\n".join(lines)


def parse_mix(text: str) -> list[tuple[str, float]]:
    """`kind=weight,…` over the kinds of MIX."""
    known = {name for name, _ in MIX}
    mix = []
    for part in text.split(","):
        name, _, weight = part.strip().partition("=")
        if name not in known:
            raise argparse.ArgumentTypeError(f"unknown request kind {name!r}; known: {', '.join(sorted(known))}")
        mix.append((name, float(weight or 1)))
    if not any(weight > 0 for _, weight in mix):
        raise argparse.ArgumentTypeError("the mix needs a positive weight")
    return mix


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=600, help="seconds of measured traffic (default 600)")
    parser.add_argument("--rate", type=float, default=200, help="requests per second, all kinds together (default 200)")
    parser.add_argument("--warmup", type=float, help="seconds of traffic before measuring (default: duration/10, 2–10 s)")
    parser.add_argument("--connections", type=int, default=32, help="keep-alive connections / sender threads (default 32)")
    parser.add_argument("--binary", help="the toolport binary (default: .build/release/toolport if built, else debug)")
    parser.add_argument("--workdir", help="where the database and logs go (default: a temporary directory)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory even when the run passes")
    parser.add_argument("--seed", type=int, help="random seed of the mix")
    parser.add_argument("--mix", type=parse_mix, default=MIX,
                        help="request kinds and weights, e.g. execute_get_deal=3,tool_get=1 (default: "
                             + ",".join(f"{name}={weight}" for name, weight in MIX) + ")")
    parser.add_argument("--max-rss-slope", type=float, help="fail when RSS grows faster than this many KiB/min")
    parser.add_argument("--max-fd-slope", type=float, help="fail when open descriptors grow faster than this per minute")
    parser.add_argument("--json", help="write the full report (the per-second series included) here")
    arguments = parser.parse_args()
    if arguments.duration <= 0 or arguments.rate <= 0 or arguments.connections < 1:
        parser.error("need --duration > 0, --rate > 0 and --connections >= 1")
    report, passed = run(arguments)
    write_json(arguments.json, report)
    print(markdown(report))
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
