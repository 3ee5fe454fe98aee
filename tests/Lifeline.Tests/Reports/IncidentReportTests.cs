using System.Globalization;
using System.Net;
using System.Text.Json;
using Lifeline.Access;
using Lifeline.Alerts;
using Lifeline.Incidents;
using Lifeline.Storage;
using Lifeline.Tests.Escalation;
using Lifeline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lifeline.Tests.Reports;

/// <summary>
/// 50 incidents with known times, and the report's figures worked out by hand (see each figure's comment). Incidents
/// are opened, acknowledged and resolved through the API on a fake clock; the engine does not run, so the only
/// service-level results are those judged on acknowledgement and resolution.
/// </summary>
public sealed class IncidentReportTests
{
    private static readonly DateTimeOffset Start = new(2026, 9, 1, 14, 0, 0, TimeSpan.Zero);
    private const string Period = "from=2026-09-01&to=2026-11-30";

    /// <summary>
    /// A: Severity 1, E-mail, k = 1..20: acknowledged after k minutes (target 15: 15 met, 5 breached), resolved after
    /// 100 + 10k (target 240: 14 met, 6 breached). B: Severity 2, CICS, k = 1..20: acknowledged after 5k (target 60: 12 met,
    /// 8 breached), resolved after 100k (target 1440: 14 met, 6 breached). C: Severity 1, Portal: five acknowledged and
    /// resolved by monitoring after 30 minutes as their alerts resolved, five never acknowledged. One every 36 hours.
    /// </summary>
    private static async Task SeedAsync(EngineHarness h)
    {
        var henry = await h.IdOfAsync("/api/v1/people", "Henry Castillo");
        var services = new Dictionary<string, Guid>();
        async Task<string> OpenAsync(string service, int severity, int k)
        {
            if (!services.TryGetValue(service, out var id))
            {
                services[service] = id = await h.IdOfAsync("/api/v1/services", service);
            }
            var opened = await h.Admin.PostJson("/api/v1/incidents", new { title = $"{service} outage {k}", serviceId = id, severity, reporterName = "Pat Doe" })
                .ExpectAsync(HttpStatusCode.Created);
            return opened.GetProperty("number").GetString()!;
        }
        async Task HumanAsync(string number, int ackMinutes, int resolveMinutes)
        {
            h.Time.Advance(TimeSpan.FromMinutes(ackMinutes));
            await h.Admin.PostJson($"/api/v1/incidents/{number}/acknowledge", new { personId = henry, channel = "phone" }).ExpectAsync(HttpStatusCode.OK);
            h.Time.Advance(TimeSpan.FromMinutes(resolveMinutes - ackMinutes));
            await h.Admin.PostJson($"/api/v1/incidents/{number}/resolve", new { summary = "Fixed." }).ExpectAsync(HttpStatusCode.OK);
        }
        var slot = 0;
        void NextSlot() => h.Time.SetUtcNow(Start + TimeSpan.FromHours(36 * slot++));

        for (var k = 1; k <= 20; k++)
        {
            NextSlot();
            await HumanAsync(await OpenAsync("E-mail", 1, k), k, 100 + 10 * k);
        }
        for (var k = 1; k <= 20; k++)
        {
            NextSlot();
            await HumanAsync(await OpenAsync("CICS", 2, k), 5 * k, 100 * k);
        }
        for (var k = 1; k <= 10; k++)
        {
            NextSlot();
            var number = await OpenAsync("Portal", 1, k);
            if (k <= 5)
            {
                // What AlertIngest does when every alert of a still-escalating incident resolves.
                h.Time.Advance(TimeSpan.FromMinutes(30));
                using var scope = h.Server.Services.CreateScope();
                var incidents = scope.ServiceProvider.GetRequiredService<IncidentService>();
                var monitoring = Actor.System("Prometheus");
                Assert.NotNull((await incidents.AcknowledgeAsync(number, null, monitoring, AlertIngest.Channel, TestContext.Current.CancellationToken)).Incident);
                Assert.NotNull((await incidents.ResolveAsync(number, "All its alerts resolved.", monitoring, TestContext.Current.CancellationToken)).Incident);
            }
        }
    }

