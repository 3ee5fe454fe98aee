using Lifeline.Server;

namespace Lifeline.Escalation.Engine;

/// <summary>Wakes this instance's engine when engine work due now is committed.</summary>
public sealed class EngineSignal : WakeSignal;
