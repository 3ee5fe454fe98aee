namespace Lifeline.Backups;

/// <summary>One table as it was in the backup: its rows, and a hash of a sample of them (the first rows in column order).</summary>
public sealed record TableCheck(string Table, long Rows, string SampleHash, int SampleRows)
{
    /// <summary>The columns the sample is ordered by (the primary key), so a restore takes the same rows.</summary>
    public IReadOnlyList<string> SampleOrder { get; init; } = [];
}

/// <summary>
/// <c>manifest.json</c> beside a backup's data file: what it is (provider, the schema's newest migration), when it was
/// made, the data file's SHA-256, and each table's row count and sample hash, which a restore compares with what it
/// restored.
/// </summary>
public sealed record BackupManifest(int FormatVersion, string Provider, string Migration, DateTimeOffset CreatedAt, string DataFile, long Bytes,
    string Sha256, IReadOnlyList<TableCheck> Tables)
{
    public const string FileName = "manifest.json";
    public const int CurrentFormat = 1;
    public long TotalRows => Tables.Sum(t => t.Rows);
}

/// <summary>What a restore found when it compared the restored database with the manifest.</summary>
public sealed record RestoreCheck(int Tables, long Rows, int SampledRows, IReadOnlyList<string> Differences)
{
    public bool Matches => Differences.Count == 0;
}
