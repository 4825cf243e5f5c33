#!/usr/bin/env bash
# Installs missing system packages, builds Toolport (release) and starts the server.
# Arguments are passed to `toolport serve` (defaults: --host 127.0.0.1 --port 8000 --db ./toolport.sqlite).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-system-deps.sh
swift build -c release --product toolport
exec .build/release/toolport serve "$@"
