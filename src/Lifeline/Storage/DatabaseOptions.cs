namespace Lifeline.Storage;

/// <summary>The <c>Lifeline:Database</c> section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Lifeline:Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Required for PostgreSQL. For SQLite, defaults to <c>lifeline.db</c> in the data directory.</summary>
    public string? ConnectionString { get; set; }
}
