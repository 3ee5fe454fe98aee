using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Lifeline.Bench.Providers;
using Lifeline.StandIns;

namespace Lifeline.Bench.Resilience;

/// <summary>
/// c. SMTP down: a real SMTP server (aiosmtpd) and the Twilio stand-in, the demo organisation and
/// its communication plan. The SMTP server is stopped; a Severity 1 incident is opened and a status
/// update posted while it is down, so the directors' e-mails are due (the initial notice on the day
/// shift, which the calendar is set to cover now; the status update on any shift). The dispatcher is
/// set to give up quickly (<c>MaxAttempts</c> 3, seconds between passes). After the outage (20 s; a
/// minute with --full) SMTP comes back and a second status update must go out by e-mail.
/// Passes when every e-mail due during the outage was retried and then reached its person, by e-mail
/// or by the phone fallback (a call the Twilio stand-in received), no notification of the incident
/// is left pending or failed without a delivered fallback, and the e-mails after the outage arrived.
/// </summary>
public static class SmtpDownScenario
{
    private static readonly string[] Delivered = ["Sent", "Delivered"];

    public static async Task<ScenarioResult> RunAsync(DriverOptions options)
    {
        const string name = "smtp-down";
        var outage = options.Short ? TimeSpan.FromSeconds(20) : TimeSpan.FromMinutes(1);
        var db = await BenchDatabase.CreateAsync("sqlite", null, options.WorkDirectory, name);
        using var smtp = await SmtpStandIn.StartAsync(options.Python, options.WorkDirectory, name);
        await using var twilio = await TwilioStandIn.StartAsync(TimeSpan.Zero);
        string[] args =
        [
            .. db.ServerArgs(), .. LifelineClient.ServerArgs(), "--Lifeline:SeedDemoData=true", .. twilio.ServerArgs(), .. smtp.ServerArgs(),
            // Give up on e-mail within seconds, not the production hour, so the fallback is seen inside the outage.
            "--Lifeline:Dispatch:QuickRetries=1", "--Lifeline:Dispatch:QuickRetryDelay=00:00:00.500",
            "--Lifeline:Dispatch:RetryBaseDelay=00:00:02", "--Lifeline:Dispatch:RetryMaxDelay=00:00:04",
            "--Lifeline:Dispatch:MaxAttempts=3", "--Lifeline:Dispatch:MaxAge=00:01:00",
        ];
        await using var server = ServerProcess.Start(options.ServerDll, ServerProcess.FreePort(), args, options.Log(name));
        await server.WaitReadyAsync(TimeSpan.FromSeconds(90));
        using var client = new LifelineClient(server.Url);

        // The demo plan e-mails the directors on the day shift (America/New_York business hours) and calls
        // the Director of Operations off shift. Business hours around the clock make it the day shift now.
        var allDay = Enum.GetValues<DayOfWeek>().Select(d => new { day = d.ToString(), start = "00:00:00", end = "23:59:59" }).ToArray();
        (await client.Http.PutAsJsonAsync("/api/v1/shift-calendar", new { timeZone = "UTC", hours = allDay, holidays = Array.Empty<object>() })).EnsureSuccessStatusCode();
        var shift = (await client.Http.GetFromJsonAsync<JsonElement>("/api/v1/shift-calendar/now")).GetProperty("shift").ToString();
        var serviceId = await MajorServiceAsync(client);

        smtp.Stop();
        var downAt = DateTimeOffset.UtcNow;
        var opened = await client.OpenIncidentAsync(serviceId, 1, "SMTP down scenario: e-mail down for everyone");
        if (opened.Id is not { } incidentId)
        {
            return new ScenarioResult(name, Verdict.Failed, $"opening the Severity 1 incident answered {opened.Status}");
        }
        (await client.Http.PostAsJsonAsync($"/api/v1/incidents/{opened.Number}/status-updates", new { text = "Mail relays restarting; next update in 30 minutes." })).EnsureSuccessStatusCode();
        await Task.Delay(outage);
        // What the dispatcher did while SMTP was down, before it comes back.
        var duringOutage = await NotificationsAsync(db, incidentId);
        await smtp.StartAgainAsync();
        var upAt = DateTimeOffset.UtcNow;
        (await client.Http.PostAsJsonAsync($"/api/v1/incidents/{opened.Number}/status-updates", new { text = "Mail flowing again; monitoring." })).EnsureSuccessStatusCode();

        // Settle: every notification of the incident has an outcome, bounded. A fallback held back by the
        // per-contact-method rate limit (3 a minute) is sent when the window frees, so allow a window and more.
        List<Row> rows;
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(90);
        do
        {
            await Task.Delay(1000);
            rows = await NotificationsAsync(db, incidentId);
        }
        while (rows.Any(r => r.Status is "Pending" or "Sending") && DateTimeOffset.UtcNow < deadline);

        var mail = smtp.Messages();
        var mailedKeys = mail.Select(m => m.NotificationKey).Where(k => k is not null).ToHashSet();
        var called = twilio.Accepted.ToList();
        var phones = await PhonesAsync(db);
        bool ReachedByPhone(Row r) => Delivered.Contains(r.Status) && r.ContactMethodId is { } m && phones.TryGetValue(m, out var number)
            && called.Any(c => c.To == number && c.ReceivedAt >= downAt);

        // The e-mails due while SMTP was down: created before it came back.
        var dueDown = rows.Where(r => r.Channel == "Email" && r.FallbackOfId is null && r.CreatedAt < upAt).ToList();
        var dueAfter = rows.Where(r => r.Channel == "Email" && r.FallbackOfId is null && r.CreatedAt >= upAt).ToList();
        var problems = new List<string>();
        var byMail = 0;
        var byPhone = 0;
        foreach (var e in dueDown)
        {
            if (Delivered.Contains(e.Status) && mailedKeys.Contains(e.Key))
            {
                byMail++;
            }
            else if (rows.FirstOrDefault(f => f.FallbackOfId == e.Id) is { } fallback && ReachedByPhone(fallback))
            {
                byPhone++;
            }
            else
            {
                problems.Add($"{e.Template} e-mail {e.Id} ended {e.Status} after {e.Attempts} attempts with no delivered fallback");
            }
        }
        var retried = dueDown.Count(e => e.Attempts >= 2);
        if (dueDown.Count == 0)
        {
            problems.Add("no e-mail was due while SMTP was down: the scenario tested nothing");
        }
        if (retried < dueDown.Count)
        {
            problems.Add($"{dueDown.Count - retried} of {dueDown.Count} e-mails were not retried");
        }
        var sentWhileDown = duringOutage.Count(r => r.Channel == "Email" && Delivered.Contains(r.Status));
        if (sentWhileDown > 0)
        {
            problems.Add($"{sentWhileDown} e-mails counted as sent while the SMTP server was stopped");
        }
        var afterOk = dueAfter.Count(e => Delivered.Contains(e.Status) && mailedKeys.Contains(e.Key));
        if (dueAfter.Count == 0 || afterOk < dueAfter.Count)
        {
            problems.Add($"after SMTP came back {afterOk} of {dueAfter.Count} e-mails arrived");
        }
        var stuck = rows.Where(r => r.Status is "Pending" or "Sending").ToList();
        if (stuck.Count > 0)
        {
            problems.Add($"{stuck.Count} notifications still {string.Join("/", stuck.Select(s => s.Status).Distinct())} 90 s after SMTP returned");
        }
        var failedWithoutFallback = rows.Where(r => r.Status == "Failed" && !rows.Any(f => f.FallbackOfId == r.Id && Delivered.Contains(f.Status))).ToList();
        if (failedWithoutFallback.Count > 0)
        {
            problems.Add($"{failedWithoutFallback.Count} failed for good without a delivered fallback ({string.Join(", ", failedWithoutFallback.Select(f => $"{f.Channel} {f.Template}"))})");
        }
        if (!twilio.Refusals.IsEmpty)
        {
            problems.Add($"the Twilio stand-in refused {twilio.Refusals.Count} requests: {twilio.Refusals.First()}");
        }
        var people = dueDown.Select(e => e.PersonId).Distinct().Count();
        var detail = $"{shift} shift, SMTP down {outage.TotalSeconds:0} s: {dueDown.Count} e-mails to {people} people due while down, {retried} retried, " +
            $"{byMail} delivered by e-mail, {byPhone} by the phone fallback (calls at the Twilio stand-in); after SMTP returned {afterOk}/{dueAfter.Count} e-mails arrived; " +
            $"{rows.Count} notifications for the incident, {rows.Count(r => Delivered.Contains(r.Status))} sent, {stuck.Count} stuck" +
            (problems.Count > 0 ? "; " + string.Join("; ", problems) : "; nothing lost");
        return new ScenarioResult(name, problems.Count == 0 ? Verdict.Passed : Verdict.Failed, detail);
    }

