#!/usr/bin/env bash
# Runs Toolport's benchmarks and reliability suite on this machine and rewrites docs/performance.md and
# docs/reliability.md from the results. Takes about 35 minutes (the soak alone is 10).
#
#   bench/run.sh                 # everything
#   bench/run.sh performance     # docs/performance.md only (~8 min)
#   bench/run.sh reliability     # docs/reliability.md only (~15 min)
#   bench/run.sh replicas        # the "PostgreSQL and a second replica" section of docs/performance.md (~10 min)
#   bench/run.sh execute-cost    # the "Cost per execute" section of docs/performance.md (~10 min; set
#                                # TOOLPORT_BASELINE_BIN to an older release build to measure it side by side)
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}

scripts/install-system-deps.sh
command -v wrk >/dev/null || { echo "installing wrk"; sudo_cmd=(); [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo); "${sudo_cmd[@]}" apt-get install -y -qq wrk; }

swift build -c release --product toolport
swift build --product toolport
venv=.build/venv-bench
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q --disable-pip-version-check -r bench/requirements.txt

export TOOLPORT_BIN="$PWD/.build/release/toolport"
mkdir -p .build/bench
if [ "$what" = all ] || [ "$what" = performance ]; then
    "$venv/bin/python" bench/performance.py --json .build/bench/performance.json --docs docs/performance.md
fi
# After performance.py, which rewrites docs/performance.md whole: replicas.py replaces only its own section.
if [ "$what" = all ] || [ "$what" = replicas ]; then
    "$venv/bin/python" bench/replicas.py --json .build/bench/replicas.json --docs docs/performance.md
fi
if [ "$what" = all ] || [ "$what" = execute-cost ]; then
    command -v valgrind >/dev/null || { sudo_cmd=(); [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo); "${sudo_cmd[@]}" apt-get install -y -qq valgrind; }
    "$venv/bin/python" bench/execute_cost.py ${TOOLPORT_BASELINE_BIN:+--baseline-binary "$TOOLPORT_BASELINE_BIN"} \
        --json .build/bench/execute_cost.json --docs docs/performance.md
fi
if [ "$what" = all ] || [ "$what" = reliability ]; then
    "$venv/bin/python" bench/reliability.py --soak-seconds 600 --json .build/bench/reliability.json --docs docs/reliability.md
fi
