using System.Globalization;

namespace Lifeline.Letters.Pdf;

/// <summary>
/// The Level 1 Severity 1 sheet as a PDF. A masked copy leaves every phone number out (not even masked digits), so a
/// sheet printed by someone not entitled to the list cannot be used to call anyone.
/// </summary>
public static class ContactListPdf
{
    public static byte[] Write(ContactListSheet sheet)
    {
        var footer = $"Lifeline · Severity 1 contact list{(sheet.Masked ? " (masked)" : "")} · generated on {LetterWording.Date(sheet.GeneratedAt)} · version {sheet.Version}";
        using var pdf = new PdfSheet("Severity 1 contact list", footer);
        pdf.Title("Severity 1 contact list — Level 1 use only");
        pdf.Note($"{LetterWording.Levels(sheet.Severities)} · generated on {LetterWording.Date(sheet.GeneratedAt)} · version {sheet.Version}");
        if (sheet.Masked)
        {
            pdf.Warning("Masked copy: phone numbers are left out. The full list is for Level 1 technicians, incident managers and administrators.");
        }
        else
        {
            pdf.Warning("Confidential: personal phone numbers. Keep this sheet at the help desk and shred it when a newer version is printed.");
        }
        if (sheet.HelpDesk is { } desk)
        {
            pdf.Paragraph($"{desk.Name}: {LetterPdf.Published(desk)}");
        }
        pdf.Paragraph("Call each step in order, cell phone first; if nobody answers within the step's time, go to the next step.");

        foreach (var chain in sheet.Chains)
        {
            pdf.Heading($"{chain.Policy}{(chain.IsDefault ? " (default)" : "")}");
            pdf.Note("For: " + (chain.Services.Count == 0 ? "no service yet" : string.Join(", ", chain.Services)));
            foreach (var step in chain.Steps)
            {
                pdf.Subheading($"Step {step.Position.ToString(CultureInfo.InvariantCulture)}: {step.Title}");
                pdf.Note($"By {LetterWording.Channels(step.Channels)}" + (step.WaitMinutes is { } wait ? $"; {LetterWording.Minutes(wait)} to answer before the next step." : "."), indent: 12);
                People(pdf, step, sheet.Masked);
            }
            if (chain.RepeatCount > 0)
            {
                pdf.Note($"Nobody answered: start again at step 1 ({chain.RepeatCount.ToString(CultureInfo.InvariantCulture)} more time(s)).");
            }
        }

        if (sheet.ServiceAreas.Count > 0)
        {
            pdf.Heading("Service area managers (secondary backup) and bridges");
            foreach (var area in sheet.ServiceAreas)
            {
                pdf.Subheading(area.Name);
                pdf.Paragraph(LetterPdf.PersonLine(area.Manager, sheet.Masked), indent: 12);
                pdf.Note("Services: " + string.Join(", ", area.Services), indent: 12);
                if (area.BridgeDialIn is not null || area.BridgeLink is not null)
                {
                    pdf.Note("Bridge: " + string.Join(" · ", new[]
                    {
                        area.BridgeDialIn is { } dial ? PhoneText.Display(dial) : null,
                        area.BridgePin is { } pin ? $"PIN {pin}" : null,
                        area.BridgeLink,
                    }.OfType<string>()), indent: 12);
                }
            }
        }

        if (sheet.Notify.Count > 0)
        {
            pdf.Heading("Directors to notify");
            foreach (var step in sheet.Notify)
            {
                pdf.Subheading(step.Title);
                if (step.Note is { } note)
                {
                    pdf.Note(note, indent: 12);
                }
                People(pdf, step, sheet.Masked);
            }
        }
        return pdf.Save();
    }

    private static void People(PdfSheet pdf, ContactListStep step, bool masked)
    {
        if (step.People.Count == 0)
        {
            pdf.Paragraph(step.Note ?? "Nobody holds this step: tell the Help Desk Manager.", indent: 12);
            return;
        }
        foreach (var person in step.People)
        {
            pdf.Paragraph(LetterPdf.PersonLine(person, masked), indent: 12);
        }
    }
}
