using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Lifeline.Cli.Api;
using Lifeline.Cli.Output;

namespace Lifeline.Cli.Commands;

/// <summary>
/// <c>lifeline incident …</c>: the incident path from the command line, with the same role rules as the API (the server
/// decides). <c>open</c>, <c>ack</c>, <c>update</c>, <c>log</c> and <c>resolve</c> go to the offline journal when the
/// server cannot be reached, and say so; <c>lifeline sync</c> sends them later with the times they happened.
/// </summary>
public static class IncidentCommands
{
    public static Command Create(CommandContext context)
    {
        var incident = new Command("incident", "Open, follow and close incidents (works offline: see lifeline journal and lifeline sync)");
        incident.Subcommands.Add(Open(context));
        incident.Subcommands.Add(List(context));
        incident.Subcommands.Add(Show(context));
        incident.Subcommands.Add(Acknowledge(context));
        incident.Subcommands.Add(Escalate(context));
        incident.Subcommands.Add(Teams(context));
        incident.Subcommands.Add(Update(context));
        incident.Subcommands.Add(Log(context));
        incident.Subcommands.Add(Resolve(context));
        incident.Subcommands.Add(Close(context));
        incident.Subcommands.Add(Timeline(context));
        return incident;
    }

    private static Argument<string> NumberArgument() => new("NUMBER") { Description = "The incident number (INC-2026-000123, or 123), or OFF-n for one opened offline" };

    private static Option<DateTimeOffset?> AtOption() =>
        TimeOption("--at", "When it happened, if not now (e.g. \"2026-11-28 09:40\", local time unless an offset is given)");

