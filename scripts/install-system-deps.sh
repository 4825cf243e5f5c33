#!/usr/bin/env bash
# Installs the Debian packages Toolport builds with (and, given --tests, tests with), only those that are missing.
#
# Nothing about PostgreSQL is needed to build: the PostgreSQL backend speaks the wire protocol in Swift
# (postgres-nio), with no libpq. The tests' throwaway server is installed on demand by
# scripts/postgres-cluster.sh (Debian's `postgresql` package), which scripts/test.sh runs.
set -euo pipefail

packages=(libcurl4-openssl-dev libsqlite3-dev zlib1g-dev pkg-config python3 python3-venv)
# --tests: also what only the test suites use (headless Chromium for the browser tests).
[ "${1:-}" = "--tests" ] && packages+=(chromium)
missing=()
for package in "${packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
# python3-venv is only needed when python3 itself cannot make a virtualenv (e.g. a pyenv build can).
if [[ " ${missing[*]} " == *" python3-venv "* ]] && command -v python3 >/dev/null && python3 -c 'import venv, ensurepip' 2>/dev/null; then
    missing=("${missing[@]/python3-venv}")
fi
if [[ " ${missing[*]} " == *" python3 "* ]] && command -v python3 >/dev/null; then
    missing=("${missing[@]/python3}")
fi
read -r -a missing <<<"${missing[*]}"
if ((${#missing[@]})); then
    echo "installing: ${missing[*]}"
    sudo_cmd=()
    [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi
