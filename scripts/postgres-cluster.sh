#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests, in a directory of its own, on a free loopback port.
#
#   scripts/postgres-cluster.sh start DIR    # creates (or restarts) the cluster; prints its URL
#   scripts/postgres-cluster.sh stop DIR     # fast shutdown; no error when it is not running
#   scripts/postgres-cluster.sh resume DIR   # starts the stopped cluster again on its saved port; prints its URL
#   scripts/postgres-cluster.sh remove DIR   # immediate shutdown, then deletes DIR
#   scripts/postgres-cluster.sh url DIR      # prints the URL
#
# The URL is the only thing written on stdout: postgres://toolport:toolport@127.0.0.1:PORT/toolport
# (role `toolport`, password `toolport`, LOGIN CREATEDB, owner of database `toolport`). Everything else
# goes to stderr. TCP connections (127.0.0.1 only) need that password (scram-sha-256); connections on
# the unix socket in DIR are trusted, and the superuser is `postgres`: psql -h DIR -p PORT -U postgres.
# Tests that need a database of their own can CREATE DATABASE as `toolport`.
#
# When the server binaries (/usr/lib/postgresql/*/bin) are missing, `start` installs Debian's
# `postgresql` package. initdb and postgres refuse to run as root, so as root the cluster runs as the
# `postgres` system user, which owns DIR. Files in DIR: data/ (the cluster), port, postgres.log, and,
# when the postgres user cannot use DIR itself or its path is too long for a unix socket, rundir (the
# directory under /tmp that then holds data/, the socket and the log; data and postgres.log in DIR
# are links to them).
set -euo pipefail
shopt -s inherit_errexit

readonly marker=.toolport-postgres-cluster
unset PGHOST PGHOSTADDR PGPORT PGDATABASE PGUSER PGPASSWORD PGSERVICE PGOPTIONS PGSSLMODE PGDATA
export LC_ALL=C

log() { echo "postgres-cluster: $*" >&2; }
die() {
    log "error: $*"
    exit 1
}
usage() {
    echo "usage: $0 start|stop|resume|remove|url DIR" >&2
    exit 2
}
is_root() { [ "$(id -u)" -eq 0 ]; }

# The newest version's server binaries, e.g. /usr/lib/postgresql/15/bin; empty when there are none.
find_bindir() {
    local dir
    for dir in /usr/lib/postgresql/*/bin; do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ]; then echo "$dir"; fi
    done | sort -V | tail -n 1
}

install_postgresql() {
    local sudo=()
    if ! is_root; then
        command -v sudo >/dev/null || die "PostgreSQL is not installed and this user cannot install it (not root, no sudo)"
        sudo=(sudo)
    fi
    log "PostgreSQL's server binaries are missing: installing Debian's postgresql package"
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql
}

bindir=""
need_binaries() {
    bindir=$(find_bindir)
    if [ -z "$bindir" ]; then
        install_postgresql
        bindir=$(find_bindir)
        [ -n "$bindir" ] || die "installed the postgresql package, but found no server binaries under /usr/lib/postgresql/*/bin"
    fi
    if is_root && ! id -u postgres >/dev/null 2>&1; then
        log "creating the postgres system user (the server does not run as root)"
        useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /bin/sh postgres
    fi
}

psql_bin() {
    if [ -x "$bindir/psql" ]; then
        echo "$bindir/psql"
    else
        command -v psql || die "no psql next to the server binaries or on PATH"
    fi
}

# Runs a command as the cluster's owner: the postgres user when we are root, else ourselves.
as_owner() {
    if ! is_root; then
        "$@"
    elif command -v runuser >/dev/null; then
        runuser -u postgres -- "$@"
    else
        su postgres -s /bin/bash -c "$(printf '%q ' "$@")"
    fi
}

# A loopback TCP port nobody listens on now.
free_port() {
    if command -v python3 >/dev/null; then
        python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
        return
    fi
    local port
    for _ in $(seq 1 100); do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 5<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
    die "found no free loopback port"
}

