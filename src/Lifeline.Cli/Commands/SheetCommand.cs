using System.CommandLine;
using System.Text.Json;
using Lifeline.Cli.Api;
using Lifeline.Cli.Offline;
using Lifeline.Cli.Output;

namespace Lifeline.Cli.Commands;

/// <summary>
/// <c>lifeline sheet</c>: the Severity 1 contact list — who to call, in order — from the server, or from the encrypted
/// copy the last successful call left when the server cannot be reached (with its age).
/// </summary>
public static class SheetCommand
{
    /// <summary>How old the copy may get before a successful incident command refreshes it on the way.</summary>
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromMinutes(10);

    public static Command Create(CommandContext context)
    {
        var command = new Command("sheet", "The Severity 1 contact list, also when the server cannot be reached (from an encrypted local copy)");
        context.SetAction(command, async (parse, ct) =>
        {
            var sheet = Sheet(context);
            SheetCopy copy;
            string? offline = null;
            try
            {
                using var client = context.Connect();
                copy = await FetchAsync(context, client, ct);
                sheet.Save(copy);
            }
            catch (ServerUnreachableException unreachable)
            {
                copy = sheet.Load() ?? throw new CliFailure(
                    $"cannot reach {unreachable.Server} ({unreachable.Reason}) and there is no offline copy: run lifeline sheet once while the server can be reached", ExitCodes.Unreachable);
                offline = $"OFFLINE COPY: {unreachable.Server} cannot be reached ({unreachable.Reason}). Saved {copy.SavedAt.ToLocalTime():yyyy-MM-dd HH:mm}, {Readable.Age(copy.SavedAt, context.Host.Now())}; numbers may have changed since.";
            }
            if (parse.GetValue(context.Json))
            {
                JsonOutput.Write(context.Out, new { offline = offline is not null, copy.SavedAt, contactList = copy.ContactList, letter = copy.Letter });
                return;
            }
            if (offline is not null)
            {
                await context.Out.WriteLineAsync(offline);
                await context.Out.WriteLineAsync();
            }
            Write(context.Out, copy.ContactList);
        });
        return command;
    }

    /// <summary>Refreshes the copy when it is older than <see cref="RefreshAfter"/>; a failure here never fails the command that succeeded.</summary>
    public static async Task RefreshIfOldAsync(CommandContext context, LifelineApiClient client, CancellationToken ct)
    {
        try
        {
            var sheet = Sheet(context);
            if (sheet.Load() is { } copy && context.Host.Now() - copy.SavedAt < RefreshAfter)
            {
                return;
            }
            sheet.Save(await FetchAsync(context, client, ct));
        }
        catch (CliFailure)
        {
            // The command itself worked; the copy is refreshed next time.
        }
    }

    private static ContactSheet Sheet(CommandContext context)
    {
        var config = context.Store.Load();
        if (config.SheetKey is { } key)
        {
            return new ContactSheet(context.Store.Directory, Convert.FromBase64String(key));
        }
        var fresh = ContactSheet.NewKey();
        context.Store.Save(config with { SheetKey = Convert.ToBase64String(fresh) });
        return new ContactSheet(context.Store.Directory, fresh);
    }

    private static async Task<SheetCopy> FetchAsync(CommandContext context, LifelineApiClient client, CancellationToken ct)
    {
        var list = await client.GetAsync("contact-list", ct);
        var letter = await client.GetAsync("letter", ct);
        return new SheetCopy(context.Host.Now(), client.Server, context.Store.Effective().UserName, list, letter);
    }

    private static void Write(TextWriter writer, JsonElement list)
    {
        writer.WriteLine($"Severity 1 contact list (version {Readable.Text(list, "version")}{(list.GetProperty("masked").GetBoolean() ? ", contact values masked for your role" : "")})");
        if (list.GetProperty("helpDesk") is { ValueKind: JsonValueKind.Object } helpDesk)
        {
            writer.WriteLine($"Help desk: {Readable.Text(helpDesk, "name")}  {Readable.Text(helpDesk, "phoneDisplay") ?? Readable.Text(helpDesk, "phone")}  {Readable.Text(helpDesk, "email")}");
        }
        foreach (var chain in list.GetProperty("chains").EnumerateArray())
        {
            writer.WriteLine();
            var services = chain.GetProperty("services").EnumerateArray().Select(s => s.GetString()).ToList();
            writer.WriteLine($"{Readable.Text(chain, "policy")}{(chain.GetProperty("isDefault").GetBoolean() ? " (default)" : "")}"
                + (services.Count > 0 ? $" for {string.Join(", ", services)}" : ""));
            WriteSteps(writer, chain.GetProperty("steps"));
        }
        var areas = new Table("SERVICE AREA", "MANAGER", "PHONE", "BRIDGE");
        foreach (var area in list.GetProperty("serviceAreas").EnumerateArray())
        {
            var manager = area.GetProperty("manager");
            areas.Add(Readable.Text(area, "name"), Readable.Text(manager, "name"), Phones(manager),
                string.Join(" ", new[] { Readable.Text(area, "bridgeDialIn"), Readable.Text(area, "bridgePin") is { } pin ? $"PIN {pin}" : null }.OfType<string>()));
        }
        if (areas.Count > 0)
        {
            writer.WriteLine();
            areas.Write(writer);
        }
        if (list.GetProperty("notify").GetArrayLength() > 0)
        {
            writer.WriteLine();
            writer.WriteLine("Tell:");
            WriteSteps(writer, list.GetProperty("notify"));
        }
    }

    private static void WriteSteps(TextWriter writer, JsonElement steps)
    {
        var table = new Table("#", "WHO", "NAME", "PHONE");
        foreach (var step in steps.EnumerateArray())
        {
            var people = step.GetProperty("people").EnumerateArray().ToList();
            var title = Readable.Text(step, "title");
            var position = Readable.Text(step, "position");
            if (people.Count == 0)
            {
                table.Add(position, title, Readable.Text(step, "note") ?? "-", "");
            }
            foreach (var person in people)
            {
                table.Add(position, title, Readable.Text(person, "name"), Phones(person));
                (position, title) = ("", "");
            }
        }
        table.Write(writer);
    }

    // The cell first: the procedure pages by cell, the office line is the fallback.
    private static string Phones(JsonElement person) =>
        string.Join("  ", person.GetProperty("contacts").EnumerateArray()
            .Where(c => Readable.Text(c, "kind") is "CellPhone" or "OfficePhone")
            .OrderBy(c => Readable.Text(c, "kind") == "CellPhone" ? 0 : 1)
            .Select(c => $"{(Readable.Text(c, "kind") == "CellPhone" ? "cell" : "office")} {Readable.Text(c, "value")}"));
}
