namespace Lifeline.Templates;

/// <summary>A part of a message template: its name in messages, its field in the API, the most it may render to, and whether it is HTML.</summary>
public sealed record TemplatePart(string Name, string Field, int MaxChars, bool IsHtml)
{
    public static readonly TemplatePart Subject = new("subject", "subject", 1000, false);

    /// <summary>64 KB: far more than any notice, far less than a mail server's size limit.</summary>
    public static readonly TemplatePart Text = new("text", "textBody", 64 * 1024, false);

    public static readonly TemplatePart Html = new("HTML", "htmlBody", 64 * 1024, true);

    /// <summary>1,600 characters: the most a text message may carry (ten segments), which is what the short form becomes.</summary>
    public static readonly TemplatePart ShortForm = new("short form", "shortForm", 1600, false);
}
