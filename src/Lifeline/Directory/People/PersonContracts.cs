using Lifeline.Api;

namespace Lifeline.Directory.People;

public sealed record PersonSummary(Guid Id, string Name, string? Title, string TimeZone, int ContactMethodCount);

public sealed record PersonDetails(Guid Id, string Name, string? Title, string TimeZone, string? Notes,
    IReadOnlyList<ContactMethodView> ContactMethods, IReadOnlyList<string> Roles, IReadOnlyList<string> Teams,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A contact method as the caller may see it: <c>Masked</c> says the value is not in clear.</summary>
public sealed record ContactMethodView(Guid Id, ContactMethodKind Kind, string Value, bool Masked, string? Label,
    bool CanSms, bool CanVoice, int Priority, DateTimeOffset? VerifiedAt);

public sealed record PersonRequest(string Name, string? Title, string? TimeZone, string? Notes, IReadOnlyList<ContactMethodRequest>? ContactMethods)
{
    public Validator Validate(ContactValueRules rules, bool creating)
    {
        var v = new Validator().Required("name", Name, 200).Optional("title", Title, 200).Optional("notes", Notes, 4000);
        if (TimeZone is not null && !ContactValueRules.IsTimeZone(TimeZone))
        {
            v.Add("timeZone", $"'{TimeZone}' is not an IANA time zone id such as America/New_York.");
        }
        if (!creating && ContactMethods is not null)
        {
            v.Add("contactMethods", "Change contact methods through /people/{id}/contact-methods.");
        }
        for (var i = 0; i < (ContactMethods?.Count ?? 0); i++)
        {
            ContactMethods![i].Validate(rules, v, $"contactMethods[{i}].");
        }
        return v;
    }
}

public sealed record ContactMethodRequest(ContactMethodKind? Kind, string Value, string? Label, bool? CanSms, bool? CanVoice, int? Priority)
{
    public void Validate(ContactValueRules rules, Validator v, string prefix = "")
    {
        if (Kind is null || !Enum.IsDefined(Kind.Value))
        {
            v.Add(prefix + "kind", $"kind is required: one of {string.Join(", ", Enum.GetNames<ContactMethodKind>())}.");
        }
        else if (!rules.TryNormalise(Kind.Value, Value, out _, out var error))
        {
            v.Add(prefix + "value", error);
        }
        v.Optional(prefix + "label", Label, 100);
        if (Priority is < 0 or > 100)
        {
            v.Add(prefix + "priority", "priority is between 0 and 100.");
        }
    }

    /// <summary>The stored value; call after <see cref="Validate"/> succeeded.</summary>
    public string Normalised(ContactValueRules rules) =>
        rules.TryNormalise(Kind!.Value, Value, out var value, out _) ? value : throw new InvalidOperationException("Validate first.");
}

/// <summary>Every contact method's id once, most preferred first.</summary>
public sealed record ContactMethodOrderRequest(IReadOnlyList<Guid>? Order);
