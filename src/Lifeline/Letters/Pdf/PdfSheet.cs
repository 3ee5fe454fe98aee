using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Lifeline.Letters.Pdf;

/// <summary>
/// A plain A4 document written top to bottom: titles, headings, wrapped paragraphs and bullets, a new page when the
/// current one is full, and a footer with the generation date and version on every page, so each sheet of a
/// printed copy can be checked on its own.
/// </summary>
internal sealed class PdfSheet : IDisposable
{
    private const double Margin = 48;
    private const double FooterHeight = 28;
    private static readonly XColor Ink = XColor.FromArgb(0x17, 0x21, 0x2b);
    private static readonly XColor Muted = XColor.FromArgb(0x4a, 0x55, 0x61);
    private static readonly XColor Alert = XColor.FromArgb(0xb0, 0x00, 0x20);

    private readonly PdfDocument _document = new();
    private readonly string _footer;
    private PdfPage? _page;
    private XGraphics? _graphics;
    private double _y;
    private int _pages;

    public PdfSheet(string title, string footer)
    {
        EmbeddedFonts.Install();
        _document.Info.Title = title;
        _document.Info.Creator = "Lifeline";
        _footer = footer;
        NewPage();
    }

    private double Width => _page!.Width.Point - 2 * Margin;

    public void Title(string text) => Write(text, 18, bold: true, color: Ink, after: 6);

    public void Heading(string text)
    {
        // A heading alone at the foot of a page is no use: start the next page instead.
        if (_y + 60 > _page!.Height.Point - Margin - FooterHeight)
        {
            NewPage();
        }
        else
        {
            _y += 8;
        }
        Write(text, 13, bold: true, color: Ink, after: 4);
    }

    public void Subheading(string text, double indent = 0) => Write(text, 10.5, bold: true, color: Ink, indent: indent, after: 2);

    public void Paragraph(string text, double indent = 0, bool bold = false) => Write(text, 10, bold, Ink, indent, after: 4);

    public void Note(string text, double indent = 0) => Write(text, 9, bold: false, color: Muted, indent: indent, after: 3);

    public void Warning(string text) => Write(text, 10, bold: true, color: Alert, after: 4);

    public void Bullet(string text, double indent = 0) => Write("•  " + text, 10, bold: false, color: Ink, indent: indent, after: 2, hanging: 10);

    public void Gap(double points = 6) => _y += points;

    public byte[] Save()
    {
        _graphics?.Dispose();
        _graphics = null;
        using var stream = new MemoryStream();
        _document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    public void Dispose()
    {
        _graphics?.Dispose();
        _document.Dispose();
    }

    private void NewPage()
    {
        _graphics?.Dispose();
        _page = _document.AddPage();
        _page.Size = PageSize.A4;
        _graphics = XGraphics.FromPdfPage(_page);
        _pages++;
        _y = Margin;
        var font = new XFont(EmbeddedFonts.Family, 8);
        _graphics.DrawString($"{_footer} · page {_pages}", font, new XSolidBrush(Muted),
            new XPoint(Margin, _page.Height.Point - Margin + 8), XStringFormats.TopLeft);
    }

    private void Write(string text, double size, bool bold, XColor color, double indent = 0, double after = 0, double hanging = 0)
    {
        var font = new XFont(EmbeddedFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
        var brush = new XSolidBrush(color);
        var lineHeight = size * 1.35;
        foreach (var paragraph in text.Split('\n'))
        {
            var first = true;
            foreach (var line in Wrap(paragraph, font, Width - indent - hanging))
            {
                if (_y + lineHeight > _page!.Height.Point - Margin - FooterHeight)
                {
                    NewPage();
                }
                _graphics!.DrawString(line, font, brush, new XPoint(Margin + indent + (first ? 0 : hanging), _y), XStringFormats.TopLeft);
                _y += lineHeight;
                first = false;
            }
        }
        _y += after;
    }

    private IEnumerable<string> Wrap(string text, XFont font, double width)
    {
        var line = "";
        foreach (var word in text.Split(' '))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (_graphics!.MeasureString(candidate, font).Width <= width)
            {
                line = candidate;
                continue;
            }
            if (line.Length > 0)
            {
                yield return line;
            }
            line = word;
            // A word wider than the line (a long link): cut it where it fills the line.
            while (line.Length > 1 && _graphics.MeasureString(line, font).Width > width)
            {
                var cut = line.Length - 1;
                while (cut > 1 && _graphics.MeasureString(line[..cut], font).Width > width)
                {
                    cut--;
                }
                yield return line[..cut];
                line = line[cut..];
            }
        }
        if (line.Length > 0 || text.Length == 0)
        {
            yield return line;
        }
    }
}
