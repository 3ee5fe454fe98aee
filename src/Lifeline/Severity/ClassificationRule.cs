using Lifeline.Storage;
using Lifeline.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Severity;

/// <summary>
/// One line of the classification table. Rules are evaluated by <see cref="Order"/> and the first
/// whose conditions all hold gives the severity; a condition left null matches anything. Data, not
/// code, so admins can change the policy without a release.
/// </summary>
public sealed class ClassificationRule : IAudited
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public int Order { get; private set; }
    public string Name { get; private set; } = "";
    public bool? MajorEnterpriseService { get; private set; }
    public bool? PublicFacing { get; private set; }
    public bool? VipAffected { get; private set; }
    public ServiceState? State { get; private set; }
    public ImpactScope? MinimumScope { get; private set; }
    public int Severity { get; private set; }
    /// <summary>Why, shown to the technician; <c>{service}</c>, <c>{organisation}</c>, <c>{scope}</c> and <c>{state}</c> are filled in.</summary>
    public string Reason { get; private set; } = "";

    private ClassificationRule() { }

    public ClassificationRule(int order, string name, bool? majorEnterpriseService, bool? publicFacing, bool? vipAffected,
        ServiceState? state, ImpactScope? minimumScope, int severity, string reason) =>
        Update(order, name, majorEnterpriseService, publicFacing, vipAffected, state, minimumScope, severity, reason);

    public void Update(int order, string name, bool? majorEnterpriseService, bool? publicFacing, bool? vipAffected,
        ServiceState? state, ImpactScope? minimumScope, int severity, string reason)
    {
        Order = order;
        Name = name.Trim();
        MajorEnterpriseService = majorEnterpriseService;
        PublicFacing = publicFacing;
        VipAffected = vipAffected;
        State = state;
        MinimumScope = minimumScope;
        Severity = severity;
        Reason = reason.Trim();
    }

    public void Reorder(int order) => Order = order;

    public bool Matches(ClassificationInput input) =>
        (MajorEnterpriseService is not { } major || major == input.MajorEnterpriseService)
        && (PublicFacing is not { } publicFacing || publicFacing == input.PublicFacing)
        && (VipAffected is not { } vip || vip == input.VipAffected)
        && (State is not { } state || state == input.State)
        && (MinimumScope is not { } scope || input.Scope >= scope);

    public string Explain(ClassificationInput input) =>
        Reason.Replace("{service}", input.ServiceName, StringComparison.Ordinal)
            .Replace("{organisation}", input.OrganisationName ?? "the affected organisation", StringComparison.Ordinal)
            .Replace("{scope}", ScopeWords(input.Scope), StringComparison.Ordinal)
            .Replace("{state}", input.State == ServiceState.Down ? "down" : "degraded", StringComparison.Ordinal)
        + $" → Severity {Severity}";

    private static string ScopeWords(ImpactScope scope) => scope switch
    {
        ImpactScope.SingleUser => "a single user",
        ImpactScope.SmallGroup => "a small group of users",
        _ => "the majority of users",
    };
}

internal sealed class ClassificationRuleConfiguration : IEntityTypeConfiguration<ClassificationRule>
{
    public void Configure(EntityTypeBuilder<ClassificationRule> builder)
    {
        builder.ToTable("ClassificationRules");
        builder.Property(r => r.Name).HasMaxLength(200);
        builder.Property(r => r.Reason).HasMaxLength(1000);
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.MinimumScope).HasConversion<string>().HasMaxLength(32);
        builder.HasIndex(r => r.Order);
    }
}
