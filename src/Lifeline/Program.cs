using Lifeline.Server;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);
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
