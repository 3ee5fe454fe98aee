using PdfSharp.Fonts;

namespace Lifeline.Letters.Pdf;

/// <summary>
/// PDFsharp finds no fonts of its own on Linux: this gives it DejaVu Sans, regular and bold, from the assembly's
/// resources (Letters/Fonts), whatever family a document asks for. Nothing depends on the fonts the machine has.
/// </summary>
internal sealed class EmbeddedFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    private static readonly Lock Gate = new();
    private static bool _installed;

    /// <summary>Installs the resolver once per process: PDFsharp's resolver is global and may not change once used.</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (!_installed)
            {
                GlobalFontSettings.FontResolver = new EmbeddedFonts();
                _installed = true;
            }
        }
    }

    public static bool ArePresent()
    {
        var names = typeof(EmbeddedFonts).Assembly.GetManifestResourceNames();
        return names.Contains($"Lifeline.Letters.Fonts.{Regular}.ttf") && names.Contains($"Lifeline.Letters.Fonts.{Bold}.ttf");
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        // No italic face is shipped: PDFsharp slants the regular one when italic is asked for.
        new(bold ? Bold : Regular, false, italic);

    public byte[] GetFont(string faceName)
    {
        var name = $"Lifeline.Letters.Fonts.{faceName}.ttf";
        using var stream = typeof(EmbeddedFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The font resource {name} is missing from the Lifeline assembly; the PDF cannot be written. Rebuild Lifeline with Letters/Fonts in place.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
