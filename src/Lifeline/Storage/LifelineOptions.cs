using System.ComponentModel.DataAnnotations;

namespace Lifeline.Storage;

/// <summary>The <c>Lifeline</c> configuration section: where data lives and whether a demo organisation is loaded.</summary>
public sealed class LifelineOptions
{
    public const string Section = "Lifeline";

    [Required]
    public string DataDirectory { get; set; } = "data";

    public bool SeedDemoData { get; set; } = true;

    /// <summary>Region used to read phone numbers written without a country code (ISO 3166 alpha-2).</summary>
    [Required, RegularExpression("^[A-Z]{2}$")]
    public string DefaultPhoneRegion { get; set; } = "US";

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);
}
