using Lifeline.Storage;
using Lifeline.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Severity;

/// <summary>
/// One row of the severity table (1 High, 2 Medium, 3 Low): what it means, its response targets
/// and the procedure it triggers. Edited by admins; every change is audited.
/// </summary>
public sealed class SeverityLevel : IAudited
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    /// <summary>1 is the most severe.</summary>
    public int Level { get; private set; }
    public string Name { get; private set; } = "";
    public string Definition { get; private set; } = "";
    /// <summary>The table's examples, one per line.</summary>
    public string Examples { get; private set; } = "";
    // Minutes rather than TimeSpan: the same integer column on SQLite and PostgreSQL, and readable in the API.
    public int AcknowledgeWithinMinutes { get; private set; }
    public int StatusUpdateEveryMinutes { get; private set; }
    public int ResolveWithinMinutes { get; private set; }
    public SeverityProcedure Procedure { get; private set; }

    public TimeSpan TimeToAcknowledge => TimeSpan.FromMinutes(AcknowledgeWithinMinutes);
    public TimeSpan StatusUpdateInterval => TimeSpan.FromMinutes(StatusUpdateEveryMinutes);
    public TimeSpan TimeToResolve => TimeSpan.FromMinutes(ResolveWithinMinutes);

    private SeverityLevel() { }

    public SeverityLevel(int level, string name, string definition, string examples,
        int acknowledgeWithinMinutes, int statusUpdateEveryMinutes, int resolveWithinMinutes, SeverityProcedure procedure)
    {
        Level = level;
        Update(name, definition, examples, acknowledgeWithinMinutes, statusUpdateEveryMinutes, resolveWithinMinutes, procedure);
    }

    public void Update(string name, string definition, string examples,
        int acknowledgeWithinMinutes, int statusUpdateEveryMinutes, int resolveWithinMinutes, SeverityProcedure procedure)
    {
        Name = name.Trim();
        Definition = definition.Trim();
        Examples = examples.Trim();
        AcknowledgeWithinMinutes = acknowledgeWithinMinutes;
        StatusUpdateEveryMinutes = statusUpdateEveryMinutes;
        ResolveWithinMinutes = resolveWithinMinutes;
        Procedure = procedure;
    }
}

internal sealed class SeverityLevelConfiguration : IEntityTypeConfiguration<SeverityLevel>
{
    public void Configure(EntityTypeBuilder<SeverityLevel> builder)
    {
        builder.ToTable("SeverityLevels");
        builder.HasIndex(s => s.Level).IsUnique();
        builder.Property(s => s.Name).HasMaxLength(64);
        builder.Property(s => s.Definition).HasMaxLength(4000);
        builder.Property(s => s.Examples).HasMaxLength(4000);
        builder.Property(s => s.Procedure).HasConversion<string>().HasMaxLength(32);
        builder.Ignore(s => s.TimeToAcknowledge);
        builder.Ignore(s => s.StatusUpdateInterval);
        builder.Ignore(s => s.TimeToResolve);
    }
}
