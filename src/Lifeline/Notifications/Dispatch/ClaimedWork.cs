namespace Lifeline.Notifications.Dispatch;

/// <summary>What one claim took: the units to send, and how many notifications it dealt with (sent, held back or failed).</summary>
public sealed record ClaimedWork(IReadOnlyList<DispatchUnit> Units, int Taken)
{
    public static readonly ClaimedWork None = new([], 0);
}
