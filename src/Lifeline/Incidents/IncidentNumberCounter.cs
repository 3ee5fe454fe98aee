using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Incidents;

/// <summary>The last incident number handed out in a year; one row per year.</summary>
public sealed class IncidentNumberCounter
{
    public int Year { get; private set; }
    public long Value { get; private set; }

    private IncidentNumberCounter() { }
}

internal sealed class IncidentNumberCounterConfiguration : IEntityTypeConfiguration<IncidentNumberCounter>
{
    public void Configure(EntityTypeBuilder<IncidentNumberCounter> builder)
    {
        builder.ToTable("IncidentNumberCounters");
        builder.HasKey(c => c.Year);
        builder.Property(c => c.Year).ValueGeneratedNever();
    }
}
