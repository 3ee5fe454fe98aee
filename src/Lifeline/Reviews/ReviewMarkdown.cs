using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Lifeline.Reviews;

/// <summary>A review as Markdown (CommonMark), for a wiki or a ticket: written by hand, it needs no library.</summary>
public static partial class ReviewMarkdown
{
    public static string Write(ReviewView review)
    {
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# Post-incident review: {Inline(review.IncidentNumber)} — {Inline(review.IncidentTitle)}\n\n");
        md.Append(CultureInfo.InvariantCulture, $"_Written by {Inline(review.Author)}, last revised {review.UpdatedAt:yyyy-MM-dd HH:mm} UTC._\n\n");
        Section(md, "Summary", review.Summary);
        Section(md, "Impact", review.Impact);
        md.Append("## Timeline\n\n");
        if (review.Excerpts.Count == 0)
        {
            md.Append("No timeline excerpts were picked.\n\n");
        }
        foreach (var e in review.Excerpts)
        {
            md.Append(CultureInfo.InvariantCulture, $"- **{e.OccurredAt:yyyy-MM-dd HH:mm:ss} UTC** ({Inline(e.Actor)}): {Inline(e.Text)}\n");
        }
        if (review.Excerpts.Count > 0)
        {
            md.Append('\n');
        }
        Section(md, "Causes", string.IsNullOrWhiteSpace(review.Causes) ? "Not given." : review.Causes);
        md.Append("## Actions\n\n");
        if (review.Actions.Count == 0)
        {
            md.Append("No actions.\n");
        }
        else
        {
            md.Append("| Action | Owner | Due | Status |\n|---|---|---|---|\n");
            foreach (var a in review.Actions)
            {
                var status = a.Open ? "open" : $"done {a.DoneAt:yyyy-MM-dd} by {Cell(a.DoneBy ?? "")}";
                md.Append(CultureInfo.InvariantCulture, $"| {Cell(a.Text)} | {Cell(a.OwnerName)} | {a.DueOn:yyyy-MM-dd} | {status} |\n");
            }
        }
        return md.ToString();
    }

    private static void Section(StringBuilder md, string heading, string text)
    {
        md.Append(CultureInfo.InvariantCulture, $"## {heading}\n\n");
        // Paragraphs as written; each line escaped so a person's text cannot become a heading, a list or a link.
        foreach (var line in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            md.Append(Inline(line)).Append('\n');
        }
        md.Append('\n');
    }

    /// <summary>Text that renders as itself: Markdown's punctuation escaped, raw HTML neutralised.</summary>
    public static string Inline(string text) => Special().Replace(text.Trim(), @"\$0");

    private static string Cell(string text) => Inline(text.Replace('\n', ' ')).Replace("|", @"\|", StringComparison.Ordinal);

    [GeneratedRegex(@"[\\`*_{}\[\]<>()#+\-.!|~]")]
    private static partial Regex Special();
}
