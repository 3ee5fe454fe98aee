using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Cli;

public sealed class CliPlanTests
{
    [Theory, DatabaseData]
    public async Task PlanDryRun_DayShift_PrintsWhoIsToldByWhichChannel_AndShiftNowSaysWhy(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider);
        using var cli = new CliRunner(server);
        await cli.SignInAsync(LifelineServer.AdminToken);

        var run = await cli.RunAsync("plan", "dry-run", "Severity 1 directors", "--service", "E-mail", "--at", "2026-11-24T10:00:00-05:00");

        Assert.True(run.ExitCode == 0, run.Error);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("Day shift", lines[0]);
        Assert.StartsWith("EVENT", lines[1]);
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^EscalationStarted\s+1\s+Grace Okafor\s+Email\s+Voice"));
        Assert.DoesNotContain(lines, l => l.StartsWith("EscalationStarted  2", StringComparison.Ordinal)); // the off-shift rule

        var now = await cli.RunAsync("shift", "now");
        Assert.True(now.ExitCode == 0, now.Error);
        Assert.Matches(@"^(Day|Off) shift: .+\(\d{4}-\d\d-\d\d \d\d:\d\d America/New_York\)", now.Out.Trim());
    }
}