# DIR as an absolute path, and the state kept in it.
dir=""
set_dir() {
    [ -n "${1:-}" ] || usage
    dir=$1
    if [ -d "$dir" ]; then dir=$(cd "$dir" && pwd -P); fi
    [ "$dir" != / ] || die "refusing to use / as the cluster directory"
}
rundir() {
    if [ -f "$dir/rundir" ]; then cat "$dir/rundir"; else echo "$dir"; fi
}
datadir() { echo "$(rundir)/data"; }
saved_port() {
    [ -s "$dir/port" ] || die "$dir holds no cluster (no $dir/port); run: $0 start $dir"
    cat "$dir/port"
}
url() {
    local port
    port=$(saved_port)
    echo "postgres://toolport:toolport@127.0.0.1:$port/toolport"
}

# Whether the cluster's postmaster is alive. (Not `pg_ctl status`: it takes a postmaster killed with
# -9 and not yet reaped, a zombie, for a running server.)
is_running() {
    local pid state
    pid=$(head -n 1 "$(datadir)/postmaster.pid" 2>/dev/null || true)
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    state=$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null || true)
    [ -n "$state" ] && [ "$state" != Z ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null || true)" = postgres ]
}

# Starts the initialised cluster in the background on its configured port. Returns 1 when the port is
# taken (the caller may pick another), dies on any other failure.
pg_start() {
    local logfile size attempt
    logfile="$(rundir)/postgres.log"
    for attempt in $(seq 1 20); do
        size=$(stat -c %s "$logfile" 2>/dev/null || echo 0)
        # `cd /`: the postgres user may not be allowed into the caller's working directory.
        if (cd / && as_owner "$bindir/pg_ctl" -D "$(datadir)" -l "$logfile" -w -t 60 start); then
            return 0
        fi
        # What this attempt wrote to the log.
        local new
        new=$(tail -c "+$((size + 1))" "$logfile" 2>/dev/null || true)
        if grep -qE "could not bind|Address already in use" <<<"$new"; then
            return 1
        fi
        # The processes of a postmaster that was killed (-9) take a moment to go: until then the
        # lock file or the shared memory block is still theirs.
        if ((attempt < 20)) && grep -qE 'lock file "postmaster.pid" already exists|pre-existing shared memory block' <<<"$new"; then
            log "the previous server's processes are still exiting; retrying"
            sleep 0.5
            continue
        fi
        break
    done
    tail -n 20 "$logfile" >&2 2>/dev/null || true
    die "PostgreSQL did not start (log: $logfile)"
}

