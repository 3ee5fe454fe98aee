using Lifeline.Engine;

namespace Lifeline.Notifications.Dispatch;

/// <summary>Wakes this instance's dispatcher as soon as a notification is queued.</summary>
public sealed class DispatchSignal : WakeSignal;
