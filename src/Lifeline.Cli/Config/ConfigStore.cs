using System.Text.Json;

namespace Lifeline.Cli.Config;

/// <summary>
/// The config file: <c>$LIFELINE_CONFIG</c>, else <c>$XDG_CONFIG_HOME/lifeline/config.json</c>, else
/// <c>~/.config/lifeline/config.json</c>. It holds an API token, so it is written readable by its owner only (600).
/// </summary>
public sealed class ConfigStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerOnlyFile | UnixFileMode.UserExecute;

    public string Path { get; }

    /// <summary>The folder the config file lives in; other local state of the command (such as a manual log) belongs beside it.</summary>
    public string Directory => System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;

    private readonly Func<string, string?> _environment;

    public ConfigStore(CliHost host)
    {
        _environment = host.Environment;
        Path = host.ConfigPath ?? DefaultPath(host.Environment);
    }

    /// <summary>The file's settings with <c>LIFELINE_SERVER</c> and <c>LIFELINE_TOKEN</c> taking precedence, as commands use them.</summary>
    public CliConfig Effective()
    {
        var config = Load();
        return config with
        {
            Server = _environment("LIFELINE_SERVER") is { Length: > 0 } server ? server : config.Server,
            Token = _environment("LIFELINE_TOKEN") is { Length: > 0 } token ? token : config.Token,
        };
    }

    public static string DefaultPath(Func<string, string?> environment)
    {
        if (environment("LIFELINE_CONFIG") is { Length: > 0 } explicitPath)
        {
            return explicitPath;
        }
        var configHome = environment("XDG_CONFIG_HOME") is { Length: > 0 } xdg
            ? xdg
            : System.IO.Path.Combine(environment("HOME") is { Length: > 0 } home ? home : System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".config");
        return System.IO.Path.Combine(configHome, "lifeline", "config.json");
    }

    public CliConfig Load()
    {
        if (!File.Exists(Path))
        {
            return CliConfig.Empty;
        }
        try
        {
            return JsonSerializer.Deserialize<CliConfig>(File.ReadAllText(Path), Json) ?? CliConfig.Empty;
        }
        catch (JsonException e)
        {
            throw new CliFailure($"the config file {Path} is not valid JSON ({e.Message}): fix it or delete it and run lifeline login", ExitCodes.Failure);
        }
    }

    public void Save(CliConfig config)
    {
        var directory = Directory;
        if (!System.IO.Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows())
            {
                System.IO.Directory.CreateDirectory(directory);
            }
            else
            {
                System.IO.Directory.CreateDirectory(directory, OwnerOnlyDirectory);
            }
        }
        // Written to a new file created 600 and moved over the old one, so the token is never readable by
        // others, not even for a moment, and a crash halfway leaves the previous config intact.
        var temporary = System.IO.Path.Combine(directory, $".config.{System.Environment.ProcessId}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }
        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, config, Json);
        }
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, OwnerOnlyFile);
        }
        File.Move(temporary, Path, overwrite: true);
    }
}