    internal static Option<DateTimeOffset?> TimeOption(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            if (TryParseTime(result.Tokens[0].Value, out var at))
            {
                return at;
            }
            result.AddError($"{name}: '{result.Tokens[0].Value}' is not a time: write it as 2026-11-28 09:40 (local) or 2026-11-28T09:40:00-05:00");
            return null;
        },
    };

    private static Command Open(CommandContext context)
    {
        var title = new Option<string>("--title") { Description = "What is wrong, in a line", Required = true };
        var service = new Option<string>("--service") { Description = "The affected service (name or id)", Required = true };
        var severity = new Option<int?>("--severity") { Description = "The severity (1 is the most severe); or give --impact and --state and Lifeline proposes one" };
        var impact = new Option<string?>("--impact") { Description = "Who is affected: SingleUser, SmallGroup, MajorityOrTotal" };
        var state = new Option<string?>("--state") { Description = "The service is Degraded or Down" };
        var reporter = new Option<string?>("--reporter") { Description = "Who reported it" };
        var contact = new Option<string?>("--reporter-contact") { Description = "How to reach the reporter (e-mail or phone), for the survey" };
        var reason = new Option<string?>("--reason") { Description = "Why the severity differs from the proposal" };
        var drill = new Option<bool>("--drill") { Description = "This is a drill" };
        var at = AtOption();
        var logId = new Option<string?>("--log-id") { Description = "The paper log's reference, when entering an incident after the fact with --at" };
        var notify = new Option<bool>("--notify") { Description = "With --at: page and notify now, as for a new incident (otherwise nothing is sent)" };
        var command = new Command("open", "Open an incident") { title, service, severity, impact, state, reporter, contact, reason, drill, at, logId, notify };
        context.SetAction(command, async (parse, ct) =>
        {
            var occurred = parse.GetValue(at);
            var fields = new Dictionary<string, string?>
            {
                ["title"] = parse.GetValue(title), ["service"] = parse.GetValue(service),
                ["severity"] = parse.GetValue(severity)?.ToString(CultureInfo.InvariantCulture), ["impact"] = parse.GetValue(impact), ["state"] = parse.GetValue(state),
                ["reporter"] = parse.GetValue(reporter), ["reporterContact"] = parse.GetValue(contact), ["reason"] = parse.GetValue(reason),
                ["drill"] = parse.GetValue(drill) ? "true" : null,
            };
            await context.OrJournalAsync("open", null, occurred, fields, async client =>
            {
                var body = await OpenBodyAsync(client, fields, occurred, parse.GetValue(logId), parse.GetValue(notify), ct);
                var json = await client.PostAsync("incidents", body, ct);
                context.Seen(json);
                Print(context, parse, json, $"Opened {json.GetProperty("number").GetString()}");
            }, ct);
        });
        return command;
    }

    /// <summary>The body of <c>POST /incidents</c> from an open's fields: the service by name, and the back-dating when given.</summary>
    internal static async Task<object> OpenBodyAsync(LifelineApiClient client, IReadOnlyDictionary<string, string?> fields, DateTimeOffset? openedAt,
        string? manualLogId, bool notify, CancellationToken ct)
    {
        var serviceId = await Lookup.ServiceAsync(client, fields["service"]!, ct);
        return new
        {
            title = fields["title"],
            serviceId,
            severity = fields.GetValueOrDefault("severity") is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : (int?)null,
            impactScope = fields.GetValueOrDefault("impact"),
            serviceState = fields.GetValueOrDefault("state"),
            reporterName = fields.GetValueOrDefault("reporter"),
            reporterContact = fields.GetValueOrDefault("reporterContact"),
            severityReason = fields.GetValueOrDefault("reason"),
            isDrill = fields.GetValueOrDefault("drill") == "true",
            openedAt,
            manualLogId = openedAt is null ? null : manualLogId ?? $"cli-{Guid.NewGuid():N}",
            notify = openedAt is null ? (bool?)null : notify,
        };
    }

    private static Command List(CommandContext context)
    {
        var status = new Option<string?>("--status") { Description = "Only incidents in this status (Open, Escalating, Acknowledged, Resolved, Closed)" };
        var search = new Option<string?>("--search") { Description = "Only incidents whose number or title contains this text" };
        var page = ListOptions.Page();
        var command = new Command("list", "List incidents, newest first") { status, search, page };
        context.SetAction(command, async (parse, ct) =>
        {
            using var client = context.Connect();
            var query = ListOptions.Query("incidents", parse.GetValue(search), parse.GetValue(page));
            if (parse.GetValue(status) is { } s)
            {
                query += (query.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "status=" + Uri.EscapeDataString(s);
            }
            var json = await client.GetAsync(query, ct);
            var items = json.GetProperty("items").EnumerateArray().ToList();
            context.Seen(items);
            if (parse.GetValue(context.Json))
            {
                JsonOutput.Write(context.Out, json);
                return;
            }
            var table = new Table("NUMBER", "SEV", "STATUS", "SERVICE", "OPENED", "TITLE");
            foreach (var i in items)
            {
                table.Add(i.GetProperty("number").GetString(), Int(i, "severity"), i.GetProperty("status").GetString(), i.GetProperty("service").GetString(),
                    Time(i.GetProperty("openedAt")), i.GetProperty("title").GetString());
            }
            if (table.Count > 0)
            {
                table.Write(context.Out);
            }
            PageFooter.Write(context.Out, json.GetProperty("pageNumber").GetInt32(), json.GetProperty("pageSize").GetInt32(), json.GetProperty("total").GetInt32(), "incidents");
        });
        return command;
    }

    private static Command Show(CommandContext context)
    {
        var number = NumberArgument();
        var command = new Command("show", "Show an incident: status, severity, incident manager, bridge, Level 2 teams and who is being paged") { number };
        context.SetAction(command, async (parse, ct) =>
        {
            using var client = context.Connect();
            var n = context.Resolve(parse.GetValue(number)!);
            var json = await client.GetAsync($"incidents/{Uri.EscapeDataString(n)}", ct);
            var escalation = await client.GetAsync($"incidents/{Uri.EscapeDataString(n)}/escalation", ct);
            context.Seen(json);
            if (parse.GetValue(context.Json))
            {
                JsonOutput.Write(context.Out, new { incident = json, escalation });
                return;
            }
            WriteIncident(context.Out, json);
            var runs = escalation.GetProperty("runs").EnumerateArray().ToList();
            if (runs.Count > 0)
            {
                context.Out.WriteLine();
                var table = new Table("ESCALATION", "STATE", "TIER", "NEXT");
                foreach (var run in runs)
                {
                    table.Add(Readable.Text(run, "team") ?? "incident manager", Readable.Text(run, "state"), $"{Readable.Text(run, "currentTier")} of {Readable.Text(run, "tierCount")}",
                        Readable.Text(run, "nextStep") is { } next ? $"{next} at {Time(run.GetProperty("nextStepAt"))}" : null);
                }
                table.Write(context.Out);
            }
        });
        return command;
    }

    private static Command Acknowledge(CommandContext context)
    {
        var number = NumberArgument();
        var person = new Option<string?>("--person") { Description = "Who becomes the incident manager (name or id); default: the person linked to your account" };
        var at = AtOption();
        var command = new Command("ack", "Acknowledge an incident: paging stops and you (or --person) become its incident manager") { number, person, at };
        context.SetAction(command, async (parse, ct) =>
        {
            var fields = new Dictionary<string, string?> { ["person"] = parse.GetValue(person) };
            await context.OrJournalAsync("ack", parse.GetValue(number), parse.GetValue(at), fields, async client =>
            {
                var json = await client.PostAsync($"incidents/{Uri.EscapeDataString(context.Resolve(parse.GetValue(number)!))}/acknowledge",
                    await AcknowledgeBodyAsync(client, fields, parse.GetValue(at), "cli", ct), ct);
                context.Seen(json);
                Print(context, parse, json, $"Acknowledged {json.GetProperty("number").GetString()}");
            }, ct);
        });
        return command;
    }

    internal static async Task<object> AcknowledgeBodyAsync(LifelineApiClient client, IReadOnlyDictionary<string, string?> fields, DateTimeOffset? at, string channel, CancellationToken ct) =>
        new
        {
            personId = fields.GetValueOrDefault("person") is { } p ? await Lookup.PersonAsync(client, p, ct) : (Guid?)null,
            channel,
            occurredAt = at,
        };

    private static Command Escalate(CommandContext context)
    {
        var number = NumberArgument();
        var command = new Command("escalate", "Page the next tier now (or start paging an incident entered from a paper log)") { number };
        context.SetAction(command, async (parse, ct) =>
        {
            using var client = context.Connect();
            var json = await client.PostAsync($"incidents/{Uri.EscapeDataString(context.Resolve(parse.GetValue(number)!))}/escalate", new { }, ct);
            Print(context, parse, json, $"Escalated {json.GetProperty("number").GetString()}: {json.GetProperty("status").GetString()}");
        });
        return command;
    }

    private static Command Teams(CommandContext context)
    {
        var number = NumberArgument();
        var teams = new Argument<string[]>("TEAM") { Description = "Level 2 teams to engage (names or ids)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("teams", "Engage Level 2 teams: each is paged with the ticket number and the bridge") { number, teams };
        context.SetAction(command, async (parse, ct) =>
        {
            using var client = context.Connect();
            var ids = new List<Guid>();
            foreach (var team in parse.GetValue(teams)!)
            {
                ids.Add(await Lookup.TeamAsync(client, team, ct));
            }
            var json = await client.PostAsync($"incidents/{Uri.EscapeDataString(context.Resolve(parse.GetValue(number)!))}/teams", new { teamIds = ids }, ct);
            Print(context, parse, json, $"Engaged {ids.Count} team(s) on {json.GetProperty("number").GetString()}");
        });
        return command;
    }

    private static Command Update(CommandContext context)
    {
        var number = NumberArgument();
        var text = new Option<string>("--text") { Description = "The status update", Required = true };
        var isolated = new Option<string?>("--isolated-to") { Description = "What the problem is isolated to" };
        var eta = TimeOption("--eta", "Expected resolution time");
        var at = AtOption();
        var command = new Command("update", "Post a status update (the directors hear of it by the communication plan)") { number, text, isolated, eta, at };
        context.SetAction(command, async (parse, ct) =>
        {
            var fields = new Dictionary<string, string?>
            {
                ["text"] = parse.GetValue(text), ["isolatedTo"] = parse.GetValue(isolated),
                ["eta"] = parse.GetValue(eta)?.ToString("O", CultureInfo.InvariantCulture),
            };
            await context.OrJournalAsync("update", parse.GetValue(number), parse.GetValue(at), fields, async client =>
            {
                var json = await client.PostAsync($"incidents/{Uri.EscapeDataString(context.Resolve(parse.GetValue(number)!))}/status-updates", UpdateBody(fields, parse.GetValue(at)), ct);
                context.Seen(json);
                Print(context, parse, json, $"Status update posted on {json.GetProperty("number").GetString()}");
            }, ct);
        });
        return command;
    }

    internal static object UpdateBody(IReadOnlyDictionary<string, string?> fields, DateTimeOffset? at) => new
    {
        text = fields["text"],
        isolatedTo = fields.GetValueOrDefault("isolatedTo"),
        expectedResolutionAt = fields.GetValueOrDefault("eta") is { } eta ? DateTimeOffset.Parse(eta, CultureInfo.InvariantCulture) : (DateTimeOffset?)null,
        occurredAt = at,
    };

    private static Command Log(CommandContext context)
    {
        var number = NumberArgument();
        var text = new Argument<string>("TEXT") { Description = "What happened, as you would write it in the paper log" };
        var at = AtOption();
        var command = new Command("log", "Add a line to the incident's log, at the time it happened") { number, text, at };
        context.SetAction(command, async (parse, ct) =>
        {
            var occurred = parse.GetValue(at) ?? context.Host.Now();
            var key = $"cli-{Guid.NewGuid():N}";
            var fields = new Dictionary<string, string?> { ["text"] = parse.GetValue(text), ["clientKey"] = key };
            await context.OrJournalAsync("log", parse.GetValue(number), occurred, fields, async client =>
            {
                var json = await client.PostAsync($"incidents/{Uri.EscapeDataString(context.Resolve(parse.GetValue(number)!))}/manual-log", LogBody(fields, occurred, null), ct);
                if (parse.GetValue(context.Json))
                {
                    JsonOutput.Write(context.Out, json);
                    return;
                }
                await context.Out.WriteLineAsync($"Logged at {occurred.ToLocalTime():yyyy-MM-dd HH:mm}");
            }, ct);
        });
        return command;
    }

    internal static object LogBody(IReadOnlyDictionary<string, string?> fields, DateTimeOffset occurredAt, string? author) => new
    {
        entries = new[] { new { occurredAt, author, text = fields["text"], clientKey = fields["clientKey"] } },
    };

    private static Command Resolve(CommandContext context)
    {
        var number = NumberArgument();
        var summary = new Option<string>("--summary") { Description = "How service was restored", Required = true };
        var at = AtOption();
        var command = new Command("resolve", "Resolve an incident with a resolution summary") { number, summary, at };
        context.SetAction(command, async (parse, ct) =>
        {
            var fields = new Dictionary<string, string?> { ["summary"] = parse.GetValue(summary) };
            await context.OrJournalAsync("resolve", parse.GetValue(number), parse.GetValue(at), fields, async client =>
            {
                var json = await client.PostAsync($"incidents/{Uri.EscapeDataString(context.Resolve(parse.GetValue(number)!))}/resolve",
                    new { summary = fields["summary"], occurredAt = parse.GetValue(at) }, ct);
                context.Seen(json);
                Print(context, parse, json, $"Resolved {json.GetProperty("number").GetString()}");
            }, ct);
        });
        return command;
    }

    private static Command Close(CommandContext context)
    {
        var number = NumberArgument();
        var command = new Command("close", "Close a resolved incident; prints the customer's survey link") { number };
        context.SetAction(command, async (parse, ct) =>
        {
            using var client = context.Connect();
            var json = await client.PostAsync($"incidents/{Uri.EscapeDataString(context.Resolve(parse.GetValue(number)!))}/close", new { }, ct);
            context.Seen(json.GetProperty("incident"));
            if (parse.GetValue(context.Json))
            {
                JsonOutput.Write(context.Out, json);
                return;
            }
            await context.Out.WriteLineAsync($"Closed {json.GetProperty("incident").GetProperty("number").GetString()}");
            await context.Out.WriteLineAsync($"Survey link for the customer (works once): {json.GetProperty("surveyLink").GetString()}");
        });
        return command;
    }

    private static Command Timeline(CommandContext context)
    {
        var number = NumberArgument();
        var page = ListOptions.Page();
        var command = new Command("timeline", "Everything that happened to an incident, in order") { number, page };
        context.SetAction(command, async (parse, ct) =>
        {
            using var client = context.Connect();
            var json = await client.GetAsync(ListOptions.Query($"incidents/{Uri.EscapeDataString(context.Resolve(parse.GetValue(number)!))}/timeline", null, parse.GetValue(page)), ct);
            if (parse.GetValue(context.Json))
            {
                JsonOutput.Write(context.Out, json);
                return;
            }
            var table = new Table("WHEN", "WHO", "WHAT", "");
            foreach (var e in json.GetProperty("items").EnumerateArray())
            {
                table.Add(Time(e.GetProperty("occurredAt")), e.GetProperty("actor").GetString(), e.GetProperty("kind").GetString(),
                    (e.GetProperty("fromManualLog").GetBoolean() ? "[log] " : "") + e.GetProperty("text").GetString());
            }
            table.Write(context.Out);
            PageFooter.Write(context.Out, json.GetProperty("pageNumber").GetInt32(), json.GetProperty("pageSize").GetInt32(), json.GetProperty("total").GetInt32(), "entries");
        });
        return command;
    }

    private static void Print(CommandContext context, ParseResult parse, JsonElement json, string headline)
    {
        if (parse.GetValue(context.Json))
        {
            JsonOutput.Write(context.Out, json);
            return;
        }
        context.Out.WriteLine(headline);
        if (json.TryGetProperty("title", out _))
        {
            context.Out.WriteLine();
            WriteIncident(context.Out, json);
        }
    }

    private static void WriteIncident(TextWriter writer, JsonElement i)
    {
        var bridge = i.GetProperty("bridge");
        new Table("", "")
            .Add("number", i.GetProperty("number").GetString())
            .Add("title", i.GetProperty("title").GetString())
            .Add("service", i.GetProperty("service").GetProperty("name").GetString())
            .Add("severity", $"{Int(i, "severity")} ({i.GetProperty("severityName").GetString()})")
            .Add("status", i.GetProperty("status").GetString() + (i.GetProperty("isDrill").GetBoolean() ? " (drill)" : ""))
            .Add("incident manager", i.GetProperty("incidentManager") is { ValueKind: JsonValueKind.Object } m ? m.GetProperty("name").GetString() : null)
            .Add("level 2 teams", string.Join(", ", i.GetProperty("level2Teams").EnumerateArray().Select(t => t.GetProperty("name").GetString())) is { Length: > 0 } t ? t : null)
            .Add("bridge", string.Join(" ", new[] { Readable.Text(bridge, "dialIn"), Readable.Text(bridge, "pin") is { } pin ? $"PIN {pin}" : null, Readable.Text(bridge, "link") }.OfType<string>()) is { Length: > 0 } b ? b : null)
            .Add("opened", Time(i.GetProperty("openedAt")))
            .Add("acknowledged", Time(i.GetProperty("acknowledgedAt")))
            .Add("resolved", Time(i.GetProperty("resolvedAt")))
            .Write(writer, header: false);
    }

    private static string Int(JsonElement e, string name) => e.GetProperty(name).GetInt32().ToString(CultureInfo.InvariantCulture);

    private static string? Time(JsonElement e) =>
        e.ValueKind == JsonValueKind.String ? e.GetDateTimeOffset().ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : null;

    /// <summary>A time as people type it: with an offset, or local time.</summary>
    private static bool TryParseTime(string text, out DateTimeOffset at) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal | DateTimeStyles.AllowWhiteSpaces, out at);
}
