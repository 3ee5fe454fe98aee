namespace Lifeline.Communication;

/// <summary>Timeline kinds written by the communication plans: stakeholder notices and their tasks.</summary>
public static class CommunicationTimelineKinds
{
    public const string StakeholdersNotified = "StakeholdersNotified";
    public const string TaskAssigned = "TaskAssigned";
    public const string TaskConfirmed = "TaskConfirmed";
}
