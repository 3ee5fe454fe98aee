#!/usr/bin/env bash
# Installs and starts what the tests need (PostgreSQL), runs every test on SQLite and PostgreSQL,
# stops what it started, and ends with the line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 UseSharedCompilation=true

log() { printf '==> %s\n' "$*"; }

# --- what the tests need: a throwaway PostgreSQL cluster on loopback (installed from Debian if missing) ---
source scripts/postgres.sh
trap pg_stop EXIT
pg_start || { echo "0 passed, 1 failed"; exit 1; }
export LIFELINE_TEST_POSTGRES="$PG_CONN"

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
