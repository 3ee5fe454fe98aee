namespace Lifeline.Directory.Roles;

public sealed record RoleHolderView(Guid PersonId, string Name, string? Title, int Position);
/// <summary>A role; <c>heldThrough</c> is "schedule" when whoever is on call in <c>scheduleId</c> holds it (the holders are the fallback), else "holders".</summary>
public sealed record RoleView(Guid Id, string Name, string? Responsibilities, IReadOnlyList<RoleHolderView> Holders, string HeldThrough = "holders",
    Guid? ScheduleId = null, string? ScheduleName = null);

/// <summary><c>scheduleId</c>, when given, makes the role held through that schedule; <c>Guid.Empty</c> clears it; absent leaves it.</summary>
public sealed record RoleRequest(string Name, string? Responsibilities, IReadOnlyList<Guid>? HolderIds, Guid? ScheduleId = null);
