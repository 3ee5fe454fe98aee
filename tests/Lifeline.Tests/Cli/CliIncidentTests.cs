using System.Globalization;
using System.Net;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Cli;

/// <summary>
/// The incident path from the command line against real servers over the network: part of it done while the server is
/// stopped (written to the offline journal), the rest after it is started again and <c>lifeline sync</c> has sent the
/// journal with the times things happened.
/// </summary>
public sealed class CliIncidentTests
{
    private static Dictionary<string, string?> SameDatabase(LifelineServer owner) => new() { ["Lifeline:Database:ConnectionString"] = owner.Database.ConnectionString };

    private static string NumberIn(string output) =>
        System.Text.RegularExpressions.Regex.Match(output, @"INC-\d{4}-\d{6}").Value is { Length: > 0 } number ? number : throw new InvalidOperationException($"no incident number in: {output}");

    private static async Task<string> OkAsync(CliRunner cli, params string[] args)
    {
        var result = await cli.RunAsync(args);
        Assert.True(result.ExitCode == 0, $"lifeline {string.Join(' ', args)} ended {result.ExitCode}: {result.Error}{result.Out}");
        return result.Out;
    }

    [Theory, DatabaseData]
    public async Task SeverityOnePath_ServerStoppedMidWay_JournalThenSyncKeepsTheTimes_SecondSyncAddsNothing_ConflictReported(DatabaseProvider provider)
    {
        await using var owner = await LifelineServer.StartAsync(provider);
        var first = await LifelineServer.StartAsync(provider, settings: SameDatabase(owner), seedDemoData: false, kestrel: true);
        using var cli = new CliRunner(null);
        var login = await cli.RunAsync("login", "--server", first.BaseAddress.ToString(), "--token", LifelineServer.AdminToken);
        Assert.True(login.ExitCode == 0, login.Error);

        // Online: open a Severity 1, look at it, engage Level 2; and a second incident that will conflict later.
        var opened = await OkAsync(cli, "incident", "open", "--title", "E-mail is down for everyone", "--service", "e-mail", "--severity", "1", "--reporter", "Pat Doe");
        var number = NumberIn(opened);
        Assert.Contains("Escalating", await OkAsync(cli, "incident", "show", number));
        Assert.Contains("Engaged 1 team(s)", await OkAsync(cli, "incident", "teams", number, "Messaging Team"));
        var other = NumberIn(await OkAsync(cli, "incident", "open", "--title", "Portal is slow", "--service", "e-mail", "--severity", "2"));
        var list = await OkAsync(cli, "incident", "list");
        Assert.Contains(number, list);
        Assert.Contains("Portal is slow", list);

        // The server stops. Acknowledge, update, log and open go to the journal, each saying so.
        await first.DisposeAsync();
        var acknowledgedAt = DateTimeOffset.Now;
        var ack = await cli.RunAsync("incident", "ack", number, "--person", "Henry Castillo", "--at", acknowledgedAt.ToString("O", CultureInfo.InvariantCulture));
        Assert.Equal(3, ack.ExitCode);
        Assert.Contains("saved in the offline journal", ack.Out);
        var beforeUpdate = DateTimeOffset.UtcNow;
        Assert.Equal(3, (await cli.RunAsync("incident", "update", number, "--text", "Mail relay restarted; watching the queue.")).ExitCode);
        Assert.Equal(3, (await cli.RunAsync("incident", "log", number, "Called the vendor's support line")).ExitCode);
        var afterUpdate = DateTimeOffset.UtcNow;
        Assert.Equal(3, (await cli.RunAsync("incident", "update", other, "--text", "Still slow.")).ExitCode);
        var offline = await cli.RunAsync("incident", "open", "--title", "Printers offline on floor 3", "--service", "e-mail", "--severity", "3");
        Assert.True(offline.ExitCode == 3, offline.Error + offline.Out);
        Assert.Contains("as OFF-1", offline.Out);
        Assert.Equal(3, (await cli.RunAsync("incident", "log", "OFF-1", "Floor 3 reports no printing since 09:00")).ExitCode);
        var journal = await OkAsync(cli, "journal");
        Assert.Contains("6 waiting", journal);

        // Meanwhile, on the server (through another instance), the second incident is resolved: its update no longer applies.
        using (var api = owner.AdminClient())
        {
            await api.PostJson($"/api/v1/incidents/{other}/resolve", new { summary = "Cache flushed." }).ExpectAsync(HttpStatusCode.OK);
        }

        // The server is back (a new instance on the same database): sync sends the journal.
        await using var second = await LifelineServer.StartAsync(provider, settings: SameDatabase(owner), seedDemoData: false, kestrel: true);
        cli.Environment["LIFELINE_SERVER"] = second.BaseAddress.ToString();
        var sync = await cli.RunAsync("sync");
        Assert.Equal(1, sync.ExitCode);
        Assert.True(sync.Out.Contains("5 sent, 1 conflict(s), 0 waiting", StringComparison.Ordinal), sync.Out);
        Assert.Contains($"CONFLICT  update {other}", sync.Out);
        Assert.Contains("it is Resolved meanwhile", sync.Out);
        Assert.Contains("[6/6]", sync.Error); // the progress display
        var offlineNumber = System.Text.RegularExpressions.Regex.Match(sync.Out, @"open OFF-1 \([^)]*\) -> (INC-\d{4}-\d{6})").Groups[1].Value;
        Assert.NotEmpty(offlineNumber);

        using var admin = second.AdminClient();
        var incident = await admin.GetAsync($"/api/v1/incidents/{number}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Acknowledged", incident.GetProperty("status").GetString());
        Assert.Equal(acknowledgedAt.ToUnixTimeMilliseconds(), incident.GetProperty("acknowledgedAt").GetDateTimeOffset().ToUnixTimeMilliseconds());
        Assert.Equal("Henry Castillo", incident.GetProperty("incidentManager").GetProperty("name").GetString());
        var update = Assert.Single(incident.GetProperty("statusUpdates").EnumerateArray());
        var postedAt = update.GetProperty("postedAt").GetDateTimeOffset();
        Assert.InRange(postedAt, beforeUpdate.AddSeconds(-1), afterUpdate.AddSeconds(1));
        var timeline = (await admin.GetAsync($"/api/v1/incidents/{number}/timeline").ExpectAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();
        var note = Assert.Single(timeline, e => e.GetProperty("text").GetString()!.StartsWith("Called the vendor's support line", StringComparison.Ordinal));
        Assert.InRange(note.GetProperty("occurredAt").GetDateTimeOffset(), beforeUpdate.AddSeconds(-1), afterUpdate.AddSeconds(1));
        Assert.True(note.GetProperty("recordedAt").GetDateTimeOffset() > afterUpdate);
        var otherIncident = await admin.GetAsync($"/api/v1/incidents/{other}").ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(otherIncident.GetProperty("statusUpdates").EnumerateArray());
        var fromOffline = await admin.GetAsync($"/api/v1/incidents/{offlineNumber}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Printers offline on floor 3", fromOffline.GetProperty("title").GetString());
        Assert.True(fromOffline.GetProperty("openedAt").GetDateTimeOffset() < fromOffline.GetProperty("recordedAt").GetDateTimeOffset().AddSeconds(-1));

        // A second sync adds nothing.
        var count = timeline.Count;
        Assert.Contains("nothing to sync", await OkAsync(cli, "sync"));
        Assert.Equal(count, (await admin.GetAsync($"/api/v1/incidents/{number}/timeline").ExpectAsync(HttpStatusCode.OK)).GetProperty("total").GetInt32());
        Assert.Contains("conflict", await OkAsync(cli, "journal"));

        // The rest of the path, online, by the offline reference now that it is synced, and by number.
        Assert.Contains("Status update posted", await OkAsync(cli, "incident", "update", "OFF-1", "--text", "Print server restarted."));
        Assert.Contains("Resolved", await OkAsync(cli, "incident", "resolve", number, "--summary", "Relay replaced."));
        var closed = await OkAsync(cli, "incident", "close", number);
        Assert.Contains("Survey link for the customer", closed);
        Assert.Contains("/survey/", closed);
        var lines = await OkAsync(cli, "incident", "timeline", number);
        Assert.Contains("[log] Called the vendor's support line", lines);
    }

    [Fact]
    public async Task BadInput_OneLineErrorAndNothingWritten()
    {
        await using var server = await LifelineServer.StartAsync(DatabaseProvider.Sqlite);
        using var cli = new CliRunner(server);
        await cli.SignInAsync(LifelineServer.AdminToken);

        var unknown = await cli.RunAsync("incident", "open", "--title", "x", "--service", "no such service");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal("no service matches 'no such service': try lifeline services list", unknown.Error.Trim());

        var badTime = await cli.RunAsync("incident", "ack", "INC-2026-000001", "--at", "yesterday-ish");
        Assert.NotEqual(0, badTime.ExitCode);
        Assert.Contains("is not a time", badTime.Error);

        var notSynced = await cli.RunAsync("incident", "show", "OFF-9");
        Assert.Equal(1, notSynced.ExitCode);
        Assert.Contains("the offline journal has no incident OFF-9", notSynced.Error);
        Assert.Contains("nothing waiting", (await cli.RunAsync("journal")).Out);
        using var admin = server.AdminClient();
        Assert.Equal(0, (await admin.GetAsync("/api/v1/incidents").ExpectAsync(HttpStatusCode.OK)).GetProperty("total").GetInt32());
    }
}
