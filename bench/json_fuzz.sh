#!/usr/bin/env bash
# Differential fuzzing of ToolportJSON's parser against Foundation's JSONSerialization, and serializer round
# trips, for a bounded time (default 300 s) with the release build; replaces the "JSON parser fuzzing"
# section of docs/reliability.md. Not part of CI.
#
#   bench/json_fuzz.sh [SECONDS] [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
seed=${2:-8259}

swift build -c release --product toolport-json-fuzz
mkdir -p .build/bench
status=0
.build/release/toolport-json-fuzz --seconds "$seconds" --seed "$seed" --markdown .build/bench/json-fuzz.md || status=$?
python3 - docs/reliability.md .build/bench/json-fuzz.md <<'PY'
import re, sys
from pathlib import Path
document, section = Path(sys.argv[1]), Path(sys.argv[2]).read_text().strip()
text = document.read_text()
pattern = re.compile(r"<!-- json-fuzz:begin -->.*?<!-- json-fuzz:end -->", re.S)
text = pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section + "\n"
document.write_text(text)
PY
exit "$status"
