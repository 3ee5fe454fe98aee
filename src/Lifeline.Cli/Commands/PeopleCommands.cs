using System.CommandLine;
using Lifeline.Cli.Api;
using Lifeline.Cli.Output;

namespace Lifeline.Cli.Commands;

/// <summary><c>people list</c>, <c>people show</c>, <c>people import</c> and <c>people export</c>.</summary>
public static class PeopleCommands
{
    public static Command Create(CommandContext context)
    {
        var people = new Command("people", "People in the directory and how to reach them");
        people.Subcommands.Add(List(context));
        people.Subcommands.Add(Show(context));
        people.Subcommands.Add(PeopleCsvCommands.Import(context));
        people.Subcommands.Add(PeopleCsvCommands.Export(context));
        return people;
    }

    private static Command List(CommandContext context)
    {
        var search = new Option<string>("--search") { Description = "Only people whose name or title contains this text" };
        var page = ListOptions.Page();
        var command = new Command("list", "List people") { search, page };
        context.SetAction(command, async (parse, ct) =>
        {
            using var client = context.Connect();
            var json = await client.GetAsync(ListOptions.Query("people", parse.GetValue(search), parse.GetValue(page)), ct);
            if (parse.GetValue(context.Json))
            {
                JsonOutput.Write(context.Out, json);
                return;
            }
            var result = ApiJson.Read<Page<PersonSummary>>(json);
            var table = new Table("NAME", "TITLE", "TIME ZONE", "CONTACTS", "ID");
            foreach (var person in result.Items)
            {
                table.Add(person.Name, person.Title, person.TimeZone, person.ContactMethodCount.ToString(System.Globalization.CultureInfo.InvariantCulture), person.Id.ToString());
            }
            if (table.Count > 0)
            {
                table.Write(context.Out);
            }
            PageFooter.Write(context.Out, result.PageNumber, result.PageSize, result.Total, "people");
        });
        return command;
    }

    private static Command Show(CommandContext context)
    {
        var who = new Argument<string>("ID_OR_NAME") { Description = "The person's id, or (part of) their name" };
        var command = new Command("show", "Show a person with their contact methods, roles and teams") { who };
        context.SetAction(command, async (parse, ct) =>
        {
            using var client = context.Connect();
            var id = await Lookup.PersonAsync(client, parse.GetValue(who)!, ct);
            var json = await client.GetAsync($"people/{id}", ct);
            if (parse.GetValue(context.Json))
            {
                JsonOutput.Write(context.Out, json);
                return;
            }
            var person = ApiJson.Read<PersonDetails>(json);
            new Table("", "")
                .Add("name", person.Name)
                .Add("title", person.Title)
                .Add("time zone", person.TimeZone)
                .Add("roles", person.Roles.Count == 0 ? null : string.Join(", ", person.Roles))
                .Add("teams", person.Teams.Count == 0 ? null : string.Join(", ", person.Teams))
                .Add("notes", person.Notes)
                .Add("id", person.Id.ToString())
                .Write(context.Out, header: false);
            await context.Out.WriteLineAsync();
            var methods = new Table("KIND", "VALUE", "LABEL", "SMS", "VOICE", "PRIORITY", "VERIFIED");
            foreach (var m in person.ContactMethods.OrderBy(m => m.Priority).ThenBy(m => m.Kind, StringComparer.Ordinal))
            {
                methods.Add(m.Kind, ContactValue.Show(m), m.Label, m.CanSms ? "yes" : "no", m.CanVoice ? "yes" : "no",
                    m.Priority.ToString(System.Globalization.CultureInfo.InvariantCulture), m.VerifiedAt is { } at ? at.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "no");
            }
            if (methods.Count == 0)
            {
                await context.Out.WriteLineAsync("no contact methods");
                return;
            }
            methods.Write(context.Out);
            ContactValue.WriteMaskedNote(context.Out, person.ContactMethods);
        });
        return command;
    }
}
