#!/usr/bin/env bash
# Installs and starts what the tests need (PostgreSQL, an SMTP server), runs every test on SQLite and PostgreSQL,
# stops what it started, and ends with the line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 UseSharedCompilation=true

log() { printf '==> %s\n' "$*"; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# --- what the tests need: a throwaway PostgreSQL cluster on loopback (installed from Debian if missing) ---
source scripts/postgres.sh
smtpdir=$(mktemp -d /tmp/lifeline-smtp.XXXXXX)
smtppid=
cleanup() {
  pg_stop
  [ -n "$smtppid" ] && kill "$smtppid" 2>/dev/null
  rm -rf "$smtpdir"
}
trap cleanup EXIT
pg_start || { echo "0 passed, 1 failed"; exit 1; }
export LIFELINE_TEST_POSTGRES="$PG_CONN"

# --- a real SMTP server on loopback (Debian's python3-aiosmtpd): every message lands as a file in a maildir ---
if ! /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1; then
  log "installing python3-aiosmtpd"
  as_root apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends python3-aiosmtpd >/dev/null \
    || { echo "apt-get install python3-aiosmtpd failed"; echo "0 passed, 1 failed"; exit 1; }
fi
# --- an independent iCal parser for the schedules' feeds (Debian's python3-icalendar) ---
if ! /usr/bin/python3 -c 'import icalendar' >/dev/null 2>&1; then
  log "installing python3-icalendar"
  as_root apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends python3-icalendar >/dev/null \
    || { echo "apt-get install python3-icalendar failed"; echo "0 passed, 1 failed"; exit 1; }
fi
# --- a real browser for the console's tests: Debian's chromium, driven by Playwright's bundled driver ---
if [ ! -x /usr/bin/chromium ]; then
  log "installing chromium"
  as_root apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null \
    || { echo "apt-get install chromium failed"; echo "0 passed, 1 failed"; exit 1; }
fi
# --- systemd-analyze, to verify the unit in deploy/ (Debian's systemd) ---
if [ ! -x /usr/bin/systemd-analyze ]; then
  log "installing systemd (for systemd-analyze)"
  as_root apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends systemd >/dev/null \
    || { echo "apt-get install systemd failed"; echo "0 passed, 1 failed"; exit 1; }
fi
# --- a real Prometheus and Alertmanager for the alert integration tests (the tests start them on loopback ports) ---
if [ ! -x /usr/bin/prometheus ] || [ ! -x /usr/bin/prometheus-alertmanager ]; then
  log "installing prometheus and prometheus-alertmanager"
  as_root apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends prometheus prometheus-alertmanager >/dev/null \
    || { echo "apt-get install prometheus prometheus-alertmanager failed"; echo "0 passed, 1 failed"; exit 1; }
fi
# --- node and the Adaptive Cards library, which checks the Teams cards Lifeline sends (ChatCardsTests) ---
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  log "installing nodejs and npm"
  as_root apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null \
    || { echo "apt-get install nodejs npm failed"; echo "0 passed, 1 failed"; exit 1; }
fi
npm ci --prefix tests/Lifeline.Tests/Notifications/Webhooks/cards --no-audit --no-fund >/dev/null \
  || { echo "npm ci (adaptivecards) failed"; echo "0 passed, 1 failed"; exit 1; }
smtpport=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$smtpdir"/mail/{cur,new,tmp}
log "starting an SMTP server on 127.0.0.1:$smtpport"
PYTHONPATH="$root/tests/Lifeline.Tests/Notifications/Email" /usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$smtpport" \
  -c lifeline_smtp.RefusingMailbox "$smtpdir/mail" >"$smtpdir/log" 2>&1 &
smtppid=$!
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$smtpport") 2>/dev/null && break; sleep 0.1; done
(exec 3<>"/dev/tcp/127.0.0.1/$smtpport") 2>/dev/null || { cat "$smtpdir/log"; echo "SMTP server did not start"; echo "0 passed, 1 failed"; exit 1; }
export LIFELINE_TEST_SMTP_PORT=$smtpport LIFELINE_TEST_MAILDIR="$smtpdir/mail"

# --- build (warnings are errors) and test ----------------------------------------------------------
log "building"
if ! dotnet build Lifeline.slnx -c Release -nologo -v q; then
  echo "build failed"; echo "0 passed, 1 failed"; exit 1
fi
results="$root/.test-results"
rm -rf "$results"
log "running tests"
# One test project at a time (-m:1): each runs its own tests in parallel already, and the browser tests' chromium beside
# the main project's servers on two cores made both slower than running them one after the other.
dotnet test Lifeline.slnx -c Release --no-build -m:1 --logger "trx" --results-directory "$results" -- RunConfiguration.TestSessionTimeout=2700000
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

# --- resilience (short mode): the real server as a process, killed and starved on purpose -----------
log "running resilience tests (short mode)"
mkdir -p "$results"; resilience_out="$results/resilience.txt"
./resilience.sh --no-build 2>&1 | tee "$resilience_out"
rp=$(grep -E '^resilience: [0-9]+ passed, [0-9]+ failed' "$resilience_out" | tail -n 1 | sed -E 's/^resilience: ([0-9]+) passed, ([0-9]+) failed.*/\1 \2/')
if [ -z "$rp" ]; then
  failed=$((failed + 1))
else
  passed=$((passed + ${rp% *})); failed=$((failed + ${rp#* }))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
