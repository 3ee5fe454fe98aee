using System.Text.Json;

namespace Lifeline.Cli.Output;

/// <summary>Small readings of the server's JSON and of times, shared by the commands that print tables.</summary>
public static class Readable
{
    /// <summary>A property as text: a string as it is, a number or other value as its JSON, absent or null as null.</summary>
    public static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => v.GetRawText(),
        } : null;

    /// <summary>How long ago, as people say it: "just now", "12 min ago", "5 h ago", "3 days ago".</summary>
    public static string Age(DateTimeOffset at, DateTimeOffset now) => (now - at) switch
    {
        var span when span < TimeSpan.FromMinutes(1) => "just now",
        var span when span < TimeSpan.FromHours(1) => $"{(int)span.TotalMinutes} min ago",
        var span when span < TimeSpan.FromDays(2) => $"{(int)span.TotalHours} h ago",
        var span => $"{(int)span.TotalDays} days ago",
    };
}
