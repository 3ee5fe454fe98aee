using System.ComponentModel.DataAnnotations;

namespace Lifeline.Notifications.Links;

/// <summary>The <c>Lifeline:PublicUrl</c> setting: where people reach this server from their mail, for links in messages.</summary>
public sealed class LinkOptions
{
    public const string Section = "Lifeline";

    [Required, Url]
    public string PublicUrl { get; set; } = "http://localhost:5080";
}
