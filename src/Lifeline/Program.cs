using Lifeline.Server;
using Microsoft.Extensions.Options;

// The slim builder: the same configuration (appsettings, user secrets, environment, command line) and
// console logging, without IIS integration and HTTP/3, which Lifeline does not use and which cost start-up
// time and memory (bench: ready_s, idle_rss_mb). HTTPS endpoints in the Kestrel settings still work.
// The console's files are published beside the server (wwwroot): found there whatever the working directory, as when
// a service manager starts `dotnet /opt/lifeline/Lifeline.dll`. A build run with `dotnet run` serves them from the
// project instead (static web assets), and has no wwwroot beside it.
var webRoot = Path.Combine(AppContext.BaseDirectory, "wwwroot");
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, WebRootPath = Directory.Exists(webRoot) ? webRoot : null });
builder.WebHost.UseKestrelHttpsConfiguration();
if (builder.Environment.IsDevelopment())
{
    // The slim builder leaves this out: `dotnet run` serves the console's files (its own and MudBlazor's) from the
    // project and the package cache, as a published server serves them from its wwwroot.
    builder.WebHost.UseStaticWebAssets();
}
builder.AddLifeline();

var app = builder.Build();
app.MapLifeline();

if (OperatorCommands.Handles(args))
{
    return await OperatorCommands.RunAsync(app, args);
}
try
{
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException e)
{
    // A wrong setting is the operator's to fix: say which, plainly, instead of a stack trace.
    await Console.Error.WriteLineAsync($"Lifeline cannot start: {string.Join(" ", e.Failures)}");
    return 1;
}

public partial class Program;
