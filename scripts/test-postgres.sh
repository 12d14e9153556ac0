#!/bin/sh
# A private PostgreSQL for the test run (Debian's postgresql package, installed when missing): a new
# cluster in a temporary directory, listening only on a unix socket there, trust authentication,
# stopped and removed afterwards. Nothing else on the machine is touched (Debian's own cluster may
# be running or not; this one has its own directory and socket).
#
#   dir=$(sh scripts/test-postgres.sh start)   # prints the directory; the URL is in $dir/url
#   sh scripts/test-postgres.sh stop "$dir"
#
# PostgreSQL refuses to run as root: as root the cluster belongs to the `postgres` user the
# package creates (created here if missing).
set -eu
PORT="${CLEARANCE_TEST_PG_PORT:-5433}"

bindir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

install_postgres() {
  echo "PostgreSQL not found; installing Debian's postgresql package…" >&2
  SUDO=""
  if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq >&2
  # The package's post-install tries to create and start a default cluster; where that cannot run
  # (no init system in a container) it only warns. Our cluster does not depend on it.
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >&2
}

# as_owner CMD...: runs CMD as the cluster's owner (postgres when we are root, else ourselves).
as_owner() {
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start() {
  BIN=$(bindir)
  if [ -z "$BIN" ]; then install_postgres; BIN=$(bindir); fi
  [ -n "$BIN" ] && [ -x "$BIN/initdb" ] || { echo "initdb not found under /usr/lib/postgresql/*/bin" >&2; exit 1; }
  if [ "$(id -u)" = "0" ] && ! id postgres >/dev/null 2>&1; then useradd --system --home-dir /var/lib/postgresql --shell /bin/sh postgres; fi
  dir=$(mktemp -d /tmp/clearance-pg.XXXXXX)
  chmod 755 "$dir"
  if [ "$(id -u)" = "0" ]; then chown postgres "$dir"; fi
  as_owner "$BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  if ! as_owner "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-k $dir -p $PORT -c listen_addresses= -c fsync=off -c max_connections=100" start >&2; then
    cat "$dir/server.log" >&2
    exit 1
  fi
  echo "postgresql://postgres@localhost/postgres?host=$dir&port=$PORT" >"$dir/url"
  echo "$dir"
}

stop() {
  dir=$1
  case "$dir" in /tmp/clearance-pg.*) ;; *) echo "not a test PostgreSQL directory: $dir" >&2; exit 1 ;; esac
  BIN=$(bindir)
  if [ -n "$BIN" ] && [ -f "$dir/data/postmaster.pid" ]; then as_owner "$BIN/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true; fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:?directory}" ;;
  *) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
