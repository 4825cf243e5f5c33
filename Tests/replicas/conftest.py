"""Fixtures of the replicas suite: Toolport replicas sharing one PostgreSQL database.

Needs `TOOLPORT_TEST_POSTGRES_URL` (a role with CREATEDB; scripts/test.sh starts a throwaway cluster and
sets it). Without it every module here is skipped, loudly (a banner in the header and in the summary);
with `TOOLPORT_TEST_POSTGRES_REQUIRED=1` that is a failure instead.

Each module gets a database of its own (`tp_<random>`, dropped afterwards), except
test_replica_database_restart.py, which stops and restarts PostgreSQL and so runs its own cluster.
When a test fails, the tail of every running process's log is attached to its report.
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import replica_cluster  # noqa: E402


def pytest_report_header(config):
    if not replica_cluster.POSTGRES_URL:
        return ["!" * 100, replica_cluster.SKIP_REASON, "!" * 100]
    return [f"replicas suite: PostgreSQL at {replica_cluster.POSTGRES_URL}"]


def pytest_terminal_summary(terminalreporter):
    if not replica_cluster.POSTGRES_URL:
        terminalreporter.write_sep("!", "Tests/replicas did not run", red=True, bold=True)
        terminalreporter.write_line(replica_cluster.SKIP_REASON, red=True, bold=True)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.failed:
        for label, path in list(replica_cluster.LOGS.items()):
            report.sections.append((label, replica_cluster.tail(path)))


@pytest.fixture(scope="module")
def postgres_url() -> str:
    return replica_cluster.require_postgres()


@pytest.fixture(scope="module")
def workdir(request):
    """A temporary directory for the module's logs; kept when a test failed."""
    path = Path(tempfile.mkdtemp(prefix=f"toolport-replicas-{request.module.__name__}-"))
    failed_before = request.session.testsfailed
    yield path
    if request.session.testsfailed == failed_before:
        shutil.rmtree(path, ignore_errors=True)
    else:
        print(f"\nreplicas suite: logs kept in {path}", file=sys.stderr)


@pytest.fixture(scope="module")
def database(postgres_url):
    """A fresh, empty database for the module: its URL. Dropped at the end."""
    name, url = replica_cluster.create_database(postgres_url)
    yield url
    replica_cluster.drop_database(postgres_url, name)


@pytest.fixture(scope="module")
def deployment(workdir, database):
    """A sandbox and replicas A and B on the module's database (same master key, same API key)."""
    with replica_cluster.replicas_a_and_b(workdir, database) as running:
        yield running
