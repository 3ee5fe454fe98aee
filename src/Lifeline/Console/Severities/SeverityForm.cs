using Lifeline.Severity;

namespace Lifeline.Console.Severities;

/// <summary>One severity level as its form holds it: texts as typed, examples one per line, targets in minutes.</summary>
internal sealed class SeverityForm
{
    public int Level { get; init; }
    public string Name { get; set; } = "";
    public string Definition { get; set; } = "";
    public string Examples { get; set; } = "";
    public int? AcknowledgeWithinMinutes { get; set; }
    public int? StatusUpdateEveryMinutes { get; set; }
    public int? ResolveWithinMinutes { get; set; }
    public SeverityProcedure Procedure { get; set; }

    public static SeverityForm Of(SeverityLevelView level) => new()
    {
        Level = level.Level,
        Name = level.Name,
        Definition = level.Definition,
        Examples = string.Join('\n', level.Examples),
        AcknowledgeWithinMinutes = level.AcknowledgeWithinMinutes,
        StatusUpdateEveryMinutes = level.StatusUpdateEveryMinutes,
        ResolveWithinMinutes = level.ResolveWithinMinutes,
        Procedure = level.Procedure,
    };

    public SeverityLevelRequest Request() => new(Name, Definition, Examples.Split('\n'), AcknowledgeWithinMinutes, StatusUpdateEveryMinutes, ResolveWithinMinutes, Procedure);
}
