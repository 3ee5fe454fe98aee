#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback, for test.sh, bench.sh and resilience.sh.
#
# Sourced:   source scripts/postgres.sh; pg_start || exit 1; ...; pg_stop
#            pg_start sets PG_DIR, PG_PORT and PG_CONN (an Npgsql connection string to the
#            "postgres" database) and installs PostgreSQL from Debian when it is missing.
# Executed:  scripts/postgres.sh pause DIR         stop the cluster in DIR, keep its data
#            scripts/postgres.sh resume DIR PORT   start it again on the same port
# (the resilience tests pause and resume the database under a running server).
#
# fsync off: the cluster is thrown away, and durability of PostgreSQL itself is not what the tests
# and benchmarks measure (Lifeline's own durability is: it commits before it answers).

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
pg_as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
pg_run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_install() {
  PGBIN=$(pg_bin)
  if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
    echo "==> installing postgresql" >&2
    pg_as_root apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive pg_as_root apt-get install -y -qq --no-install-recommends postgresql >/dev/null || { echo "apt-get install postgresql failed" >&2; return 1; }
    PGBIN=$(pg_bin)
  fi
}

pg_server_start() { # DIR PORT
  pg_run "$PGBIN/pg_ctl" -D "$1/data" -l "$1/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $2 -k $1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null
}

pg_start() {
  pg_install || return 1
  PG_DIR=$(mktemp -d /tmp/lifeline-pg.XXXXXX)
  PG_PORT=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$PG_DIR"
  echo "==> starting PostgreSQL on 127.0.0.1:$PG_PORT" >&2
  pg_run "$PGBIN/initdb" -D "$PG_DIR/data" -U postgres --auth-local=trust --auth-host=trust -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log" >&2; return 1; }
  pg_server_start "$PG_DIR" "$PG_PORT" || { cat "$PG_DIR/log" >&2; return 1; }
  PG_CONN="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres;Include Error Detail=true"
  export PG_DIR PG_PORT PG_CONN PGBIN
}

pg_stop() {
  [ -n "${PG_DIR:-}" ] || return 0
  pg_run "$PGBIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$PG_DIR"
  PG_DIR=
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -u
  PGBIN=$(pg_bin)
  case "${1:-}" in
    pause) pg_run "$PGBIN/pg_ctl" -D "$2/data" -m fast -w stop >/dev/null ;;
    resume) pg_server_start "$2" "$3" ;;
    *) echo "usage: $0 pause DIR | resume DIR PORT (or source it for pg_start / pg_stop)" >&2; exit 2 ;;
  esac
fi
