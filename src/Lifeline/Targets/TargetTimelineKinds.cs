namespace Lifeline.Targets;

/// <summary>Timeline kinds written when targets are resolved.</summary>
public static class TargetTimelineKinds
{
    public const string TargetSkipped = "TargetSkipped";
}
