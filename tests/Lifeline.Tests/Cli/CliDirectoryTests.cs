using System.Net;
using System.Text.Json;
using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Cli;

public sealed class CliDirectoryTests(SharedServers servers)
{
    private const string IncidentManager1 = "Incident Manager 1";

    [Theory, DatabaseData]
    public async Task PeopleList_Search_ShowsOnlyMatchingPeople(DatabaseProvider provider)
    {
        using var cli = new CliRunner(await servers.GetAsync(provider));
        await cli.SignInAsync(LifelineServer.AdminToken);

        var list = await cli.RunAsync("people", "list", "--search", "incident manager");

        Assert.True(list.ExitCode == 0, list.Error);
        var lines = list.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("NAME", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("Henry Castillo ", StringComparison.Ordinal) && l.Contains(IncidentManager1));
        Assert.Contains(lines, l => l.StartsWith("Aisha Karim ", StringComparison.Ordinal));
        Assert.DoesNotContain("Priya Raman", list.Out);
        Assert.Equal("2 people", lines[^1].Trim());
    }

    [Fact]
    public async Task PeopleList_Json_EmitsTheServersPage()
    {
        using var cli = new CliRunner(await servers.GetAsync(DatabaseProvider.Sqlite));
        await cli.SignInAsync(LifelineServer.AdminToken);

        var list = await cli.RunAsync("people", "list", "--search", "castillo", "--json");

        Assert.True(list.ExitCode == 0, list.Error);
        var page = JsonDocument.Parse(list.Out).RootElement;
        Assert.Equal(1, page.GetProperty("total").GetInt32());
        Assert.Equal("Henry Castillo", page.GetProperty("items")[0].GetProperty("name").GetString());
    }

    [Theory, DatabaseData]
    public async Task Contacts_AdminToken_ListsHolderWithPhoneInClear(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var (holder, cell) = await IncidentManager1CellAsync(server);
        using var cli = new CliRunner(server);
        await cli.SignInAsync(LifelineServer.AdminToken);

        var contacts = await cli.RunAsync("contacts", IncidentManager1);

        Assert.True(contacts.ExitCode == 0, contacts.Error);
        var row = Assert.Single(contacts.Out.Split('\n'), l => l.StartsWith("1 ", StringComparison.Ordinal));
        Assert.Contains(holder, row);
        Assert.Contains(cell, row);
        Assert.DoesNotContain("(masked)", contacts.Out);
        Assert.DoesNotContain("Primary Backup", contacts.Out);
    }

    [Fact]
    public async Task Contacts_ViewerToken_ShowsPhoneMaskedAndMarked()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var (holder, cell) = await IncidentManager1CellAsync(server);
        var viewer = await server.ClientAsAsync(LifelineRoles.Viewer);
        using var cli = new CliRunner(server);
        await cli.SignInAsync(viewer.DefaultRequestHeaders.Authorization!.Parameter!);

        var contacts = await cli.RunAsync("contacts", IncidentManager1.ToLowerInvariant());

