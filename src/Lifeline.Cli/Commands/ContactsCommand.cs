using System.CommandLine;
using Lifeline.Cli.Api;
using Lifeline.Cli.Output;

namespace Lifeline.Cli.Commands;

/// <summary>
/// <c>contacts ROLE</c>: who holds a role, in the order to call them, with their phones. The question a
/// Level 1 technician asks at 3 a.m., so it takes the role's name as people say it and prints only what
/// is needed to dial.
/// </summary>
public static class ContactsCommand
{
    private sealed record HolderContacts(int Position, Guid PersonId, string Name, string? Title, IReadOnlyList<ContactMethodView> ContactMethods);
    private sealed record RoleContacts(Guid Id, string Name, string? Responsibilities, IReadOnlyList<HolderContacts> Holders);

    public static Command Create(CommandContext context)
    {
        var roleName = new Argument<string>("ROLE_NAME") { Description = "The role, e.g. \"Incident Manager 1\" (any unambiguous part of its name)" };
        var command = new Command("contacts", "Who holds a role, in the order to call them, with their phone numbers") { roleName };
        context.SetAction(command, async (parse, ct) =>
        {
            using var client = context.Connect();
            var role = await FindRoleAsync(client, parse.GetValue(roleName)!, ct);
            var holders = new List<HolderContacts>();
            foreach (var holder in role.Holders.OrderBy(h => h.Position))
            {
                var person = ApiJson.Read<PersonDetails>(await client.GetAsync($"people/{holder.PersonId}", ct));
                holders.Add(new HolderContacts(holder.Position + 1, person.Id, person.Name, person.Title, person.ContactMethods));
            }
            var contacts = new RoleContacts(role.Id, role.Name, role.Responsibilities, holders);
            if (parse.GetValue(context.Json))
            {
                JsonOutput.Write(context.Out, contacts);
                return;
            }
            Write(context.Out, contacts);
        });
        return command;
    }

    private static void Write(TextWriter writer, RoleContacts role)
    {
        writer.WriteLine(role.Name);
        if (!string.IsNullOrWhiteSpace(role.Responsibilities))
        {
            writer.WriteLine(role.Responsibilities.ReplaceLineEndings(" "));
        }
        writer.WriteLine();
        if (role.Holders.Count == 0)
        {
            writer.WriteLine("Nobody holds this role: escalate to its backup (lifeline roles list shows the roles).");
            return;
        }
        var table = new Table("#", "NAME", "TITLE", "PHONE", "KIND", "SMS");
        foreach (var holder in role.Holders)
        {
            // The cell first: the escalation procedure pages by cell, the office line is the fallback.
            var phones = holder.ContactMethods.Where(m => m.IsPhone)
                .OrderBy(m => m.Kind == "CellPhone" ? 0 : 1).ThenBy(m => m.Priority).ToList();
            if (phones.Count == 0)
            {
                table.Add(holder.Position.ToString(System.Globalization.CultureInfo.InvariantCulture), holder.Name, holder.Title, "no phone on file", null, null);
                continue;
            }
            for (var i = 0; i < phones.Count; i++)
            {
                var phone = phones[i];
                table.Add(i == 0 ? holder.Position.ToString(System.Globalization.CultureInfo.InvariantCulture) : "",
                    i == 0 ? holder.Name : "", i == 0 ? holder.Title : "",
                    ContactValue.Show(phone), phone.Kind == "CellPhone" ? "cell" : "office", phone.CanSms ? "yes" : "no");
            }
        }
        table.Write(writer);
        ContactValue.WriteMaskedNote(writer, role.Holders.SelectMany(h => h.ContactMethods).Where(m => m.IsPhone));
    }

    private static async Task<RoleView> FindRoleAsync(LifelineApiClient client, string name, CancellationToken ct)
    {
        var wanted = name.Trim();
        var found = ApiJson.Read<Page<RoleView>>(await client.GetAsync(ListOptions.Query("roles", wanted, page: null, pageSize: 200), ct));
        // "Incident Manager 1" also matches "Incident Manager 1 Primary Backup": the exact name wins.
        var exact = found.Items.Where(r => string.Equals(r.Name, wanted, StringComparison.OrdinalIgnoreCase)).ToList();
        var byName = found.Items.Where(r => r.Name.Contains(wanted, StringComparison.OrdinalIgnoreCase)).ToList();
        var candidates = exact.Count > 0 ? exact : byName.Count > 0 ? byName : found.Items.ToList();
        return candidates.Count switch
        {
            1 => candidates[0],
            0 => throw new CliFailure($"no role named '{wanted}': lifeline roles list shows them", ExitCodes.Failure),
            _ => throw new CliFailure($"'{wanted}' could be any of: {string.Join(", ", candidates.Select(r => r.Name))}; give the full name", ExitCodes.Failure),
        };
    }
}
