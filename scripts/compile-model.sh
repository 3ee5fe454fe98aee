#!/usr/bin/env bash
# Compiles the EF Core model again for both providers (Storage/CompiledModels), after an entity type was renamed
# or moved without a schema change; add-migration.sh does this too after a migration.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
rm -rf src/Lifeline/Storage/CompiledModels
dotnet build src/Lifeline -nologo -v q >/dev/null
dotnet ef dbcontext optimize --project src/Lifeline --context SqliteLifelineDbContext --output-dir Storage/CompiledModels/Sqlite \
  --namespace Lifeline.Storage.CompiledModels.Sqlite --no-build
dotnet ef dbcontext optimize --project src/Lifeline --context PostgresLifelineDbContext --output-dir Storage/CompiledModels/Postgres \
  --namespace Lifeline.Storage.CompiledModels.Postgres --no-build
rm -f src/Lifeline/design.db
