#!/usr/bin/env bash
# Installs and starts what the tests need (PostgreSQL, an SMTP server), runs every test on SQLite and PostgreSQL,
# stops what it started, and ends with the line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 UseSharedCompilation=true

log() { printf '==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# --- what the tests need, from Debian's packages --------------------------------------------------
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
missing=()
[ -n "$PGBIN" ] && [ -x "$PGBIN/initdb" ] || missing+=(postgresql)
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  as_root apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || { echo "apt-get install failed"; echo "0 passed, 1 failed"; exit 1; }
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

# --- a throwaway PostgreSQL cluster on loopback ----------------------------------------------------
pgdir=$(mktemp -d /tmp/lifeline-pg.XXXXXX)
pgport=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres:postgres "$pgdir"
smtpdir=$(mktemp -d /tmp/lifeline-smtp.XXXXXX)
smtppid=
cleanup() {
  run_pg "$PGBIN/pg_ctl" -D "$pgdir/data" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$pgdir"
  [ -n "$smtppid" ] && kill "$smtppid" 2>/dev/null
  rm -rf "$smtpdir"
}
trap cleanup EXIT
log "starting PostgreSQL on 127.0.0.1:$pgport"
run_pg "$PGBIN/initdb" -D "$pgdir/data" -U postgres --auth-local=trust --auth-host=trust -E UTF8 --locale=C.UTF-8 >"$pgdir/initdb.log" 2>&1 \
  || { cat "$pgdir/initdb.log"; echo "0 passed, 1 failed"; exit 1; }
# fsync off: a test cluster is thrown away, and durability is not what these tests measure.
run_pg "$PGBIN/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $pgport -k $pgdir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null \
  || { cat "$pgdir/log"; echo "0 passed, 1 failed"; exit 1; }
# --- a real SMTP server on loopback: every message lands as a file in a maildir ------------------------
smtpport=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$smtpdir"/mail/{cur,new,tmp}
log "starting an SMTP server on 127.0.0.1:$smtpport"
PYTHONPATH="$root/tests/Lifeline.Tests/Notifications/Email" /usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$smtpport" \
  -c lifeline_smtp.RefusingMailbox "$smtpdir/mail" >"$smtpdir/log" 2>&1 &
smtppid=$!
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$smtpport") 2>/dev/null && break; sleep 0.1; done
(exec 3<>"/dev/tcp/127.0.0.1/$smtpport") 2>/dev/null || { cat "$smtpdir/log"; echo "SMTP server did not start"; echo "0 passed, 1 failed"; exit 1; }
export LIFELINE_TEST_SMTP_PORT=$smtpport LIFELINE_TEST_MAILDIR="$smtpdir/mail"

export LIFELINE_TEST_POSTGRES="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=postgres;Include Error Detail=true"

# --- build (warnings are errors) and test ----------------------------------------------------------
log "building"
if ! dotnet build Lifeline.slnx -c Release -nologo -v q; then
  echo "build failed"; echo "0 passed, 1 failed"; exit 1
fi
results="$root/.test-results"
rm -rf "$results"
log "running tests"
dotnet test Lifeline.slnx -c Release --no-build --logger "trx" --results-directory "$results" -- RunConfiguration.TestSessionTimeout=1500000
status=$?

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  nr=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  # A skipped test proves nothing: in CI it counts as failed.
  if [ "${CI:-}" = "true" ]; then failed=$((failed + ${nr:-0})); fi
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
