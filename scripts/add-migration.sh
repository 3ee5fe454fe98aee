#!/usr/bin/env bash
# Adds a migration with the same name for both providers, and compiles the model again: ./scripts/add-migration.sh AddIncidents
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh MigrationName}
dotnet tool restore >/dev/null
dotnet ef migrations add "$name" --project src/Lifeline --context SqliteLifelineDbContext --output-dir Storage/Migrations/Sqlite
dotnet ef migrations add "$name" --project src/Lifeline --context PostgresLifelineDbContext --output-dir Storage/Migrations/Postgres --no-build
# The compiled models the server starts with (a test fails when they no longer match the model).
dotnet ef dbcontext optimize --project src/Lifeline --context SqliteLifelineDbContext --output-dir Storage/CompiledModels/Sqlite \
  --namespace Lifeline.Storage.CompiledModels.Sqlite --no-build
dotnet ef dbcontext optimize --project src/Lifeline --context PostgresLifelineDbContext --output-dir Storage/CompiledModels/Postgres \
  --namespace Lifeline.Storage.CompiledModels.Postgres --no-build
rm -f src/Lifeline/design.db
