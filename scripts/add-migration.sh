#!/usr/bin/env bash
# Adds a migration with the same name for both providers: ./scripts/add-migration.sh AddIncidents
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh MigrationName}
dotnet tool restore >/dev/null
dotnet ef migrations add "$name" --project src/Lifeline --context SqliteLifelineDbContext --output-dir Storage/Migrations/Sqlite
dotnet ef migrations add "$name" --project src/Lifeline --context PostgresLifelineDbContext --output-dir Storage/Migrations/Postgres --no-build
rm -f src/Lifeline/design.db
