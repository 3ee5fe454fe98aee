using Lifeline.Cli.Api;

namespace Lifeline.Cli.Output;

/// <summary>
/// A contact value as printed: the server masks values for roles that may not see them in clear, and the
/// command says so, so nobody mistakes "+1 ••• ••• 0147" for a typo or tries to dial it.
/// </summary>
internal static class ContactValue
{
    public const string MaskedMark = " (masked)";

    public static string Show(ContactMethodView method) => method.Masked ? method.Value + MaskedMark : method.Value;

    public static void WriteMaskedNote(TextWriter writer, IEnumerable<ContactMethodView> methods)
    {
        if (methods.Any(m => m.Masked))
        {
            writer.WriteLine();
            writer.WriteLine("(masked): your role may not see contact details in clear; ask a Level 1 technician, an incident manager or an administrator");
        }
    }
}
