#!/usr/bin/env bash
# Resilience tests: the real server as a process, killed with SIGKILL, starved of its database, fed
# malformed requests, run twice on one PostgreSQL, abused by anonymous clients. Prints a summary ending in
# "resilience: N passed, N failed, N skipped" (test.sh runs the short mode and counts it).
#   ./resilience.sh [--full] [--no-build] [--only bad-input,db-down,crash,two-instances,smtp-down,abuse]
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 UseSharedCompilation=true

args=()
build=1
for a in "$@"; do
  if [ "$a" = "--no-build" ]; then build=0; else args+=("$a"); fi
done
if [ "$build" = 1 ]; then
  echo "==> building (Release)"
  dotnet build Lifeline.slnx -c Release -nologo -v q || { echo "build failed"; echo "resilience: 0 passed, 1 failed"; exit 1; }
fi

# A real SMTP server for the runs (the driver starts, stops and restarts it): Debian's python3-aiosmtpd, as test.sh uses.
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if ! /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1; then
  echo "==> installing python3-aiosmtpd"
  as_root apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends python3-aiosmtpd >/dev/null \
    || { echo "apt-get install python3-aiosmtpd failed"; echo "resilience: 0 passed, 1 failed"; exit 1; }
fi

source scripts/postgres.sh
trap pg_stop EXIT
pg_start || { echo "resilience: 0 passed, 1 failed"; exit 1; }

# Bounded as a whole: the scenarios bound themselves, this is the last word if one does not.
if [[ " ${args[*]:-} " == *" --full "* ]]; then limit=3600; else limit=600; fi
timeout --kill-after=10 "$limit" dotnet bench/Lifeline.Bench/bin/Release/net10.0/Lifeline.Bench.dll resilience \
  --server src/Lifeline/bin/Release/net10.0/Lifeline.dll --python /usr/bin/python3 \
  --postgres "$PG_CONN" --postgres-dir "$PG_DIR" --postgres-port "$PG_PORT" ${args[@]+"${args[@]}"}
status=$?
if [ "$status" -ge 124 ]; then echo "resilience: 0 passed, 1 failed (the driver did not finish within ${limit} s)"; fi
exit "$status"
