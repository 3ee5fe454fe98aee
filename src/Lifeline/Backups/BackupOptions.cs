using System.ComponentModel.DataAnnotations;

namespace Lifeline.Backups;

/// <summary>The <c>Lifeline:Backup</c> section: the nightly backup (off until a directory is set) and the tools it uses.</summary>
public sealed class BackupOptions
{
    public const string Section = "Lifeline:Backup";

    /// <summary>Where the nightly backups go; none (the default) turns the nightly backup off. Copy it off-site (see the README).</summary>
    public string? Directory { get; set; }

    /// <summary>Run the nightly backup loop in this instance (tests drive <see cref="NightlyBackups.RunOnceAsync"/> themselves).</summary>
    public bool RunInBackground { get; set; } = true;

    /// <summary>When the nightly backup runs, in <see cref="TimeZone"/>.</summary>
    public TimeOnly At { get; set; } = new(2, 0);

    /// <summary>The IANA time zone of <see cref="At"/>.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>How many nightly backups to keep; older ones are deleted after a successful backup.</summary>
    [Range(1, 3650)]
    public int Keep { get; set; } = 14;

    /// <summary>PostgreSQL's <c>pg_dump</c> and <c>pg_restore</c> (a version at least the server's).</summary>
    public string PgDump { get; set; } = "pg_dump";

    public string PgRestore { get; set; } = "pg_restore";
}
