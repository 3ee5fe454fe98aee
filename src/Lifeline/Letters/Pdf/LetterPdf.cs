using Lifeline.Directory.People;

namespace Lifeline.Letters.Pdf;

/// <summary>The emergency contact letter as a PDF: the same sections, in the same order and words, as the page at /letter.</summary>
public static class LetterPdf
{
    public static byte[] Write(ContactLetter letter)
    {
        using var pdf = new PdfSheet("IT emergency contact letter", $"Lifeline · emergency contact letter · generated on {LetterWording.Date(letter.GeneratedAt)} · version {letter.Version}");
        pdf.Title("IT emergency contact letter");
        pdf.Note($"{letter.Organisation} · generated on {LetterWording.Date(letter.GeneratedAt)} · version {letter.Version} · {LetterWording.Edition(letter.Edition)}");
        pdf.Paragraph("Keep this letter where you can find it in an emergency. For any IT emergency, contact the Help Desk first: it is staffed 24 hours a day, 7 days a week, including holidays, and escalates for you.");

        pdf.Heading("1. Contact methods and hierarchy");
        if (letter.HelpDesk is { } desk)
        {
            pdf.Subheading($"1. {desk.Name} — first point of contact, 24/7");
            pdf.Paragraph(Published(desk), indent: 12);
        }
        else
        {
            pdf.Warning("No help desk team is in the directory: add a team of kind HelpDesk with its phone and e-mail.");
        }
        foreach (var step in letter.Hierarchy)
        {
            pdf.Subheading($"{step.Position}. {step.Role}");
            foreach (var person in step.People)
            {
                pdf.Paragraph(PersonLine(person), indent: 12);
            }
            if (step.Responsibilities is { } r)
            {
                pdf.Note(r, indent: 12);
            }
        }
        if (letter.Edition == LetterEdition.General)
        {
            pdf.Note("Personal numbers and addresses are masked in this edition. Call the Help Desk, which reaches everyone on this letter.");
        }

        pdf.Heading("2. Availability and response times");
        pdf.Paragraph("The Help Desk answers 24 hours a day, 7 days a week, including holidays.");
        pdf.Paragraph($"Day shift ({letter.Hours.TimeZone}): {(letter.Hours.BusinessHours.Count == 0 ? "none set" : string.Join("; ", letter.Hours.BusinessHours))}. Off shift: all other hours, weekends and holidays.");
        foreach (var s in letter.Severities)
        {
            pdf.Subheading($"Severity {s.Level} — {s.Name}");
            pdf.Paragraph(s.Definition, indent: 12);
            pdf.Paragraph($"Acknowledged within {LetterWording.Minutes(s.AcknowledgeWithinMinutes)}; status updates every {LetterWording.Minutes(s.StatusUpdateEveryMinutes)}; resolved within {LetterWording.Minutes(s.ResolveWithinMinutes)}.", indent: 12);
            pdf.Note(LetterWording.Procedure(s.Procedure) + ".", indent: 12);
        }
        if (letter.Hours.UpcomingHolidays.Count > 0)
        {
            pdf.Paragraph("Holidays (off shift all day): " + string.Join("; ", letter.Hours.UpcomingHolidays) + ".");
        }

        pdf.Heading("3. Roles and responsibilities");
        foreach (var role in letter.Roles)
        {
            pdf.Subheading(role.Name + (role.Holders.Count > 0 ? $" — {string.Join("; ", role.Holders)}" : " — nobody holds it"));
            if (role.Responsibilities is { } r)
            {
                pdf.Paragraph(r, indent: 12);
            }
        }

        pdf.Heading("4. Security and access protocols");
        foreach (var rule in letter.Access.Rules)
        {
            pdf.Bullet(rule);
        }

        pdf.Heading("5. Backup and escalation procedures");
        if (letter.Escalation.PolicyName is { } policy)
        {
            pdf.Paragraph($"Escalation policy: {policy}." + (letter.Escalation.PolicyDescription is { } d ? $" {d}" : ""));
            foreach (var tier in letter.Escalation.Tiers)
            {
                pdf.Bullet($"Step {tier.Position}: {string.Join(" and ", tier.Targets)} — by {LetterWording.Channels(tier.Channels)}; {LetterWording.Minutes(tier.WaitMinutes)} to acknowledge before the next step.");
            }
            pdf.Paragraph(letter.Escalation.RepeatCount > 0
                ? $"Nobody acknowledges: the whole chain runs again, {letter.Escalation.RepeatCount} more time(s)."
                : "Nobody acknowledges: the chain ends and the Help Desk is told.");
        }
        foreach (var notice in letter.Escalation.Notices)
        {
            pdf.Bullet(notice);
        }
        foreach (var hotline in letter.Hotlines)
        {
            pdf.Paragraph("24/7 hotline: " + PersonLine(hotline), bold: true);
        }
        if (letter.DataBackups is { } backups)
        {
            pdf.Paragraph("Data backups: " + backups);
        }

        pdf.Heading("6. Drills");
        pdf.Paragraph(letter.DrillSchedule);
        foreach (var drill in letter.NextDrills)
        {
            pdf.Paragraph("Next drill: " + LetterWording.NextDrill(drill));
        }
        return pdf.Save();
    }

    internal static string Published(PublishedLine line) =>
        string.Join(" · ", new[] { line.PhoneDisplay is { } p ? $"Phone {p}" : null, line.Email is { } e ? $"E-mail {e}" : null }.OfType<string>());

    internal static string PersonLine(LetterContact person, bool withholdMaskedPhones = false) =>
        $"{person.Name}{(person.Title is { } t ? $", {t}" : "")}" +
        (person.Contacts.Count == 0 ? "" : " — " + string.Join(" · ", person.Contacts.Select(c => ContactText(c, withholdMaskedPhones))));

    internal static string ContactText(ShownContact c, bool withholdMaskedPhones)
    {
        var kind = c.Label ?? c.Kind switch
        {
            ContactMethodKind.CellPhone => "Cell",
            ContactMethodKind.OfficePhone => "Office",
            ContactMethodKind.Email => "E-mail",
            _ => c.Kind.ToString(),
        };
        var phone = c.Kind is ContactMethodKind.CellPhone or ContactMethodKind.OfficePhone;
        return $"{kind}: {(c.Masked && phone && withholdMaskedPhones ? "withheld (Level 1 only)" : c.Value)}";
    }
}
