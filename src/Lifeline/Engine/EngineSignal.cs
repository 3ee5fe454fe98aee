
namespace Lifeline.Engine;

/// <summary>Wakes this instance's engine when engine work due now is committed.</summary>
public sealed class EngineSignal : WakeSignal;