# A fresh cluster: initdb, settings, start, the toolport role and database.
create_cluster() {
    local run port attempt
    # The socket path (DIR/.s.PGSQL.PORT) must fit in sun_path (107 bytes), and the postgres user must
    # be able to write in DIR; otherwise the cluster lives in a directory of its own under /tmp.
    run=$dir
    if is_root; then
        chown postgres: "$dir"
    fi
    if ((${#dir} + 16 > 100)) || ! as_owner test -w "$dir" -a -x "$dir"; then
        run=$(mktemp -d /tmp/toolport-pg.XXXXXX)
        if is_root; then chown postgres: "$run"; fi
        echo "$run" >"$dir/rundir"
        ln -sfn "$run/data" "$dir/data"
        ln -sfn "$run/postgres.log" "$dir/postgres.log"
        log "the postgres user cannot use $dir for the cluster (permissions or path length): using $run"
    fi

    log "initdb in $run/data ($("$bindir/postgres" --version))"
    (cd / && as_owner "$bindir/initdb" -D "$run/data" --username=postgres --auth-local=trust --auth-host=scram-sha-256 \
        --no-locale --encoding=UTF8 --no-sync >"$run/initdb.log" 2>&1) || {
        cat "$run/initdb.log" >&2
        die "initdb failed"
    }
    port=$(free_port)
    cat >>"$run/data/postgresql.conf" <<EOF

# scripts/postgres-cluster.sh: a throwaway test cluster, on loopback only.
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$run'
max_connections = 200
EOF
    for attempt in 1 2 3; do
        echo "$port" >"$dir/port"
        pg_start && break
        ((attempt < 3)) || die "no free port after 3 attempts (log: $run/postgres.log)"
        log "port $port was taken meanwhile; trying another"
        port=$(free_port)
        sed -i "s/^port = .*/port = $port/" "$run/data/postgresql.conf"
    done

    "$(psql_bin)" -X -q -h "$run" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
        -c "CREATE ROLE toolport LOGIN CREATEDB PASSWORD 'toolport'" \
        -c "CREATE DATABASE toolport OWNER toolport" >&2
    touch "$dir/ready"
}

cmd_start() {
    mkdir -p "$1"
    set_dir "$1"
    touch "$dir/$marker"
    need_binaries
    if [ -f "$dir/ready" ] && [ -f "$(datadir)/PG_VERSION" ]; then
        if is_running; then
            log "already running in $dir"
        else
            pg_start || die "port $(saved_port) is taken; the cluster in $dir cannot start on it"
        fi
    else
        # Nothing here yet, or a start that failed half-way: begin again.
        if [ -d "$(datadir)" ]; then
            log "discarding the unfinished cluster in $(datadir)"
            as_owner "$bindir/pg_ctl" -D "$(datadir)" -m immediate stop >/dev/null 2>&1 || true
            if [ "$(rundir)" != "$dir" ]; then rm -rf "$(rundir)"; fi
            rm -rf "$dir/data" "$dir/rundir" "$dir/port" "$dir/postgres.log"
        fi
        create_cluster
    fi
    URL=$(url)
}

cmd_resume() {
    set_dir "$1"
    [ -f "$dir/ready" ] || die "$dir holds no finished cluster; run: $0 start $dir"
    need_binaries
    if is_running; then
        log "already running in $dir"
    else
        pg_start || die "port $(saved_port) is taken; the cluster in $dir cannot resume on it"
    fi
    URL=$(url)
}

cmd_stop() {
    set_dir "$1"
    [ -f "$(datadir)/PG_VERSION" ] || return 0
    bindir=$(find_bindir)
    [ -n "$bindir" ] || return 0
    if is_running; then
        (cd / && as_owner "$bindir/pg_ctl" -D "$(datadir)" -m fast -w stop)
    fi
}

cmd_remove() {
    set_dir "$1"
    [ -e "$dir" ] || return 0
    if [ ! -f "$dir/$marker" ] && [ -n "$(ls -A "$dir")" ]; then
        die "$dir was not made by $0 start; not deleting it"
    fi
    bindir=$(find_bindir)
    if [ -n "$bindir" ] && [ -f "$(datadir)/PG_VERSION" ]; then
        (cd / && as_owner "$bindir/pg_ctl" -D "$(datadir)" -m immediate -w stop >/dev/null 2>&1) || true
    fi
    local run
    run=$(rundir)
    case "$run" in /tmp/toolport-pg.*) rm -rf "$run" ;; esac
    rm -rf "$dir"
}

URL=""
main() {
    [ $# -eq 2 ] || usage
    case "$1" in
    start) cmd_start "$2" ;;
    resume) cmd_resume "$2" ;;
    stop) cmd_stop "$2" ;;
    remove) cmd_remove "$2" ;;
    url)
        set_dir "$2"
        URL=$(url)
        ;;
    *) usage ;;
    esac
}

# Everything but the URL goes to stderr. (Redirecting the call, not `exec 1>&2`, keeps the caller's
# stdout out of the server's inherited descriptors, so `url=$(... start DIR)` returns at once.)
main "$@" >&2
if [ -n "$URL" ]; then echo "$URL"; fi
