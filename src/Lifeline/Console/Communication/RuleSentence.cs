using Lifeline.Communication;
using Lifeline.Notifications;
using Lifeline.Shifts;

namespace Lifeline.Console.Communication;

/// <summary>
/// A plan's rule read as a sentence: "Severity 1, when escalation starts, day shift: Director of Operations by e-mail,
/// fallback voice call."
/// </summary>
public static class RuleSentence
{
    public static string Say(IReadOnlyList<int> severities, CommunicationRuleView rule)
    {
        var who = And([.. rule.Recipients.Select(r => r.Name)]);
        var fallback = rule.Fallback is { } f ? $", fallback {Channel(f)}" : "";
        var asks = rule.Instruction is { } instruction ? $" Asks: {instruction}" : "";
        return $"{Severities(severities)}, {Event(rule.Event)}, {Shift(rule.Shift)}: {who} by {Channel(rule.Channel)}{fallback}.{asks}";
    }

    public static string Severities(IReadOnlyList<int> severities) =>
        severities.Count == 0 ? "No severity" : $"Severity {And([.. severities.Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture))])}";

    public static string Event(CommunicationEvent e) => e switch
    {
        CommunicationEvent.EscalationStarted => "when escalation starts",
        CommunicationEvent.StatusUpdate => "on each status update",
        CommunicationEvent.Resolved => "on resolution",
        _ => e.ToString(),
    };

    public static string Shift(ShiftKind? shift) => shift switch
    {
        ShiftKind.Day => "day shift",
        ShiftKind.Off => "off shift",
        _ => "any shift",
    };

    public static string Channel(NotificationChannel channel) => channel switch
    {
        NotificationChannel.Voice => "voice call",
        NotificationChannel.Sms => "SMS",
        NotificationChannel.Email => "e-mail",
        NotificationChannel.Chat => "chat",
        NotificationChannel.Webhook => "webhook",
        _ => channel.ToString(),
    };

    private static string And(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "nobody",
        1 => items[0],
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}",
    };
}
