using Lifeline.Severity;

namespace Lifeline.Tests.Severity;

/// <summary>Every example of the seed's severity table against the default rules, first match wins.</summary>
public sealed class ClassificationRuleTests
{
    public static TheoryData<string, bool, bool, ImpactScope, ServiceState, bool, int> SeedExamples => new()
    {
        // Severity 1: major enterprise services going down
        { "E-mail", true, false, ImpactScope.MajorityOrTotal, ServiceState.Down, false, 1 },
        { "Internet Access", true, false, ImpactScope.MajorityOrTotal, ServiceState.Down, false, 1 },
        { "CICS", true, false, ImpactScope.MajorityOrTotal, ServiceState.Down, false, 1 },
        { "Portal", true, false, ImpactScope.MajorityOrTotal, ServiceState.Down, false, 1 },
        { "Collect", true, false, ImpactScope.MajorityOrTotal, ServiceState.Down, false, 1 },
        { "Active Directory", true, false, ImpactScope.MajorityOrTotal, ServiceState.Down, false, 1 },
        { "Citrix", true, false, ImpactScope.MajorityOrTotal, ServiceState.Down, false, 1 },
        // Severity 1: the Governor's or Lieutenant Governor's office, even for one user of a minor service
        { "Internet Filtering", false, false, ImpactScope.SingleUser, ServiceState.Degraded, true, 1 },
        // Severity 1: public facing
        { "DMV", false, true, ImpactScope.MajorityOrTotal, ServiceState.Down, false, 1 },
        { "DCF Hotline", false, true, ImpactScope.MajorityOrTotal, ServiceState.Down, false, 1 },
        // Severity 2
        { "E-mail", true, false, ImpactScope.MajorityOrTotal, ServiceState.Degraded, false, 2 },
        { "Police Department Connectivity", false, false, ImpactScope.SmallGroup, ServiceState.Down, false, 2 },
        { "Internet Filtering", false, false, ImpactScope.MajorityOrTotal, ServiceState.Down, false, 2 },
        { "Citrix", true, false, ImpactScope.SmallGroup, ServiceState.Down, false, 2 },
        // Severity 3: single user
        { "E-mail", true, false, ImpactScope.SingleUser, ServiceState.Down, false, 3 },
        { "DMV", false, true, ImpactScope.SingleUser, ServiceState.Degraded, false, 3 },
    };

    [Theory, MemberData(nameof(SeedExamples))]
    public void DefaultRules_SeedExample_GiveTheSeedsSeverity(string service, bool major, bool publicFacing, ImpactScope scope, ServiceState state, bool vip, int expected)
    {
        var input = new ClassificationInput(service, major, publicFacing, scope, state, vip, vip ? "Office of the Governor" : null);

        var rule = SeverityCatalogue.DefaultRules().OrderBy(r => r.Order).First(r => r.Matches(input));

        Assert.Equal(expected, rule.Severity);
    }

    [Fact]
    public void Explain_MajorServiceDown_SaysWhy()
    {
        var input = new ClassificationInput("E-mail", true, false, ImpactScope.MajorityOrTotal, ServiceState.Down, false, null);
        var rule = SeverityCatalogue.DefaultRules().OrderBy(r => r.Order).First(r => r.Matches(input));

        Assert.Equal("E-mail is a major enterprise service and is down for the majority of users → Severity 1", rule.Explain(input));
    }

    [Fact]
    public void DefaultLevels_SeverityOne_TriggersEscalationWithTheSeedsTargets()
    {
        var levels = SeverityCatalogue.DefaultLevels().ToDictionary(l => l.Level);

        Assert.Equal(SeverityProcedure.Escalation, levels[1].Procedure);
        Assert.Equal(TimeSpan.FromMinutes(15), levels[1].TimeToAcknowledge);
        Assert.Equal(TimeSpan.FromMinutes(60), levels[1].StatusUpdateInterval);
        Assert.Equal(TimeSpan.FromHours(4), levels[1].TimeToResolve);
        Assert.Equal(SeverityProcedure.NormalBusinessProcess, levels[2].Procedure);
        Assert.Equal(SeverityProcedure.NormalBusinessProcess, levels[3].Procedure);
        Assert.Equal(["High", "Medium", "Low"], levels.Values.OrderBy(l => l.Level).Select(l => l.Name));
    }
}