    private sealed record Row(Guid Id, string Key, Guid? PersonId, Guid? ContactMethodId, string Channel, string Template, string Status, int Attempts,
        Guid? FallbackOfId, DateTimeOffset CreatedAt, DateTimeOffset DueAt);

    private static async Task<List<Row>> NotificationsAsync(BenchDatabase db, Guid incidentId)
    {
        var all = await db.QueryAsync("SELECT \"Id\", \"IdempotencyKey\", \"PersonId\", \"ContactMethodId\", \"Channel\", \"Template\", \"Status\", \"Attempts\", " +
            "\"FallbackOfId\", \"CreatedAt\", \"DueAt\", \"IncidentId\" FROM \"Notifications\" WHERE \"IncidentId\" IS NOT NULL");
        return all.Where(r => BenchDatabase.Id(r[11]) == incidentId)
            .Select(r => new Row(BenchDatabase.Id(r[0]), (string)r[1]!, r[2] is null ? null : BenchDatabase.Id(r[2]), r[3] is null ? null : BenchDatabase.Id(r[3]),
                (string)r[4]!, (string)r[5]!, (string)r[6]!, Convert.ToInt32(r[7], CultureInfo.InvariantCulture), r[8] is null ? null : BenchDatabase.Id(r[8]),
                BenchDatabase.Instant(r[9])!.Value, BenchDatabase.Instant(r[10])!.Value))
            .ToList();
    }

    private static async Task<Dictionary<Guid, string>> PhonesAsync(BenchDatabase db) =>
        (await db.QueryAsync("SELECT \"Id\", \"Value\" FROM \"ContactMethods\"")).ToDictionary(r => BenchDatabase.Id(r[0]), r => (string)r[1]!);

    private static async Task<Guid> MajorServiceAsync(LifelineClient client)
    {
        var list = await client.Http.GetFromJsonAsync<JsonElement>("/api/v1/services?pageSize=100");
        var items = list.ValueKind == JsonValueKind.Array ? list : list.GetProperty("items");
        foreach (var service in items.EnumerateArray())
        {
            if (service.GetProperty("isMajorEnterpriseService").GetBoolean())
            {
                return service.GetProperty("id").GetGuid();
            }
        }
        throw new InvalidOperationException("the demo organisation has no major enterprise service");
    }
}