    private static JsonElement Group(JsonElement report, string name) =>
        report.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("group").GetString() == name);

    private static double? Number(JsonElement row, string field) =>
        row.GetProperty(field).ValueKind == JsonValueKind.Null ? null : row.GetProperty(field).GetDouble();

    [Theory, DatabaseData]
    public async Task FiftyIncidents_FiguresEqualTheHandComputedOnes_AndTheCsvCarriesTheSame(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, Start);
        await SeedAsync(h);

        var report = await h.Admin.GetAsync($"/api/v1/reports/incidents?{Period}&groupBy=severity").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["Severity 1", "Severity 2"], report.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("group").GetString()));

        var total = report.GetProperty("total");
        Assert.Equal(50, total.GetProperty("incidents").GetInt32());
        Assert.Equal(40, total.GetProperty("acknowledged").GetInt32());
        Assert.Equal(5, total.GetProperty("acknowledgedByMonitoring").GetInt32());
        Assert.Equal(45, total.GetProperty("resolved").GetInt32());
        // MTTA over A's 1..20 and B's 5..100: 20 values up to 17, so the 20th and 21st are 17 and 18; 36 up to 80.
        Assert.Equal(17.5, Number(total, "mttaMedianMinutes"));
        Assert.Equal(80, Number(total, "mttaP90Minutes"));
        // MTTR over 45: C's five 30s, A's 110..300, B's 100..2000. Up to 260: 5 + 16 + 2 = 23 (the median); up to 1600: 41 = ⌈40.5⌉.
        Assert.Equal(260, Number(total, "mttrMedianMinutes"));
        Assert.Equal(1600, Number(total, "mttrP90Minutes"));
        // Acknowledge: 15 + 12 met, 5 + 8 breached (monitoring's five left out) = 27/40; resolve: 14 + 14 + 5 met, 6 + 6 breached = 33/45.
        Assert.Equal((27, 13, 67.5), (total.GetProperty("acknowledgeMet").GetInt32(), total.GetProperty("acknowledgeBreached").GetInt32(), Number(total, "acknowledgeCompliancePercent")));
        Assert.Equal((33, 12, 73.3), (total.GetProperty("resolveMet").GetInt32(), total.GetProperty("resolveBreached").GetInt32(), Number(total, "resolveCompliancePercent")));
        // No reminder was due (the engine never ran): the 45 resolved met the update cadence, the 5 open are not judged yet.
        Assert.Equal((45, 0, 100.0), (total.GetProperty("updateMet").GetInt32(), total.GetProperty("updateBreached").GetInt32(), Number(total, "updateCompliancePercent")));

        var one = Group(report, "Severity 1");
        Assert.Equal((30, 20, 5, 25), (one.GetProperty("incidents").GetInt32(), one.GetProperty("acknowledged").GetInt32(),
            one.GetProperty("acknowledgedByMonitoring").GetInt32(), one.GetProperty("resolved").GetInt32()));
        Assert.Equal((10.5, 18.0), (Number(one, "mttaMedianMinutes")!.Value, Number(one, "mttaP90Minutes")!.Value));
        // Five 30s then 110..300: the 13th is A's 8th (180), the 23rd A's 18th (280).
        Assert.Equal((180.0, 280.0), (Number(one, "mttrMedianMinutes")!.Value, Number(one, "mttrP90Minutes")!.Value));
        Assert.Equal((75.0, 76.0), (Number(one, "acknowledgeCompliancePercent")!.Value, Number(one, "resolveCompliancePercent")!.Value));

        var two = Group(report, "Severity 2");
        Assert.Equal((52.5, 90.0, 1050.0, 1800.0), (Number(two, "mttaMedianMinutes")!.Value, Number(two, "mttaP90Minutes")!.Value,
            Number(two, "mttrMedianMinutes")!.Value, Number(two, "mttrP90Minutes")!.Value));
        Assert.Equal((60.0, 70.0), (Number(two, "acknowledgeCompliancePercent")!.Value, Number(two, "resolveCompliancePercent")!.Value));

        var byService = await h.Admin.GetAsync($"/api/v1/reports/incidents?{Period}&groupBy=service").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["CICS", "E-mail", "Portal"], byService.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("group").GetString()));
        var portal = Group(byService, "Portal");
        Assert.Null(Number(portal, "mttaMedianMinutes"));
        Assert.Null(Number(portal, "acknowledgeCompliancePercent"));
        Assert.Equal((30.0, 100.0), (Number(portal, "mttrMedianMinutes")!.Value, Number(portal, "resolveCompliancePercent")!.Value));
        var byArea = await h.Admin.GetAsync($"/api/v1/reports/incidents?{Period}&groupBy=serviceArea").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["Enterprise Services", "Mainframe and Applications", "Public Services"],
            byArea.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("group").GetString()));
        var byMonth = await h.Admin.GetAsync($"/api/v1/reports/incidents?{Period}&groupBy=month").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["2026-09", "2026-10", "2026-11"], byMonth.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("group").GetString()));
        Assert.Equal(50, byMonth.GetProperty("groups").EnumerateArray().Sum(g => g.GetProperty("incidents").GetInt32()));

        // The CSV: the same rows and the same numbers, asked for by format or by Accept.
        using var csvResponse = await h.Admin.GetAsync($"/api/v1/reports/incidents?{Period}&groupBy=severity&format=csv", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        var lines = (await csvResponse.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        Assert.Equal(4, lines.Length);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToDictionary(r => r[0], r => header.Zip(r).ToDictionary(p => p.First, p => p.Second));
        Assert.Equal(["Severity 1", "Severity 2", "Total"], rows.Keys);
        Assert.Equal("50", rows["Total"]["incidents"]);
        Assert.Equal("17.5", rows["Total"]["mttaMedianMinutes"]);
        Assert.Equal("80.0", rows["Total"]["mttaP90Minutes"]);
        Assert.Equal("260.0", rows["Total"]["mttrMedianMinutes"]);
        Assert.Equal("1600.0", rows["Total"]["mttrP90Minutes"]);
        Assert.Equal("67.5", rows["Total"]["acknowledgeCompliancePercent"]);
        Assert.Equal("73.3", rows["Total"]["resolveCompliancePercent"]);
        Assert.Equal("10.5", rows["Severity 1"]["mttaMedianMinutes"]);
        Assert.Equal("1800.0", rows["Severity 2"]["mttrP90Minutes"]);
        foreach (var (group, json) in new[] { ("Severity 1", one), ("Severity 2", two), ("Total", total) })
        {
            foreach (var field in header.Skip(1))
            {
                var cell = rows[group][field];
                Assert.True(Number(json, field) == (cell.Length == 0 ? null : double.Parse(cell, CultureInfo.InvariantCulture)),
                    $"{group} {field}: JSON {json.GetProperty(field)} but CSV '{cell}'");
            }
        }

        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/reports/incidents?{Period}");
        request.Headers.Accept.ParseAdd("text/csv");
        using var accepted = await h.Admin.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal("text/csv", accepted.Content.Headers.ContentType?.MediaType);
        Assert.Equal(lines, (await accepted.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }
}
