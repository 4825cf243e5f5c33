#!/usr/bin/env bash
# Runs Tests/replicas/test_replica_database_restart.py::test_database_restart_during_traffic N times in a
# row with the debug build and N times with the release build, and prints each run's slowest answers
# while PostgreSQL was down. Not part of CI: it proves the module is not flaky on this machine.
#
#   bench/restart_loop.sh [N]      # N defaults to 20; writes .build/bench/restart-loop.txt and the
#                                  # restart-loop section of docs/deployment.md
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-20}

scripts/install-system-deps.sh
swift build --product toolport
swift build -c release --product toolport
venv=.build/venv-tests
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q --disable-pip-version-check "pytest==9.*"

mkdir -p .build/bench
postgres_dir=$(mktemp -d "$PWD/.build/postgres-loop-XXXX")
trap 'scripts/postgres-cluster.sh remove "$postgres_dir" || true' EXIT
TOOLPORT_TEST_POSTGRES_URL=$(scripts/postgres-cluster.sh start "$postgres_dir")
export TOOLPORT_TEST_POSTGRES_URL TOOLPORT_TEST_POSTGRES_REQUIRED=1

report=.build/bench/restart-loop.txt
: >"$report"
failures=0
for configuration in debug release; do
    export TOOLPORT_BIN="$PWD/.build/$configuration/toolport"
    for round in $(seq 1 "$rounds"); do
        log=.build/bench/restart-loop-$configuration-$round.log
        if "$venv/bin/python" -m pytest Tests/replicas/test_replica_database_restart.py \
            -k test_database_restart_during_traffic -q -s -p no:cacheprovider >"$log" 2>&1; then
            outcome=passed
        else
            outcome=FAILED
            failures=$((failures + 1))
        fi
        slowest=$(grep -o 'slowest answers: [^|]*' "$log" | head -1 | sed 's/slowest answers: //')
        echo "$configuration round $round: $outcome; slowest: ${slowest:-?}" | tee -a "$report"
    done
done
echo "failures: $failures of $((2 * rounds))" | tee -a "$report"
python3 bench/restart_loop_docs.py "$report" docs/deployment.md
[ "$failures" -eq 0 ]
