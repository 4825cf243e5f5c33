"""PostgreSQL stops for a few seconds under traffic and comes back: the replicas answer cleanly and promptly
while it is down, recover by themselves, and lose no write they acknowledged.

This module runs its own cluster (scripts/postgres-cluster.sh) so stopping it disturbs nothing else.
"""
from __future__ import annotations

import collections
import json
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

import replica_cluster
from replica_cluster import API, cluster, connect_api_token, create_auth_config, expect

replica_cluster.require_postgres()

DB_TIMEOUT = 2
HANG_LIMIT = DB_TIMEOUT + 2   # no answer may take longer than this
DOWN_SECONDS = 4.5            # how long PostgreSQL stays stopped
RECOVERY_LIMIT = 10           # seconds after `resume` by which both replicas must serve again
WARM_SECONDS = 2
STEADY_SECONDS = 3            # traffic after both recovered; all of it must succeed
SEED_USER = "restart-seed"


@dataclass
class Outcome:
    kind: str                  # write, list, readyz
    replica: str
    started: float             # time.monotonic()
    finished: float
    status: int | None         # None: no HTTP answer (timeout, connection error)
    body: bytes
    error: str | None = None
    account_id: str | None = None

    @property
    def seconds(self) -> float:
        return self.finished - self.started

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300

    def short(self) -> str:
        return (f"{self.kind}@{self.replica} HTTP {self.status} in {self.seconds:.2f}s "
                f"{(self.error or self.body[:160].decode(errors='replace'))!r}")


@pytest.fixture(scope="module")
def own_cluster():
    """A cluster of this module's own: (its directory, its URL). Removed at the end."""
    directory = Path(tempfile.mkdtemp(prefix="toolport-replicas-pg-"))
    try:
        url = cluster("start", directory)
        assert url.startswith("postgres://"), url
        yield directory, url
    finally:
        cluster("remove", directory)


@pytest.fixture(scope="module")
def restart_deployment(workdir, own_cluster):
    _, url = own_cluster
    with replica_cluster.replicas_a_and_b(workdir, url, db_timeout=DB_TIMEOUT, pool_size=4) as running:
        yield running


class Traffic:
    """A writer alternating between the replicas and, per replica, a /readyz reader and a list reader."""

    def __init__(self, replicas, config_id: str):
        self.replicas = replicas
        self.config_id = config_id
        self.outcomes: list[Outcome] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self.write, daemon=True)]
        for replica in replicas:
            self.threads.append(threading.Thread(target=self.read, args=(replica, "readyz"), daemon=True))
            self.threads.append(threading.Thread(target=self.read, args=(replica, "list"), daemon=True))

    def start(self):
        for thread in self.threads:
            thread.start()

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=HANG_LIMIT + 10)
        assert not any(thread.is_alive() for thread in self.threads), "a traffic thread did not stop"

    def record(self, kind: str, replica, method: str, path: str, body=None, api_key=replica_cluster.API_KEY):
        started = time.monotonic()
        try:
            status, _, answer = replica.api(method, path, body, api_key=api_key, timeout=HANG_LIMIT + 1)
            outcome = Outcome(kind, replica.name, started, time.monotonic(), status, answer)
        except Exception as error:  # noqa: BLE001 - a hang or a dropped connection is a finding
            outcome = Outcome(kind, replica.name, started, time.monotonic(), None, b"", repr(error))
        with self.lock:
            self.outcomes.append(outcome)
        return outcome

    def write(self):
        number = 0
        while not self.stopping.is_set():
            replica = self.replicas[number % len(self.replicas)]
            started = time.monotonic()
            try:
                status, _, answer = connect_api_token(replica, self.config_id, f"writer-{number}",
                                                      timeout=HANG_LIMIT + 1)
                outcome = Outcome("write", replica.name, started, time.monotonic(), status, answer)
                if outcome.ok:
                    outcome.account_id = json.loads(answer)["id"]
            except Exception as error:  # noqa: BLE001
                outcome = Outcome("write", replica.name, started, time.monotonic(), None, b"", repr(error))
            with self.lock:
                self.outcomes.append(outcome)
            number += 1
            time.sleep(0.02)

    def read(self, replica, kind: str):
        while not self.stopping.is_set():
            if kind == "readyz":
                self.record(kind, replica, "GET", "/readyz", api_key=None)
            else:
                self.record(kind, replica, "GET", f"{API}/connected_accounts?user_ids={SEED_USER}&limit=10")
            time.sleep(0.02)

    def snapshot(self) -> list[Outcome]:
        with self.lock:
            return list(self.outcomes)


