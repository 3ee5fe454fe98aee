using System.Globalization;
using Lifeline.Escalation.Policies;
using Lifeline.Targets;

namespace Lifeline.Console.Policies;

/// <summary>
/// What the editor's fields hold while an admin changes a policy; turned into the API's <see cref="EscalationPolicyRequest"/>
/// unchanged, so the catalogue's validation (and its field names, shown beside the fields) is the only judge.
/// </summary>
public sealed class PolicyForm
{
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public int RepeatCount { get; set; }
    public List<TierForm> Tiers { get; set; } = [new()];

    public static PolicyForm Of(EscalationPolicyView policy) => new()
    {
        Name = policy.Name,
        Description = policy.Description,
        RepeatCount = policy.RepeatCount,
        Tiers = [.. policy.Tiers.Select(t => new TierForm
        {
            Targets = [.. t.Targets.Select(x => new TargetForm { Kind = x.Kind, Id = x.Id })],
            Channels = [.. t.Channels],
            WaitMinutes = t.Wait.TotalMinutes,
        })],
    };

    public EscalationPolicyRequest Request() => new(Name, Description, RepeatCount,
        [.. Tiers.Select(t => new TierRequest([.. t.Targets.Select(x => new EscalationTarget(x.Kind, x.NeedsId ? x.Id : null))], [.. t.Channels],
            // Minutes as typed; the catalogue refuses what is out of range, beside the field.
            double.IsFinite(t.WaitMinutes) && Math.Abs(t.WaitMinutes) < 100_000 ? TimeSpan.FromMinutes(t.WaitMinutes) : null))]);

    public static void Move<T>(List<T> list, int index, int by)
    {
        var to = index + by;
        if (to < 0 || to >= list.Count)
        {
            return;
        }
        (list[index], list[to]) = (list[to], list[index]);
    }

    /// <summary>"5 min", "90 s", "1 h 30 min": the wait the way the procedure says it.</summary>
    public static string Say(TimeSpan wait) =>
        wait.TotalMinutes < 1 ? $"{wait.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s"
        : wait.TotalHours >= 1 ? $"{(int)wait.TotalHours} h" + (wait.Minutes > 0 ? $" {wait.Minutes} min" : "")
        : $"{wait.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture)} min";
}
