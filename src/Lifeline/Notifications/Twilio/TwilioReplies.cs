using System.Text.RegularExpressions;
using Lifeline.Acknowledgements;
using Lifeline.Incidents;

namespace Lifeline.Notifications.Twilio;

/// <summary>
/// What people answer through Twilio, put in words: an SMS reply ("4 2026-123", "ACK INC-2026-000123", or a bare
/// "4" when only one incident is paging that phone) and the key pressed during a call. Whether the answer counts
/// is <see cref="Acknowledger"/>'s decision; a refusal says why without saying anything about any incident.
/// </summary>
public sealed partial class TwilioReplies(Acknowledger acknowledger)
{
    private const string Example = "4 2026-123";

    public async Task<string> FromSmsAsync(string from, string body, CancellationToken ct)
    {
        var match = AckReply().Match(body);
        if (!match.Success)
        {
            return $"Lifeline: to acknowledge a page, reply with the code it gives, e.g. {Example}. Nothing was changed.";
        }
        string? number = null;
        if (match.Groups["code"] is { Success: true } code)
        {
            number = IncidentNumbers.Normalise(code.Value);
            if (!number.StartsWith("INC-", StringComparison.Ordinal))
            {
                return $"Lifeline did not understand the code '{code.Value}'. Reply with the code from the page, e.g. {Example}. Nothing was changed.";
            }
        }
        var result = await acknowledger.AnswerSmsAsync(from.Trim(), number, ct);
        return result.Outcome switch
        {
            PageAnswerOutcome.Acknowledged => $"Thank you, {result.PersonName}. {result.IncidentNumber} is acknowledged and paging has stopped.",
            PageAnswerOutcome.TeamAcknowledged => $"Thank you, {result.PersonName}. {result.TeamName}'s page for {result.IncidentNumber} is acknowledged; please join the bridge.",
            PageAnswerOutcome.DrillAnswered => $"Thank you, {result.PersonName}. This was a drill ({result.IncidentNumber}): your answer by text message is recorded.",
            PageAnswerOutcome.NoLongerPaging or PageAnswerOutcome.AlreadyAnswered =>
                $"{result.IncidentNumber} is no longer paging you (it was acknowledged or has ended), so nothing was changed.",
            PageAnswerOutcome.Ambiguous => $"You are being paged for more than one incident: reply with the code from the page you answer, e.g. {Example}. Nothing was changed.",
            PageAnswerOutcome.Refused => $"{result.IncidentNumber} could not be acknowledged: {result.Detail}",
            _ => "Lifeline found no page sent to this phone that this reply answers, so nothing was changed. If you need help, call the help desk.",
        };
    }

    public async Task<string> FromKeypressAsync(Guid notificationId, string callSid, string digits, CancellationToken ct)
    {
        var result = await acknowledger.AnswerCallAsync(notificationId, callSid, digits, ct);
        return result.Outcome switch
        {
            PageAnswerOutcome.Acknowledged => $"Thank you, {result.PersonName}. {result.IncidentNumber} is acknowledged and paging has stopped. Goodbye.",
            PageAnswerOutcome.TeamAcknowledged => $"Thank you, {result.PersonName}. {result.TeamName}'s page is acknowledged. Please join the bridge. Goodbye.",
            PageAnswerOutcome.DrillAnswered => $"Thank you, {result.PersonName}. This was a drill: your answer by phone is recorded. Goodbye.",
            PageAnswerOutcome.TaskConfirmed => $"Thank you, {result.PersonName}. Your confirmation is recorded. Goodbye.",
            PageAnswerOutcome.NoLongerPaging or PageAnswerOutcome.AlreadyAnswered => "This was already answered, so nothing was changed. Goodbye.",
            PageAnswerOutcome.Refused => $"Nothing was changed: {result.Detail} Goodbye.",
            _ => "Nothing was recorded. Goodbye.",
        };
    }

    [GeneratedRegex(@"^\s*(?:4|ACK)(?:[\s:#]+(?<code>\S(?:.*\S)?))?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex AckReply();
}
