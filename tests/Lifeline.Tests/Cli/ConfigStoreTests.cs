using Lifeline.Cli;
using Lifeline.Cli.Config;

namespace Lifeline.Tests.Cli;

public sealed class ConfigStoreTests
{
    [Fact]
    public void DefaultPath_LifelineConfigSet_WinsOverXdg()
    {
        var path = ConfigStore.DefaultPath(name => name switch
        {
            "LIFELINE_CONFIG" => "/tmp/elsewhere/lifeline.json",
            "XDG_CONFIG_HOME" => "/tmp/xdg",
            _ => null,
        });

        Assert.Equal("/tmp/elsewhere/lifeline.json", path);
    }

    [Fact]
    public void DefaultPath_XdgConfigHomeSet_UsesIt()
    {
        var path = ConfigStore.DefaultPath(name => name switch { "XDG_CONFIG_HOME" => "/tmp/xdg", "HOME" => "/home/ana", _ => null });

        Assert.Equal(Path.Combine("/tmp/xdg", "lifeline", "config.json"), path);
    }

    [Fact]
    public void DefaultPath_OnlyHome_UsesDotConfig()
    {
        var path = ConfigStore.DefaultPath(name => name == "HOME" ? "/home/ana" : null);

        Assert.Equal(Path.Combine("/home/ana", ".config", "lifeline", "config.json"), path);
    }

    [Fact]
    public void Save_ExistingWorldReadableFile_LeavesItOwnerOnly()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"lifeline-config-{Guid.NewGuid():N}");
        var path = Path.Combine(directory, "config.json");
        try
        {
            System.IO.Directory.CreateDirectory(directory);
            File.WriteAllText(path, "{}");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }
            var store = new ConfigStore(new CliHost { ConfigPath = path, Environment = _ => null });

            store.Save(new CliConfig("http://lifeline.test", "llt_secret", "ana", null));

            Assert.Equal(new CliConfig("http://lifeline.test", "llt_secret", "ana", null), store.Load());
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }
        }
        finally
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Effective_EnvironmentSet_OverridesFile()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"lifeline-config-{Guid.NewGuid():N}");
        try
        {
            var path = Path.Combine(directory, "config.json");
            new ConfigStore(new CliHost { ConfigPath = path, Environment = _ => null }).Save(new CliConfig("http://file", "llt_file", "ana", null));
            var store = new ConfigStore(new CliHost
            {
                ConfigPath = path,
                Environment = name => name switch { "LIFELINE_SERVER" => "http://env", "LIFELINE_TOKEN" => "llt_env", _ => null },
            });

            var effective = store.Effective();

            Assert.Equal(("http://env", "llt_env", "ana"), (effective.Server, effective.Token, effective.UserName));
        }
        finally
        {
            if (System.IO.Directory.Exists(directory))
            {
                System.IO.Directory.Delete(directory, recursive: true);
            }
        }
    }
}
