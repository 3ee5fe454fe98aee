using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

// The benchmark's baseline: POST /rows inserts one row per request with plain ADO.NET into the same
// kind of database Lifeline uses, with the same durability settings (SQLite: WAL and synchronous=FULL,
// like Lifeline's SqlitePragmaInterceptor). Lifeline's ingest rate is reported as a ratio of this one.
// Arguments (ASP.NET Core configuration): --Provider=Sqlite|Postgres --ConnectionString=... --urls=...
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var provider = builder.Configuration["Provider"] ?? "Sqlite";
var connectionString = builder.Configuration["ConnectionString"] ?? throw new InvalidOperationException("--ConnectionString is required");
var app = builder.Build();
var postgres = provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase);
NpgsqlDataSource? source = postgres ? NpgsqlDataSource.Create(connectionString) : null;

async Task<DbConnection> OpenAsync(CancellationToken ct)
{
    DbConnection connection = postgres ? source!.CreateConnection() : new SqliteConnection(connectionString);
    await connection.OpenAsync(ct);
    if (!postgres)
    {
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000;";
        await pragma.ExecuteNonQueryAsync(ct);
    }
    return connection;
}

await using (var setup = await OpenAsync(CancellationToken.None))
{
    await using var create = setup.CreateCommand();
    create.CommandText = postgres
        ? "CREATE TABLE IF NOT EXISTS baseline_rows (id uuid PRIMARY KEY, title text NOT NULL, created_at timestamptz NOT NULL)"
        : "PRAGMA journal_mode=WAL; CREATE TABLE IF NOT EXISTS baseline_rows (id BLOB PRIMARY KEY, title TEXT NOT NULL, created_at INTEGER NOT NULL)";
    await create.ExecuteNonQueryAsync();
}

app.MapGet("/readyz", () => Results.Ok());
app.MapPost("/rows", async (HttpRequest request, CancellationToken ct) =>
{
    using var reader = new StreamReader(request.Body);
    var title = await reader.ReadToEndAsync(ct);
    await using var connection = await OpenAsync(ct);
    await using var insert = connection.CreateCommand();
    insert.CommandText = "INSERT INTO baseline_rows (id, title, created_at) VALUES (@id, @title, @at)";
    var id = insert.CreateParameter(); id.ParameterName = "id"; id.Value = Guid.CreateVersion7();
    var text = insert.CreateParameter(); text.ParameterName = "title"; text.Value = title;
    var at = insert.CreateParameter(); at.ParameterName = "at"; at.Value = postgres ? DateTimeOffset.UtcNow : DateTimeOffset.UtcNow.UtcTicks;
    insert.Parameters.Add(id); insert.Parameters.Add(text); insert.Parameters.Add(at);
    await insert.ExecuteNonQueryAsync(ct);
    return Results.Created();
});
await app.RunAsync();
