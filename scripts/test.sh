#!/usr/bin/env bash
# Runs every Toolport test: the Swift suites, the catalog checks, the Composio SDK and MCP client suites,
# the boundary suite and the admin console suite (headless Chromium), the reliability suite (schemathesis, malformed
# input, faults, slow clients, secrets, kill -9, soak), the replica suite and the agent framework suite (Composio's
# provider packages, in their own venv), against a throwaway PostgreSQL cluster (scripts/postgres-cluster.sh)
# removed on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-system-deps.sh --tests

echo "== PostgreSQL (a throwaway cluster for the storage tests and the replica suite)"
mkdir -p .build
postgres_dir=$(mktemp -d "$PWD/.build/postgres-test-XXXX")
trap 'scripts/postgres-cluster.sh remove "$postgres_dir" || true' EXIT
TOOLPORT_TEST_POSTGRES_URL=$(scripts/postgres-cluster.sh start "$postgres_dir")
# With REQUIRED set, the Swift storage suite fails instead of skipping PostgreSQL when the URL is missing.
export TOOLPORT_TEST_POSTGRES_URL TOOLPORT_TEST_POSTGRES_REQUIRED=1
echo "PostgreSQL at $TOOLPORT_TEST_POSTGRES_URL (cluster in $postgres_dir)"

echo "== swift test"
swift build --build-tests
swift test 2>&1 | tee .build/swift-test.log
swift_summary=$(grep -E "Test run with .* (passed|failed)" .build/swift-test.log | tail -1 || true)

echo "== catalog checks (Python: JSON Schema meta-schema, bindings against Pipedrive's 2024 and 2026-08 specs)"
venv=.build/venv-tests
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/pip" install -q --disable-pip-version-check "jsonschema==4.*" "PyYAML==6.*" "composio==0.30.0" openai "mcp==2.3.0" "pytest==9.*" \
    "schemathesis==4.32.5" "openapi-spec-validator==0.9.*" "playwright==1.*" "opentelemetry-proto==1.*"
"$venv/bin/python" scripts/check_schemas.py schemas/pipedrive
"$venv/bin/python" scripts/check_bindings.py schemas/pipedrive \
    ../shared/reference/pipedrive/pipedrive-v1.openapi.2024-02-11.yaml \
    ../shared/reference/pipedrive/pipedrive-v1.openapi.latest-2026-08.yaml \
    ../shared/reference/pipedrive/pipedrive-v2.openapi.latest-2026-08.yaml

# Runs the pytest suite in Tests/$1 with the venv $3 (default: $venv) (a failure stops the script: pipefail); its log
# goes to .build/$1-test.log.
run_suite() {
    echo "== $1 suite ($2)"
    "${3:-$venv}/bin/python" -m pytest "Tests/$1" -q -rs -p no:cacheprovider 2>&1 | tee ".build/$1-test.log"
}
# The suite's last count line ("12 passed in 5.1s"), for the summary.
summary() { grep -E "[0-9]+ (passed|failed|skipped)" ".build/$1-test.log" | tail -1; }

run_suite oracle "every live tool's requests against Pipedrive's 2026-08 specs; skips loudly without ../shared"
run_suite sandbox_oracle "every spec operation the sandbox serves, its answer against Pipedrive's v1 and v2 response schemas; skips loudly without ../shared"
run_suite compat "composio==0.30.0 and an MCP client against toolport serve + toolport sandbox"
run_suite boundary "upstream allow-list, subdomain and api_domain checks, verified connections, health, connect page in headless Chromium"
run_suite console "admin console in headless Chromium with JavaScript off: sign-in, CSRF, CSP, connect link, executions, keys; screenshots in .build/console/"
run_suite security "scoped keys × every route family, dry runs of all 269 tools, annotations"
run_suite reliability "OpenAPI + schemathesis, malformed input, upstream faults, slow clients, secrets"
run_suite operations "/metrics deltas after known traffic, --metrics-token, OTLP/HTTP spans and traceparent at the sandbox, x-request-id, JSON logs"
run_suite replicas "two toolport processes on one PostgreSQL: OAuth across replicas, single-flight refresh, disable bound, database restart"

echo "== agent framework packages (Composio's provider packages 0.30.0 and their frameworks: a venv of their own)"
frameworks_venv=.build/venv-frameworks
if [ ! -x "$frameworks_venv/bin/python" ]; then
    python3 -m venv "$frameworks_venv"
fi
"$frameworks_venv/bin/pip" install -q --disable-pip-version-check -r Tests/frameworks/requirements.txt -c Tests/frameworks/constraints.txt
run_suite frameworks "269 tools through each provider package, the frameworks' validators, a read and a custom-field write; matrix in .build/frameworks/matrix.json" \
    "$frameworks_venv"

echo "== crash safety (kill -9, 20 rounds) and a 30 s soak; bench/run.sh reliability runs the 10-minute soak"
mkdir -p .build/reliability
"$venv/bin/python" bench/crash_safety.py --rounds 20 --json .build/reliability/crash_safety.json
"$venv/bin/python" bench/soak.py --duration 30 --json .build/reliability/soak.json

echo
echo "SUMMARY: ${swift_summary:-swift test finished}; catalog checks passed; request oracle: $(summary oracle);" \
    "sandbox oracle: $(summary sandbox_oracle);" \
    "SDK suite: $(summary compat); boundary suite: $(summary boundary); console suite: $(summary console); security suite: $(summary security);" \
    "reliability suite: $(summary reliability); operations suite: $(summary operations); replicas suite: $(summary replicas);" \
    "frameworks suite: $(summary frameworks); crash safety and soak passed"
