using System.Net.Mail;
using Lifeline.Notifications.Webhooks;
using Lifeline.Storage;
using Microsoft.Extensions.Options;
using PhoneNumbers;

namespace Lifeline.Directory.People;

/// <summary>
/// Normalises contact values so that the same number is always stored the same way: phones to
/// E.164 (libphonenumber, with the configured default region for national numbers), e-mail
/// addresses trimmed and checked, webhooks as absolute URLs that <see cref="WebhookAddressPolicy"/> allows (https, no
/// user info, no literal loopback, private or link-local address).
/// </summary>
public sealed class ContactValueRules(IOptions<LifelineOptions> options, IOptions<WebhookOptions> webhooks)
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    public bool TryNormalise(ContactMethodKind kind, string? raw, out string normalised, out string error) => kind switch
    {
        ContactMethodKind.OfficePhone or ContactMethodKind.CellPhone => TryPhone(raw, out normalised, out error),
        ContactMethodKind.Email => TryEmail(raw, out normalised, out error),
        _ => WebhookAddressPolicy.TryValidateUrl(raw, webhooks.Value, out normalised, out error),
    };

    public bool TryPhone(string? raw, out string normalised, out string error)
    {
        normalised = "";
        error = "";
        if (string.IsNullOrWhiteSpace(raw) || raw.Length > 40)
        {
            error = "A phone number is required (at most 40 characters), e.g. +1 212 555 0147.";
            return false;
        }
        try
        {
            var number = Phones.Parse(raw, options.Value.DefaultPhoneRegion);
            if (!Phones.IsValidNumber(number))
            {
                error = $"'{raw}' is not a valid phone number for its region; write it with its country code, e.g. +1 212 555 0147.";
                return false;
            }
            normalised = Phones.Format(number, PhoneNumberFormat.E164);
            return true;
        }
        catch (NumberParseException e)
        {
            error = $"'{raw}' is not a phone number ({e.ErrorType}); write it with its country code, e.g. +1 212 555 0147.";
            return false;
        }
    }

    public static bool TryEmail(string? raw, out string normalised, out string error)
    {
        normalised = "";
        error = "";
        var trimmed = raw?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 254
            || !MailAddress.TryCreate(trimmed, out var address) || address.Address != trimmed || !address.Host.Contains('.', StringComparison.Ordinal))
        {
            error = $"'{raw}' is not an e-mail address like name@example.org.";
            return false;
        }
        normalised = address.Address;
        return true;
    }

    public static bool IsTimeZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && id.Length <= 64 && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);
}
