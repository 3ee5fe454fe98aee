using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Lifeline.Storage;
using Lifeline.Tests.Cli;
using Lifeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifeline.Tests.ConfigAsCode;

/// <summary>
/// The configuration as a YAML file: exported, compared and imported all or nothing. Each test has servers of its own,
/// since an import rewrites the whole directory.
/// </summary>
public sealed class ConfigAsCodeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> ExportAsync(HttpClient client, bool contacts = false, bool secrets = false)
    {
        using var response = await client.GetAsync($"/api/v1/config?contacts={contacts}&secrets={secrets}".ToLowerInvariant(), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/yaml", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ImportAsync(HttpClient client, string yaml, bool apply)
    {
        using var content = new StringContent(yaml, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/yaml");
        using var response = await client.PostAsync($"/api/v1/config/import?apply={(apply ? "true" : "false")}", content, Ct);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
        return (response.StatusCode, body);
    }

    private static List<string> Lines(JsonElement answer) => [.. answer.GetProperty("lines").EnumerateArray().Select(l => l.GetString()!)];

    [Theory, DatabaseData]
    public async Task Export_ImportIntoAnEmptyDatabase_ExportsTheSameFileAndAGainChangesNothing(DatabaseProvider provider)
    {
        await using var demo = await LifelineServer.StartAsync(provider);
        await using (var scope = demo.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
            (await db.Services.SingleAsync(s => s.Name == "E-mail", Ct)).ShowOnPublicStatusPage(true);
            await db.SaveChangesAsync(Ct);
        }
        var first = await ExportAsync(demo.AdminClient(), contacts: true, secrets: true);
        Assert.Contains("- name: Henry Castillo", first);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(first, "onPublicStatusPage: true"));
        Assert.Contains("heldThrough: Incident Manager 1 rotation", first);
        Assert.Contains("- relative: ServiceAreaManager", first);

        await using var empty = await LifelineServer.StartAsync(provider, seedDemoData: false);
        var admin = empty.AdminClient();
        var (dryStatus, dry) = await ImportAsync(admin, first, apply: false);
        Assert.Equal(HttpStatusCode.OK, dryStatus);
        Assert.False(dry.GetProperty("applied").GetBoolean());
        Assert.Contains("+ people: Henry Castillo", Lines(dry));
        await using (var scope = empty.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
            Assert.False(await db.People.AnyAsync(p => p.Name == "Henry Castillo", Ct));
        }

        var (status, applied) = await ImportAsync(admin, first, apply: true);
        Assert.True(status == HttpStatusCode.OK, applied.ToString());
        Assert.True(applied.GetProperty("applied").GetBoolean());

        var second = await ExportAsync(admin, contacts: true, secrets: true);
        Assert.Equal(first, second);
        var (_, again) = await ImportAsync(admin, second, apply: false);
        Assert.Equal("no changes", again.GetProperty("summary").GetString());
        Assert.Empty(Lines(again));
    }

    [Theory, DatabaseData]
    public async Task Export_PolicyNamingAChatChannel_NamesItAndImportsBackWithoutChanges(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider);
        var admin = server.AdminClient();
        var channel = await admin.PostJson("/api/v1/chat-channels", new { name = "Major incidents", url = "https://hooks.slack.com/services/T000/B000/XXXX" })
            .ExpectAsync(HttpStatusCode.Created);
        await admin.PostJson("/api/v1/escalation-policies", new
        {
            name = "Posts to major incidents",
            tiers = new[] { new { targets = new object[] { new { kind = "ChatChannel", id = channel.Id() } }, channels = new[] { "Chat" }, wait = "00:05:00" } },
        }).ExpectAsync(HttpStatusCode.Created);

        var file = await ExportAsync(admin);
        Assert.Contains("- chatChannel: Major incidents", file);
        Assert.DoesNotContain("hooks.slack.com", file);
        var (status, again) = await ImportAsync(admin, file, apply: false);
        Assert.True(status == HttpStatusCode.OK, again.ToString());
        Assert.Equal("no changes", again.GetProperty("summary").GetString());

        var (refused, problem) = await ImportAsync(admin, file.Replace("chatChannel: Major incidents", "chatChannel: No such room", StringComparison.Ordinal), apply: false);
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Contains("No chat channel named 'No such room'", problem.ToString());
    }

    [Theory, DatabaseData]
    public async Task Export_WithoutTheFlags_HasNoContactValuesNorPins_AndWithContactsEachPersonIsInTheAccessLog(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider);
        var admin = server.AdminClient();
        string[] values;
        int people;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
            values = [.. await db.ContactMethods.Select(c => c.Value).ToListAsync(Ct)];
            people = await db.People.CountAsync(Ct);
            Assert.Equal(0, await db.ContactAccessLog.CountAsync(e => e.Purpose == "configuration export with contacts", Ct));
        }
        string[] pins = ["314159", "271828", "161803"];

        var plain = await ExportAsync(admin);
        Assert.NotEmpty(values);
        Assert.All(values, v => Assert.DoesNotContain(v, plain, StringComparison.Ordinal));
        Assert.DoesNotContain("contactMethods", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("bridgePin", plain, StringComparison.Ordinal);
        Assert.All(pins, pin => Assert.DoesNotContain(pin, plain, StringComparison.Ordinal));

        var full = await ExportAsync(admin, contacts: true, secrets: true);
        Assert.All(values, v => Assert.Contains(v, full, StringComparison.Ordinal));
        Assert.All(pins, pin => Assert.Contains($"bridgePin: {pin}", full, StringComparison.Ordinal));
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
            Assert.Equal(people, await db.ContactAccessLog.CountAsync(e => e.Purpose == "configuration export with contacts", Ct));
        }

        var viewer = await server.ClientAsAsync("Viewer");
        using var refused = await viewer.GetAsync("/api/v1/config", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Theory, DatabaseData]
    public async Task Import_ABadFile_GivesEachProblemWithItsLine_AndChangesNothing(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider);
        var admin = server.AdminClient();
        var before = await ExportAsync(admin, contacts: true, secrets: true);

        // A good change first (a title), then three mistakes further down: none of it may land.
        var bad = before
            .Replace("  title: Messaging Engineer\n", "  title: Senior Messaging Engineer\n", StringComparison.Ordinal)
            .Replace("  - Tomas Ortega\n", "  - Tomas Ortgea\n", StringComparison.Ordinal)
            .Replace("- name: Yuki Sato\n  title: Application Support Analyst\n  timeZone: America/New_York\n",
                "- name: Yuki Sato\n  title: Application Support Analyst\n  timeZone: Mars/Olympus_Mons\n", StringComparison.Ordinal);
        var lines = bad.Split('\n');
        var firstWait = Array.FindIndex(lines, l => l == "  - wait: 5");
        lines[firstWait] = "  - wait: soon";
        bad = string.Join('\n', lines);
        int LineOf(string text) => Array.FindIndex(bad.Split('\n'), l => l == text) + 1;

        foreach (var apply in new[] { false, true })
        {
            var (status, problem) = await ImportAsync(admin, bad, apply);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            var errors = problem.GetProperty("errors");
            Assert.Equal($"line {LineOf("  - Tomas Ortgea")}: No person named 'Tomas Ortgea' in the file.",
                errors.GetProperty("roles[2].holders[0]")[0].GetString());
            Assert.StartsWith($"line {LineOf("  timeZone: Mars/Olympus_Mons")}: 'Mars/Olympus_Mons' is not an IANA time zone",
                errors.EnumerateObject().Single(e => e.Name.EndsWith(".timeZone", StringComparison.Ordinal)).Value[0].GetString());
            Assert.StartsWith($"line {firstWait + 1}: 'soon' is not a wait",
                errors.GetProperty("escalationPolicies[0].tiers[0].wait")[0].GetString());
        }
        Assert.Equal(before, await ExportAsync(admin, contacts: true, secrets: true));

        // Not YAML a person meant: an unknown key, and a broken line, each named with its line.
        var (_, unknown) = await ImportAsync(admin, before.Replace("  title: IT Manager\n", "  titel: IT Manager\n", StringComparison.Ordinal), apply: true);
        var unknownError = unknown.GetProperty("errors").EnumerateObject().Single();
        Assert.StartsWith($"line {Array.FindIndex(before.Split('\n'), l => l == "  title: IT Manager") + 1}: ", unknownError.Value[0].GetString());
        Assert.Contains("titel", unknownError.Value[0].GetString(), StringComparison.Ordinal);
        var (brokenStatus, broken) = await ImportAsync(admin, "version: 1\npeople:\n- name: [unclosed\n", apply: true);
        Assert.Equal(HttpStatusCode.BadRequest, brokenStatus);
        Assert.Matches("^line [34]: ", broken.GetProperty("errors").EnumerateObject().Single().Value[0].GetString());
        Assert.Equal(before, await ExportAsync(admin, contacts: true, secrets: true));
    }

    [Theory, DatabaseData]
    public async Task Import_AChangedFile_ShowsTheDifferences_ThenAppliesThemAllAndAFailedRemovalUndoesEverything(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider);
        var admin = server.AdminClient();
        var before = await ExportAsync(admin);
        var changed = before
            .Replace("- name: Yuki Sato\n", "- name: Zoe Quinn\n  title: Application Analyst\n  timeZone: America/Chicago\n  contactMethods:\n" +
                "  - kind: CellPhone\n    value: 860 555 0177\n    sms: true\n    voice: true\n- name: Yuki Sato\n", StringComparison.Ordinal)
            .Replace("  - person: Nora Lindqvist\n", "  - person: Zoe Quinn\n", StringComparison.Ordinal)
            .Replace("- name: Department of Motor Vehicles\n  description: Agency customer.\n", "", StringComparison.Ordinal);

        var (_, dry) = await ImportAsync(admin, changed, apply: false);
        Assert.Equal(["- organisations: Department of Motor Vehicles", "+ people: Zoe Quinn", "~ teams: Application Support Team (members: changed)"], Lines(dry));
        Assert.Equal("1 to add, 1 to change, 1 to remove: not applied (dry run)", dry.GetProperty("summary").GetString());
        Assert.Equal(before, await ExportAsync(admin));

        var (status, applied) = await ImportAsync(admin, changed, apply: true);
        Assert.True(status == HttpStatusCode.OK, applied.ToString());
        var after = await ExportAsync(admin, contacts: true);
        Assert.Contains("- name: Zoe Quinn\n  title: Application Analyst\n  timeZone: America/Chicago\n  contactMethods:\n  - kind: CellPhone\n    value: +18605550177", after);
        Assert.Contains("  - person: Zoe Quinn\n", after);
        Assert.DoesNotContain("- name: Department of Motor Vehicles\n", after, StringComparison.Ordinal);
        var (_, nothing) = await ImportAsync(admin, changed, apply: false);
        Assert.Equal("no changes", nothing.GetProperty("summary").GetString());

        // Leo Brandt manages a service area the file keeps: his removal is refused, and the title changed before it is not kept either.
        var now = await ExportAsync(admin);
        var start = now.IndexOf("- name: Leo Brandt\n", StringComparison.Ordinal);
        var end = now.IndexOf("- name: ", start + 1, StringComparison.Ordinal);
        var withoutLeo = now.Remove(start, end - start).Replace("  title: IT Director\n", "  title: Director of IT\n", StringComparison.Ordinal)
            .Replace("  - Leo Brandt\n", "", StringComparison.Ordinal);
        var (refusedStatus, refused) = await ImportAsync(admin, withoutLeo, apply: true);
        Assert.Equal(HttpStatusCode.BadRequest, refusedStatus);
        Assert.Contains("Leo Brandt", refused.GetProperty("errors").ToString(), StringComparison.Ordinal);
        Assert.Equal(now, await ExportAsync(admin));
    }

    [Theory, DatabaseData, System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Cli_ExportToAFile_ThenImport_IsADryRunUntilApply(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider);
        using var cli = new CliRunner(server);
        await cli.SignInAsync(LifelineServer.AdminToken);
        var file = Path.Combine(Path.GetTempPath(), $"lifeline-config-{Guid.NewGuid():N}.yaml");
        try
        {
            var export = await cli.RunAsync("export", "--output", file);
            Assert.True(export.ExitCode == 0, export.Error);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file, Ct)).Replace("  title: IT Director\n", "  title: Director of IT\n", StringComparison.Ordinal), Ct);

            var dry = await cli.RunAsync("import", file);
            Assert.True(dry.ExitCode == 0, dry.Error);
            Assert.Equal(["~ people: Ellen Marsh (title: IT Director → Director of IT)", "0 to add, 1 to change, 0 to remove: not applied (dry run)",
                "Run again with --apply to make these changes."], dry.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            var apply = await cli.RunAsync("import", file, "--apply");
            Assert.True(apply.ExitCode == 0, apply.Error);
            Assert.Contains(": applied", apply.Out, StringComparison.Ordinal);
            Assert.Contains("title: Director of IT", (await cli.RunAsync("export")).Out, StringComparison.Ordinal);

            await File.WriteAllTextAsync(file, "version: 1\nteams:\n- name: Night desk\n  kind: Sleepers\n", Ct);
            var bad = await cli.RunAsync("import", file, "--apply");
            Assert.Equal(1, bad.ExitCode);
            Assert.Contains("teams[0].kind: line 4: 'Sleepers' is not a team kind", bad.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
