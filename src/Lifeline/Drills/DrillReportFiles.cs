using System.Globalization;
using CsvHelper;
using Lifeline.Letters.Pdf;

namespace Lifeline.Drills;

/// <summary>The drill report as a file: CSV (one row per page: person, tier, channel, times, outcome) and PDF (for the drill binder).</summary>
public static class DrillReportFiles
{
    public static byte[] Csv(DrillReport report)
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true))
        using (var csv = CsvWriter.Create(writer, CsvWriterOptions.Default, leaveOpen: true))
        {
            void Row(params string?[] fields)
            {
                foreach (var field in fields)
                {
                    csv.WriteField(field ?? "");
                }
                csv.EndRecord();
            }
            Row("drill", "incident", "person", "tier", "reachable", "fastest_seconds", "flags", "reason", "channel", "contact_method",
                "verified", "paged_at", "status", "answered_at", "seconds_to_acknowledge", "problem");
            foreach (var person in report.People)
            {
                foreach (var c in person.Channels)
                {
                    Row(report.Drill.Id.ToString(), report.Drill.IncidentNumber, person.Name, person.Tier.ToString(CultureInfo.InvariantCulture),
                        person.Reachable ? "true" : "false", person.FastestSeconds?.ToString(CultureInfo.InvariantCulture), string.Join(" ", person.Flags), person.Reason,
                        c.Channel, c.ContactMethodKind, c.Verified ? "true" : "false", c.PagedAt.ToString("o", CultureInfo.InvariantCulture), c.Status,
                        c.AnsweredAt?.ToString("o", CultureInfo.InvariantCulture), c.SecondsToAcknowledge?.ToString(CultureInfo.InvariantCulture), c.Problem);
                }
            }
        }
        return stream.ToArray();
    }

    public static byte[] Pdf(DrillReport report)
    {
        var d = report.Drill;
        using var pdf = new PdfSheet($"Drill report {d.IncidentNumber}", $"Lifeline · drill report {d.IncidentNumber} · {d.StartedAt:yyyy-MM-dd HH:mm} UTC");
        pdf.Title($"Drill report — {d.IncidentNumber}");
        pdf.Note($"{d.PolicyName} for {d.ServiceName} · started {d.StartedAt:yyyy-MM-dd HH:mm} UTC · "
            + (d.Finished ? $"ended {d.EndedAt:yyyy-MM-dd HH:mm} UTC" : "still paging"));
        pdf.Paragraph(Headline(d), bold: true);
        pdf.Heading("Reachable");
        foreach (var p in report.People.Where(p => p.Reachable))
        {
            pdf.Bullet($"{p.Name} (tier {p.Tier}): {Seconds(p.FastestSeconds)} by {p.FastestChannel}. " + Channels(p)
                + (p.Flags.Count > 0 ? $" To fix: {string.Join(", ", p.Flags.Select(DrillReports.Describe))}." : ""));
        }
        pdf.Heading("Not reachable");
        var unreachable = report.People.Where(p => !p.Reachable).ToList();
        if (unreachable.Count == 0)
        {
            pdf.Paragraph("Everyone the drill paged answered.");
        }
        foreach (var p in unreachable)
        {
            pdf.Bullet($"{p.Name} (tier {p.Tier}): {string.Join(", ", p.Flags.Select(DrillReports.Describe))}. {p.Reason}");
        }
        pdf.Heading("Compared with previous drills");
        if (report.Previous.Count == 0)
        {
            pdf.Paragraph("This is the first drill of this policy.");
        }
        foreach (var prev in report.Previous)
        {
            pdf.Bullet($"{prev.StartedAt:yyyy-MM-dd} {prev.IncidentNumber}: {Headline(prev)}");
        }
        return pdf.Save();
    }

    /// <summary>"5 of 6 people reachable; median 90 s to acknowledge."</summary>
    public static string Headline(DrillSummary d) =>
        $"{d.PeopleReachable} of {d.PeoplePaged} people reachable" + (d.MedianSecondsToAcknowledge is { } m ? $"; median {Seconds(m)} to acknowledge." : ".");

    public static string Seconds(double? seconds) => seconds switch
    {
        null => "—",
        < 120 => $"{seconds.Value.ToString("0", CultureInfo.InvariantCulture)} s",
        _ => $"{(seconds.Value / 60).ToString("0.#", CultureInfo.InvariantCulture)} min",
    };

    private static string Channels(DrillPersonResult p) =>
        string.Join("; ", p.Channels.Select(c => $"{c.Channel}: {(c.SecondsToAcknowledge is { } s ? Seconds(s) : c.Problem ?? "no answer")}")) + ".";
}
