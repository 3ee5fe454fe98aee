using System.Globalization;
using Microsoft.JSInterop;

namespace Lifeline.Console.Widgets;

/// <summary>
/// The viewer's time zone for one console circuit, asked of the browser once; until it answers (and on pages
/// rendered without a live connection) times are shown in UTC. Every time shown says its zone.
/// </summary>
public sealed class ViewerClock(TimeProvider time)
{
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public string ZoneName => Zone == TimeZoneInfo.Utc ? "UTC" : Zone.Id;

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Asks the browser for its IANA time zone; false when it was known already or is unknown here.</summary>
    public async Task<bool> LearnZoneAsync(IJSRuntime js)
    {
        if (Zone != TimeZoneInfo.Utc)
        {
            return false;
        }
        try
        {
            var id = await js.InvokeAsync<string>("lifeline.timeZone");
            if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone != TimeZoneInfo.Utc && zone.Id != "Etc/UTC")
            {
                Zone = zone;
                return true;
            }
        }
        catch (JSException)
        {
            // A browser without Intl: UTC it is.
        }
        return false;
    }

    public DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    /// <summary>"14:05" today, "27 Nov 14:05" otherwise, in the viewer's zone.</summary>
    public string Short(DateTimeOffset at)
    {
        var local = Local(at);
        return local.Date == Local(Now).Date
            ? local.ToString("HH:mm", CultureInfo.InvariantCulture)
            : local.ToString("d MMM HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>"Sat 28 Nov 2026 14:05:09 Europe/Berlin (UTC+01:00)".</summary>
    public string Full(DateTimeOffset at)
    {
        var local = Local(at);
        return local.ToString("ddd d MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture) + $" {ZoneName} (UTC{local.ToString("zzz", CultureInfo.InvariantCulture)})";
    }

    /// <summary>"12 min ago", "in 4 min", "just now": a span in words, rounded to what a person needs.</summary>
    public static string Span(TimeSpan span)
    {
        var d = span.Duration();
        return d.TotalSeconds < 45 ? $"{(int)d.TotalSeconds} s"
            : d.TotalMinutes < 90 ? $"{(int)Math.Round(d.TotalMinutes)} min"
            : d.TotalHours < 48 ? $"{(int)d.TotalHours} h {d.Minutes} min"
            : $"{(int)d.TotalDays} d {d.Hours} h";
    }

    public string Ago(DateTimeOffset at) => $"{Span(Now - at)} ago";

    public string Until(DateTimeOffset at) => at >= Now ? $"in {Span(at - Now)}" : $"{Span(Now - at)} late";
}
