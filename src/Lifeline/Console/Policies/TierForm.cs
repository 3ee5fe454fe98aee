using Lifeline.Notifications;

namespace Lifeline.Console.Policies;

/// <summary>One tier in the editor: targets in order, channels in order, the wait in minutes.</summary>
public sealed class TierForm
{
    public List<TargetForm> Targets { get; set; } = [new()];
    public List<NotificationChannel> Channels { get; set; } = [NotificationChannel.Voice, NotificationChannel.Sms];
    public double WaitMinutes { get; set; } = 5;
}
