using System.Text.Json;

namespace Lifeline.Cli.Api;

internal static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static T Read<T>(JsonElement element) =>
        element.Deserialize<T>(Options) ?? throw new CliFailure("the server sent an empty answer", ExitCodes.Failure);
}
