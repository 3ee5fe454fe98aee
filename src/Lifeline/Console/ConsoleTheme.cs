using MudBlazor;

namespace Lifeline.Console;

/// <summary>The console's colours: dark enough text on every background for WCAG AA contrast (axe checks every page).</summary>
public static class ConsoleTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0b5cad",
            Secondary = "#5a3e8a",
            Error = "#b00020",
            Warning = "#8a5300",
            Success = "#1b6e32",
            Info = "#0b5cad",
            AppbarBackground = "#102a43",
            TextSecondary = "#4a5561",
        },
    };
}
