#!/usr/bin/env bash
# The benchmark: builds Release, publishes the server (ReadyToRun), runs the real server as a process on SQLite and on PostgreSQL (a
# throwaway cluster on loopback), drives it over HTTP, prints a table and writes bench/results/latest.json.
#   ./bench.sh [--quick] [--databases sqlite|postgres|sqlite,postgres] [--out FILE]
# Take figures on a quiet machine: the load is two cores' worth, shared with whatever else runs.
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 UseSharedCompilation=true

echo "==> building (Release)"
dotnet build Lifeline.slnx -c Release -nologo -v q || { echo "build failed"; exit 1; }
# The server as it is deployed: published for this machine's runtime, ReadyToRun (precompiled) code.
server=src/Lifeline/bin/publish
echo "==> publishing the server (ReadyToRun) to $server"
dotnet publish src/Lifeline -c Release --use-current-runtime --self-contained false -o "$server" -nologo -v q || { echo "publish failed"; exit 1; }

# A real SMTP server for the runs (the driver starts, stops and restarts it): Debian's python3-aiosmtpd, as test.sh uses.
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if ! /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1; then
  echo "==> installing python3-aiosmtpd"
  as_root apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends python3-aiosmtpd >/dev/null \
    || { echo "apt-get install python3-aiosmtpd failed"; exit 1; }
fi

source scripts/postgres.sh
trap pg_stop EXIT
pg_start || exit 1

bin=bench/Lifeline.Bench/bin/Release/net10.0
dotnet "$bin/Lifeline.Bench.dll" bench \
  --server "$server/Lifeline.dll" --python /usr/bin/python3 \
  --baseline bench/Lifeline.Bench.Baseline/bin/Release/net10.0/Lifeline.Bench.Baseline.dll \
  --postgres "$PG_CONN" "$@"
