namespace Lifeline.Drills;

/// <summary>The engine job kinds drills schedule. A job's subject id is the drill schedule's, or the drill's.</summary>
public static class DrillJobKinds
{
    /// <summary>A scheduled drill is due: run it and schedule the next one.</summary>
    public const string Due = "DrillDue";
    /// <summary>A drill may have ended: tell the people it could not reach what to fix, or look again later.</summary>
    public const string FollowUp = "DrillFollowUp";
}
