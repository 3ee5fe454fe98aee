using Lifeline.Storage;
using Lifeline.Tests.Escalation;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Cli;

public sealed class CliPolicyTests
{
    [Theory, DatabaseData]
    public async Task PolicyDryRun_DayShift_PrintsWhoIsPagedMinuteByMinute(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        using var cli = new CliRunner(h.Server);
        await cli.SignInAsync(LifelineServer.AdminToken);

        var run = await cli.RunAsync("policy", "dry-run", "Severity 1 escalation", "--service", "E-mail", "--at", "2026-11-24T10:00:00-05:00");

        Assert.True(run.ExitCode == 0, run.Error);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("Day shift", lines[0]);
        Assert.StartsWith("MINUTE", lines[1]);
        Assert.Matches(@"^0\s+1\s+Henry Castillo\s+Voice\s+holds Incident Manager 1", lines[2]);
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^5\s+2\s+Aisha Karim\s+Sms"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^10\s+3\s+Leo Brandt\s+Voice\s+manages Enterprise Services"));
        Assert.Contains("At minute 45", lines[^1]);
    }
}
