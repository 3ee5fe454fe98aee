using System.CommandLine;

namespace Lifeline.Cli;

/// <summary>Entry point of the <c>lifeline</c> command.</summary>
public static class LifelineCli
{
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("lifeline: the Lifeline command line");
        return await root.Parse(args).InvokeAsync();
    }
}
