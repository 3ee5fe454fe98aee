using PhoneNumbers;

namespace Lifeline.Letters;

/// <summary>Phone numbers as people read them aloud ("+1 860-555-0100"); stored numbers are E.164.</summary>
public static class PhoneText
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    public static string Display(string e164)
    {
        try
        {
            return Phones.Format(Phones.Parse(e164, null), PhoneNumberFormat.INTERNATIONAL);
        }
        catch (NumberParseException)
        {
            return e164;
        }
    }
}
