using Lifeline.Api;

namespace Lifeline.Incidents;

/// <summary>
/// When an incident event happened, for an incident entered after the fact from a manual log (the seed: "entered into
/// IMPACT upon its return availability"), and whether to send now what the event would have sent then. An event in the
/// past sends nothing unless <see cref="Notify"/> asks for it: people are not paged and directors not called for a
/// problem that was handled on paper hours ago.
/// </summary>
public readonly record struct Backdate(DateTimeOffset? OccurredAt, bool Notify)
{
    /// <summary>Happening now: everything it sends is sent.</summary>
    public static Backdate Now => default;

    /// <summary>Whether the event is in the past and nothing is sent for it.</summary>
    public bool IsQuiet => OccurredAt is not null && !Notify;

    /// <summary>
    /// Checks <see cref="OccurredAt"/> for an event of <paramref name="incident"/>: it happened after the one before it
    /// (<paramref name="notBefore"/>) and not in the future. Any incident takes back-dated events: one opened in Lifeline
    /// may have been worked on offline while the server was unreachable (the CLI's journal). The timeline keeps both
    /// times and marks such entries as from a manual log, so a back-dated acknowledgement is visible for what it is.
    /// Returns the event's time: <see cref="OccurredAt"/>, or <paramref name="now"/>.
    /// </summary>
    public DateTimeOffset Check(Validator v, Incident incident, DateTimeOffset notBefore, string after, DateTimeOffset now)
    {
        if (OccurredAt is not { } occurred)
        {
            return now;
        }
        occurred = occurred.ToUniversalTime();
        if (occurred > now.AddMinutes(1))
        {
            v.Add("occurredAt", "occurredAt is when it happened, so it cannot be in the future.");
        }
        else if (occurred < notBefore)
        {
            v.Add("occurredAt", $"occurredAt ({occurred:yyyy-MM-dd HH:mm} UTC) is before {after} ({notBefore:yyyy-MM-dd HH:mm} UTC).");
        }
        return occurred > now ? now : occurred < notBefore ? notBefore : occurred;
    }
}
