using System.CommandLine;
using Lifeline.Cli.Api;
using Lifeline.Cli.Output;

namespace Lifeline.Cli.Commands;

/// <summary><c>roles list</c>, <c>teams list</c> and <c>services list</c>.</summary>
public static class DirectoryCommands
{
    public static IEnumerable<Command> Create(CommandContext context) =>
    [
        Group("roles", "Roles such as Incident Manager 1 and who holds them, in order",
            ListCommand<RoleView>(context, "roles", "List roles with their holders in order", "roles", (table, role) => table.Add(
                role.Name,
                role.Holders.Count == 0 ? "nobody" : string.Join(", ", role.Holders.OrderBy(h => h.Position).Select((h, i) => $"{i + 1}. {h.Name}")),
                role.Id.ToString()), "ROLE", "HOLDERS (IN ORDER)", "ID")),
        Group("teams", "Teams: the Level 1 help desk and the Level 2 resolver groups",
            ListCommand<TeamView>(context, "teams", "List teams with their lead and members", "teams", (table, team) => table.Add(
                team.Name,
                team.Kind,
                team.Members.FirstOrDefault(m => m.IsLead)?.Name,
                team.Members.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                team.Phone,
                team.Email), "TEAM", "KIND", "LEAD", "MEMBERS", "PHONE", "EMAIL")),
        Group("services", "Services users depend on, by service area",
            ListCommand<ServiceView>(context, "services", "List services with their service area", "services", (table, service) => table.Add(
                service.Name,
                service.ServiceArea,
                service.IsMajorEnterpriseService ? "yes" : "no",
                service.IsPublicFacing ? "yes" : "no",
                service.OnPublicStatusPage ? "yes" : "no",
                service.Id.ToString()), "SERVICE", "SERVICE AREA", "MAJOR", "PUBLIC", "STATUS PAGE", "ID")),
    ];

    private static Command Group(string name, string description, Command list)
    {
        var group = new Command(name, description);
        group.Subcommands.Add(list);
        return group;
    }

    private static Command ListCommand<T>(CommandContext context, string resource, string description, string nouns,
        Action<Table, T> addRow, params string[] headers)
    {
        var search = new Option<string>("--search") { Description = "Only entries whose name or description contains this text" };
        var page = ListOptions.Page();
        var command = new Command("list", description) { search, page };
        context.SetAction(command, async (parse, ct) =>
        {
            using var client = context.Connect();
            var json = await client.GetAsync(ListOptions.Query(resource, parse.GetValue(search), parse.GetValue(page)), ct);
            if (parse.GetValue(context.Json))
            {
                JsonOutput.Write(context.Out, json);
                return;
            }
            var result = ApiJson.Read<Page<T>>(json);
            var table = new Table(headers);
            foreach (var item in result.Items)
            {
                addRow(table, item);
            }
            if (table.Count > 0)
            {
                table.Write(context.Out);
            }
            PageFooter.Write(context.Out, result.PageNumber, result.PageSize, result.Total, nouns);
        });
        return command;
    }
}
