using Lifeline.Api;
using Lifeline.Incidents;

namespace Lifeline.Console.Widgets;

/// <summary>
/// What a refused command said, for a form: the message for the whole form and the messages per field, exactly as
/// the API's problem details would carry them (the service decides; the page only shows).
/// </summary>
public sealed record Problem(string Message, IReadOnlyDictionary<string, string[]> Fields)
{
    private static readonly IReadOnlyDictionary<string, string[]> NoFields = new Dictionary<string, string[]>();

    public static Problem? Of(IncidentFailure? failure) => failure is null ? null
        : new(failure.Errors is null ? failure.Detail : "Please correct the fields marked below.", failure.Errors ?? NoFields);

    public static Problem? Of(Refusal? refusal) => refusal is null ? null
        : new(refusal.Errors is null ? refusal.Detail : "Please correct the fields marked below.", refusal.Errors ?? NoFields);

    public static Problem Field(string field, string message) => new("Please correct the fields marked below.", new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>The messages for one field (names compared as the API spells them, in any case).</summary>
    public IEnumerable<string> For(string field) =>
        Fields.Where(f => string.Equals(f.Key, field, StringComparison.OrdinalIgnoreCase) || f.Key.EndsWith("." + field, StringComparison.OrdinalIgnoreCase)).SelectMany(f => f.Value);
}