def counts(outcomes: list[Outcome]) -> str:
    """`write@A: 201×40, 503×3; …` for assertion messages."""
    table: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for outcome in outcomes:
        table[f"{outcome.kind}@{outcome.replica}"][outcome.status if outcome.status is not None else "no answer"] += 1
    return "; ".join(f"{key}: " + ", ".join(f"{status}×{n}" for status, n in sorted(counter.items(), key=str))
                     for key, counter in sorted(table.items())) or "nothing"


def slowest(outcomes: list[Outcome]) -> str:
    """The slowest answer of each kind, e.g. `write 2.01s (503)`."""
    parts = []
    for kind in ("write", "list", "readyz"):
        mine = [o for o in outcomes if o.kind == kind]
        if mine:
            worst = max(mine, key=lambda o: o.seconds)
            parts.append(f"{kind} {worst.seconds:.2f}s ({worst.status})")
    return ", ".join(parts)


def envelope_slug(outcome: Outcome) -> str | None:
    try:
        return json.loads(outcome.body)["error"]["slug"]
    except (ValueError, KeyError, TypeError):
        return None


def has_envelope(outcome: Outcome) -> bool:
    try:
        body = json.loads(outcome.body)
    except ValueError:
        return False
    return isinstance(body, dict) and isinstance(body.get("error"), dict) and bool(body["error"].get("message"))


def test_database_restart_during_traffic(restart_deployment, own_cluster):
    directory, url = own_cluster
    deployment = restart_deployment
    a, b = deployment.replicas["A"], deployment.replicas["B"]
    pids = {replica.name: replica.process.pid for replica in (a, b)}
    config_id = create_auth_config(a, "API_KEY")
    expect(connect_api_token(b, config_id, SEED_USER), 201)

    traffic = Traffic([a, b], config_id)
    traffic.start()
    try:
        time.sleep(WARM_SECONDS)
        warm = traffic.snapshot()
        assert all(outcome.ok for outcome in warm), f"failures before PostgreSQL stopped: {counts(warm)}; " \
            f"{[o.short() for o in warm if not o.ok][:5]}"

        stopping_at = time.monotonic()
        cluster("stop", directory)
        down_at = time.monotonic()
        # Liveness does not depend on the database.
        time.sleep(0.5)
        for replica in (a, b):
            status, _, body = replica.api("GET", "/healthz", api_key=None, timeout=2)
            assert status == 200, f"/healthz on {replica.name} while PostgreSQL is down: HTTP {status} {body[:200]!r}"
        time.sleep(max(0.0, DOWN_SECONDS - (time.monotonic() - down_at)))
        resuming_at = time.monotonic()
        cluster("resume", directory)
        up_at = time.monotonic()

        # Wait until each replica has served a write and a list again (or the limit passes).
        recovered: dict[str, float] = {}
        while time.monotonic() < up_at + RECOVERY_LIMIT + HANG_LIMIT and len(recovered) < 2:
            time.sleep(0.1)
            for name in ("A", "B"):
                done = [o for o in traffic.snapshot() if o.replica == name and o.started >= up_at and o.ok]
                if name not in recovered and {o.kind for o in done} >= {"write", "list", "readyz"}:
                    recovered[name] = max(min(o.finished for o in done if o.kind == kind)
                                          for kind in ("write", "list", "readyz")) - up_at
        steady_from = time.monotonic()
        time.sleep(STEADY_SECONDS)
    finally:
        traffic.stop()
    outcomes = traffic.snapshot()
    summary = (f"all: {counts(outcomes)} | PostgreSQL stopped {down_at - stopping_at:.1f}s after the stop began, "
               f"down for {resuming_at - down_at:.1f}s, up {up_at - resuming_at:.1f}s after resume began; "
               f"recovered after { {name: round(seconds, 2) for name, seconds in recovered.items()} } s; slowest "
               f"answers: {slowest(outcomes)}")
    print(summary)

    # Never a 500, never a hang, never an answer without the envelope.
    server_errors = [o.short() for o in outcomes if o.status == 500]
    assert not server_errors, f"{len(server_errors)} answers were 500: {server_errors[:5]} — {summary}"
    hangs = [o.short() for o in outcomes if o.status is None or o.seconds > HANG_LIMIT]
    assert not hangs, (f"{len(hangs)} requests got no answer within {HANG_LIMIT}s "
                       f"(--db-timeout {DB_TIMEOUT} + 2): {hangs[:5]} — {summary}")
    bare = [o.short() for o in outcomes if not o.ok and o.kind != "readyz" and not has_envelope(o)]
    assert not bare, f"{len(bare)} error answers lack the error envelope: {bare[:5]} — {summary}"
    mislabelled = [o.short() for o in outcomes if o.kind != "readyz" and o.status == 503
                   and envelope_slug(o) != "Service_Unavailable"]
    assert not mislabelled, f"503 answers without slug Service_Unavailable (docs/api.md): {mislabelled[:5]} — {summary}"
    not_503 = [o.short() for o in outcomes if o.kind == "readyz" and not o.ok and o.status != 503]
    assert not not_503, f"/readyz failed with something other than 503: {not_503[:5]} — {summary}"

    # While PostgreSQL was down (requests sent after `stop` returned and answered before `resume` began):
    # nothing that needs the database succeeded, and there were such requests on both replicas.
    down = [o for o in outcomes if o.started >= down_at and o.finished <= resuming_at]
    down_summary = f"while down: {counts(down)} — {summary}"
    succeeded_while_down = [o.short() for o in down if o.ok]
    assert not succeeded_while_down, f"answers succeeded with PostgreSQL down: {succeeded_while_down[:5]} — {down_summary}"
    for name in ("A", "B"):
        for kind in ("readyz", "list"):
            assert any(o.replica == name and o.kind == kind for o in down), f"no {kind} on {name} while down — {down_summary}"
    assert any(o.kind == "write" for o in down), f"no write while down — {down_summary}"

    # Back without restarting: both replicas served every kind of call within RECOVERY_LIMIT of resume,
    # and everything after that settled succeeded.
    for name in ("A", "B"):
        assert name in recovered and recovered[name] <= RECOVERY_LIMIT, (
            f"replica {name} did not serve writes, lists and /readyz again within {RECOVERY_LIMIT}s of resume "
            f"— after resume: {counts([o for o in outcomes if o.started >= up_at])} — {summary}")
    steady = [o for o in outcomes if o.started >= steady_from]
    failed_steady = [o.short() for o in steady if not o.ok]
    assert steady and not failed_steady, (f"{len(failed_steady)} of {len(steady)} calls failed after recovery: "
                                          f"{failed_steady[:5]} — {summary}")
    for replica in (a, b):
        assert replica.alive() and replica.process.pid == pids[replica.name], f"{replica} was restarted or died"

    # No acknowledged write was lost: every id answered with 2xx is readable through both replicas.
    acknowledged = [(o.account_id, o.replica) for o in outcomes if o.kind == "write" and o.ok]
    assert acknowledged, summary
    lost = []
    for account_id, written_on in acknowledged:
        for replica in (a, b):
            status, _, body = replica.api("GET", f"{API}/connected_accounts/{account_id}")
            if status != 200 or json.loads(body).get("status") != "ACTIVE":
                lost.append(f"{account_id} (written on {written_on}) read on {replica.name}: HTTP {status} {body[:120]!r}")
    assert not lost, f"{len(lost)} of {len(acknowledged)} acknowledged writes are not readable: {lost[:5]} — {summary}"
    print(f"{len(acknowledged)} acknowledged writes, all readable through A and B")


