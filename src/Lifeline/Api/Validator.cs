namespace Lifeline.Api;

/// <summary>Collects field errors for a request; empty means valid.</summary>
public sealed class Validator
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public Validator Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }
        list.Add(message);
        return this;
    }

    public Validator Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Add(field, $"{field} is required.");
        }
        return Optional(field, value, maxLength);
    }

    public Validator Optional(string field, string? value, int maxLength) =>
        value is not null && value.Length > maxLength ? Add(field, $"{field} is at most {maxLength} characters.") : this;

    /// <summary>
    /// Text that goes into one line of an SMS, a call or a mail subject (a title, a name): a line break or another control
    /// character would let it write lines of its own into every message it appears in.
    /// </summary>
    public Validator SingleLine(string field, string? value) =>
        value is not null && value.Any(char.IsControl) ? Add(field, $"{field} must be one line of text, without line breaks or control characters.") : this;

    public Dictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