        Assert.True(contacts.ExitCode == 0, contacts.Error);
        var row = Assert.Single(contacts.Out.Split('\n'), l => l.StartsWith("1 ", StringComparison.Ordinal));
        Assert.Contains(holder, row);
        Assert.Contains($"+1 ••• ••• {cell[^4..]} (masked)", row);
        Assert.DoesNotContain(cell, contacts.Out);
        Assert.Contains("your role may not see contact details in clear", contacts.Out);
    }

    [Fact]
    public async Task Contacts_Json_EmitsHoldersInOrderWithContactMethods()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var (holder, cell) = await IncidentManager1CellAsync(server);
        using var cli = new CliRunner(server);
        await cli.SignInAsync(LifelineServer.AdminToken);

        var contacts = await cli.RunAsync("--json", "contacts", IncidentManager1);

        Assert.True(contacts.ExitCode == 0, contacts.Error);
        var role = JsonDocument.Parse(contacts.Out).RootElement;
        Assert.Equal(IncidentManager1, role.GetProperty("name").GetString());
        var first = role.GetProperty("holders")[0];
        Assert.Equal(1, first.GetProperty("position").GetInt32());
        Assert.Equal(holder, first.GetProperty("name").GetString());
        Assert.Contains(first.GetProperty("contactMethods").EnumerateArray(),
            m => m.GetProperty("value").GetString() == cell && !m.GetProperty("masked").GetBoolean());
    }

    [Fact]
    public async Task Contacts_AmbiguousRoleName_NamesTheCandidates()
    {
        using var cli = new CliRunner(await servers.GetAsync(DatabaseProvider.Sqlite));
        await cli.SignInAsync(LifelineServer.AdminToken);

        var contacts = await cli.RunAsync("contacts", "Incident Manager");

        Assert.Equal(1, contacts.ExitCode);
        Assert.Contains("Incident Manager 1, Incident Manager 1 Primary Backup", contacts.Error);
        Assert.Equal("", contacts.Out);
    }

    [Fact]
    public async Task PeopleShow_ByName_ShowsContactMethodsAndRoles()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var (holder, cell) = await IncidentManager1CellAsync(server);
        using var cli = new CliRunner(server);
        await cli.SignInAsync(LifelineServer.AdminToken);

        var show = await cli.RunAsync("people", "show", holder.ToUpperInvariant());

        Assert.True(show.ExitCode == 0, show.Error);
        Assert.Contains(show.Out.Split('\n'), l => l.StartsWith("roles", StringComparison.Ordinal) && l.Contains(IncidentManager1));
        Assert.Contains(show.Out.Split('\n'), l => l.StartsWith("CellPhone", StringComparison.Ordinal) && l.Contains(cell));
    }

    [Fact]
    public async Task RolesTeamsServicesList_Admin_ShowDemoDirectory()
    {
        using var cli = new CliRunner(await servers.GetAsync(DatabaseProvider.Sqlite));
        await cli.SignInAsync(LifelineServer.AdminToken);

        var roles = await cli.RunAsync("roles", "list", "--search", "incident manager 1");
        var teams = await cli.RunAsync("teams", "list");
        var services = await cli.RunAsync("services", "list", "--search", "dmv");

        Assert.True(roles.ExitCode == 0 && teams.ExitCode == 0 && services.ExitCode == 0, roles.Error + teams.Error + services.Error);
        Assert.Contains(roles.Out.Split('\n'), l => l.StartsWith("Incident Manager 1 ", StringComparison.Ordinal) && l.Contains("1. Henry Castillo"));
        Assert.Contains(teams.Out.Split('\n'), l => l.StartsWith("IT Help Desk ", StringComparison.Ordinal) && l.Contains("HelpDesk"));
        Assert.Contains(services.Out.Split('\n'), l => l.StartsWith("DMV ", StringComparison.Ordinal) && l.Contains("Public Services"));
    }

    /// <summary>The demo's Incident Manager 1 and their cell number in clear, read through the API as the admin.</summary>
    private static async Task<(string Name, string Cell)> IncidentManager1CellAsync(LifelineServer server)
    {
        var admin = server.AdminClient();
        var roles = await admin.GetAsync("/api/v1/roles?q=incident manager 1").ExpectAsync(HttpStatusCode.OK);
        var role = roles.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("name").GetString() == IncidentManager1);
        var personId = role.GetProperty("holders")[0].GetProperty("personId").GetString();
        var person = await admin.GetAsync($"/api/v1/people/{personId}").ExpectAsync(HttpStatusCode.OK);
        var cell = person.GetProperty("contactMethods").EnumerateArray().First(m => m.GetProperty("kind").GetString() == "CellPhone");
        return (person.GetProperty("name").GetString()!, cell.GetProperty("value").GetString()!);
    }
}
