using System.Globalization;

namespace Lifeline.ConfigAsCode;

/// <summary>The file's spellings of times, dates, waits and kinds, read back with a message that says what is allowed.</summary>
internal static class ConfigValues
{
    /// <summary>Whole minutes as a number ("15"), anything else as hh:mm:ss.</summary>
    public static string Wait(TimeSpan wait) =>
        wait.Ticks % TimeSpan.TicksPerMinute == 0 ? ((long)wait.TotalMinutes).ToString(CultureInfo.InvariantCulture) : wait.ToString("c", CultureInfo.InvariantCulture);

    public static bool TryWait(string? text, out TimeSpan wait, out string error)
    {
        error = "";
        wait = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "wait is required: minutes (\"15\") or hh:mm:ss.";
            return false;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes))
        {
            wait = TimeSpan.FromMinutes(minutes);
            return true;
        }
        if (TimeSpan.TryParseExact(text, ["c", @"hh\:mm\:ss", @"h\:mm\:ss"], CultureInfo.InvariantCulture, out wait))
        {
            return true;
        }
        error = $"'{text}' is not a wait: give minutes (\"15\") or hh:mm:ss.";
        return false;
    }

    public static bool TryTime(string? text, string field, out TimeOnly time, out string error)
    {
        error = "";
        if (TimeOnly.TryParseExact(text, ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time))
        {
            return true;
        }
        error = string.IsNullOrWhiteSpace(text) ? $"{field} is required, as HH:mm." : $"'{text}' is not a time of day: write it as HH:mm (24-hour).";
        return false;
    }

    public static bool TryDate(string? text, string field, out DateOnly date, out string error)
    {
        error = "";
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return true;
        }
        error = string.IsNullOrWhiteSpace(text) ? $"{field} is required, as yyyy-MM-dd." : $"'{text}' is not a date: write it as yyyy-MM-dd.";
        return false;
    }

    public static bool TryEnum<T>(string? text, string field, out T value, out string error) where T : struct, Enum
    {
        error = "";
        if (!string.IsNullOrWhiteSpace(text) && !int.TryParse(text, out _) && Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value))
        {
            return true;
        }
        value = default;
        error = string.IsNullOrWhiteSpace(text)
            ? $"{field} is required: one of {string.Join(", ", Enum.GetNames<T>())}."
            : $"'{text}' is not a {field}: one of {string.Join(", ", Enum.GetNames<T>())}.";
        return false;
    }
}
