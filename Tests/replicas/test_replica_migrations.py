"""Replicas started at the same moment on a brand-new database apply each schema migration exactly once."""
from __future__ import annotations

import threading

import replica_cluster
from replica_cluster import API, create_auth_config, expect, psql

replica_cluster.require_postgres()

REPLICAS = ("1", "2", "3")


def test_migrations_once_when_replicas_start_together(workdir, database):
    assert psql(database, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == [["0"]], \
        "the database is not brand-new"
    deployment = replica_cluster.Deployment(workdir, database)
    try:
        # Launched from three threads released together, so their migrations race.
        barrier = threading.Barrier(len(REPLICAS))
        errors: list[BaseException] = []

        def launch(name: str) -> None:
            try:
                barrier.wait(timeout=10)
                deployment.launch(name)
            except BaseException as error:  # noqa: BLE001 - reported below
                errors.append(error)

        threads = [threading.Thread(target=launch, args=(name,)) for name in REPLICAS]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not errors, errors
        replicas = [deployment.replicas[name] for name in REPLICAS]
        for replica in replicas:
            deployment.wait_ready(replica)
        for replica in replicas:
            assert replica.alive(), f"{replica} exited"
            assert expect(replica.api("GET", "/readyz", api_key=None), 200) == {"status": "ready"}
            assert replica.api("GET", "/healthz", api_key=None)[0] == 200

        rows = psql(database, "SELECT id, count(*) FROM toolport_migrations GROUP BY id ORDER BY id")
        counts = {row[0]: int(row[1]) for row in rows}
        assert all(count == 1 for count in counts.values()), f"migrations applied more than once: {counts}"
        missing = [migration for migration in replica_cluster.MIGRATION_IDS if migration not in counts]
        assert not missing, f"migrations {missing} are not recorded; toolport_migrations holds {counts}"

        # Every replica works on the one schema: what each creates, every other lists.
        created = {replica.name: create_auth_config(replica, "API_KEY") for replica in replicas}
        for replica in replicas:
            listed = expect(replica.api("GET", f"{API}/auth_configs?limit=1000"), 200)
            ids = {item["id"] for item in listed["items"]}
            assert set(created.values()) <= ids, f"replica {replica.name} lists {ids}, created {created}"
    finally:
        deployment.close()
