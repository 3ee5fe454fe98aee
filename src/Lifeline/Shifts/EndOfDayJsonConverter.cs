using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lifeline.Shifts;

/// <summary>
/// Reads and writes the end of <see cref="BusinessHours"/>: "24:00" (or "24:00:00") is the end of the day and is written
/// back as "24:00:00"; other times are read and written as System.Text.Json does by default ("17:00", "17:00:00"), and
/// the old "23:59:59.9999999" reads as the end of the day too. Used for the API and for the stored calendar alike.
/// </summary>
internal sealed class EndOfDayJsonConverter : JsonConverter<TimeOnly>
{
    private static readonly string[] Formats = ["HH:mm", "HH:mm:ss", "HH:mm:ss.FFFFFFF"];

    public override TimeOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        if (text is "24:00" or "24:00:00")
        {
            return BusinessHours.EndOfDay;
        }
        return TimeOnly.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            // Without a message of its own, System.Text.Json says which value it could not read ("Path: $.hours[0].end").
            : throw new JsonException();
    }

    public override void Write(Utf8JsonWriter writer, TimeOnly value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value == BusinessHours.EndOfDay ? "24:00:00" : value.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
}