LONG_DOWN_SECONDS = 35        # long enough for postgres-nio's own reconnect backoff to reach ~10 s
LONG_RECOVERY_LIMIT = 2.5     # seconds after `resume` by which a replica polled like a balancer is ready


def test_prompt_recovery_after_a_long_outage(restart_deployment, own_cluster):
    """After a long outage a replica serves again at once, not after postgres-nio's reconnect backoff
    (which grows to 60 s): a pool that has not reached the database for `--db-timeout` is replaced."""
    directory, _ = own_cluster
    replicas = list(restart_deployment.replicas.values())
    cluster("stop", directory)
    try:
        down_until = time.monotonic() + LONG_DOWN_SECONDS
        while time.monotonic() < down_until:
            for replica in replicas:   # a load balancer's readiness probes, once a second
                status, _, _ = replica.api("GET", "/readyz", api_key=None, timeout=HANG_LIMIT + 1)
                assert status == 503, f"/readyz on {replica.name} with PostgreSQL down: HTTP {status}"
            time.sleep(1)
    finally:
        cluster("resume", directory)
    up_at = time.monotonic()
    ready_after: dict[str, float] = {}
    while len(ready_after) < len(replicas) and time.monotonic() < up_at + 30:
        for replica in replicas:
            if replica.name not in ready_after:
                status, _, _ = replica.api("GET", "/readyz", api_key=None, timeout=HANG_LIMIT + 1)
                if status == 200:
                    ready_after[replica.name] = time.monotonic() - up_at
        time.sleep(0.1)
    print(f"ready again after a {LONG_DOWN_SECONDS} s outage: { {name: round(s, 2) for name, s in ready_after.items()} } s")
    for replica in replicas:
        assert ready_after.get(replica.name, 99) <= LONG_RECOVERY_LIMIT, (
            f"{replica.name} was not ready within {LONG_RECOVERY_LIMIT} s of resume: {ready_after}")
        assert expect(replica.api("GET", f"{API}/connected_accounts?limit=1"), 200)["items"] is not None
