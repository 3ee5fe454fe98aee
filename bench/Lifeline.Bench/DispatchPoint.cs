namespace Lifeline.Bench;

/// <summary>
/// Where "alert to dispatch" stops the clock. Until notification delivery exists the engine's last
/// act is writing the page into the outbox, so that is what is measured; once a dispatcher marks
/// notifications sent (SentAt: SMTP accepted the message, the Twilio-compatible endpoint was called),
/// <see cref="HandedToChannel"/> measures the whole way to the provider.
/// </summary>
public enum DispatchPoint
{
    /// <summary>The first <c>Notifications</c> row for the incident was committed (its <c>CreatedAt</c>).</summary>
    OutboxRowWritten,
    /// <summary>The first notification for the incident was handed to its channel (its <c>SentAt</c>).</summary>
    HandedToChannel,
}

public static class DispatchMeasure
{
    public static string Describe(DispatchPoint point) => point switch
    {
        DispatchPoint.OutboxRowWritten => "outbox_row_written (Notifications.CreatedAt of the first page)",
        _ => "handed_to_channel (Notifications.SentAt of the first page)",
    };

    /// <summary>
    /// The instant the first notification of each incident reached <paramref name="point"/>, read from
    /// the database after the run (the server's clock; the driver runs on the same machine).
    /// </summary>
    public static async Task<Dictionary<Guid, DateTimeOffset>> FirstDispatchByIncidentAsync(BenchDatabase db, DispatchPoint point)
    {
        var column = point == DispatchPoint.OutboxRowWritten ? "CreatedAt" : "SentAt";
        var rows = await db.QueryAsync($"SELECT \"IncidentId\", \"{column}\" FROM \"Notifications\" WHERE \"IncidentId\" IS NOT NULL AND \"{column}\" IS NOT NULL");
        var first = new Dictionary<Guid, DateTimeOffset>();
        foreach (var row in rows)
        {
            var incident = BenchDatabase.Id(row[0]);
            var at = BenchDatabase.Instant(row[1])!.Value;
            if (!first.TryGetValue(incident, out var seen) || at < seen)
            {
                first[incident] = at;
            }
        }
        return first;
    }
}
