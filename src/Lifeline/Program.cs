using Lifeline.Server;

var builder = WebApplication.CreateBuilder(args);
builder.AddLifeline();

var app = builder.Build();
app.MapLifeline();

if (OperatorCommands.Handles(args))
{
    return await OperatorCommands.RunAsync(app, args);
}
await app.RunAsync();
return 0;

public partial class Program;
