using System.CommandLine;
using System.Text;
using Lifeline.Cli.Api;
using Lifeline.Cli.Config;
using Lifeline.Cli.Output;

namespace Lifeline.Cli.Commands;

/// <summary><c>login</c>, <c>logout</c> and <c>whoami</c>.</summary>
public static class AuthCommands
{
    public static IEnumerable<Command> Create(CommandContext context) => [Login(context), Logout(context), WhoAmI(context)];

    private static Command Login(CommandContext context)
    {
        var server = new Option<string>("--server") { Description = "The Lifeline server, e.g. https://lifeline.example.org (default: the one signed in to before)" };
        var user = new Option<string>("--user") { Description = "Your user name; you are asked for the password" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input instead of asking" };
        var token = new Option<string>("--token") { Description = "Use an existing API token instead of a user name and password" };
        var code = new Option<string>("--code") { Description = "For an account with MFA: the authenticator app's code or a recovery code (asked for when needed and not given)" };
        var command = new Command("login", "Sign in and remember the server and an API token in the config file") { server, user, passwordStdin, token, code };
        context.SetAction(command, async (parse, ct) =>
        {
            var saved = context.Store.Load();
            var address = ServerAddress.Normalise(parse.GetValue(server) ?? context.Store.Effective().Server
                ?? throw new CliFailure("give the server: lifeline login --server URL", ExitCodes.Failure));
            var givenToken = parse.GetValue(token);
            string secret;
            Guid? tokenId = null;
            AccountView account;
            if (givenToken is not null)
            {
                if (parse.GetValue(user) is not null || parse.GetValue(passwordStdin))
                {
                    throw new CliFailure("give either --token or --user with a password, not both", ExitCodes.Failure);
                }
                secret = givenToken.Trim();
                using var client = new LifelineApiClient(context.Host, address, secret);
                try
                {
                    account = ApiJson.Read<AccountView>(await client.GetAsync("me", ct));
                }
                catch (ApiProblemException e) when (e.Status == 401)
                {
                    throw new CliFailure($"{address} does not accept this token (wrong, expired or revoked); nothing was saved", ExitCodes.Failure);
                }
            }
            else
            {
                var userName = parse.GetValue(user) ?? (saved.Server == address ? saved.UserName : null)
                    ?? throw new CliFailure("give --user NAME (or --token TOKEN)", ExitCodes.Failure);
                var password = parse.GetValue(passwordStdin) ? await context.Host.In.ReadLineAsync(ct) : await PromptAsync(context.Host, $"Password for {userName} at {address}: ", ct);
                if (string.IsNullOrEmpty(password))
                {
                    throw new CliFailure("no password given; nothing was saved", ExitCodes.Failure);
                }
                using var anonymous = new LifelineApiClient(context.Host, address, token: null);
                var tokenName = $"lifeline CLI on {System.Environment.MachineName}";
                IssuedToken issued;
                try
                {
                    issued = ApiJson.Read<IssuedToken>(await anonymous.PostAsync("auth/token", new TokenLoginRequest(userName.Trim(), password, tokenName, parse.GetValue(code)), ct));
                }
                catch (ApiProblemException e) when (e.Status == 401 && parse.GetValue(code) is null && e.Message.Contains("second factor", StringComparison.OrdinalIgnoreCase))
                {
                    // The password was right and the account uses MFA: ask for the code and try once more.
                    var typed = await PromptAsync(context.Host, "Code from your authenticator app (or a recovery code): ", ct);
                    issued = ApiJson.Read<IssuedToken>(await anonymous.PostAsync("auth/token", new TokenLoginRequest(userName.Trim(), password, tokenName, typed), ct));
                }
                secret = issued.Token;
                tokenId = issued.Id;
                using var client = new LifelineApiClient(context.Host, address, secret);
                account = ApiJson.Read<AccountView>(await client.GetAsync("me", ct));
            }
            context.Store.Save(new CliConfig(address, secret, account.UserName, tokenId));
            // A copy made for another account (another role, other masking) is not this one's to read.
            Offline.ContactSheet.Delete(context.Store.Directory);
            await context.Out.WriteLineAsync($"Signed in to {address} as {account.UserName} ({string.Join(", ", account.Roles)}); token saved in {context.Store.Path}");
        });
        return command;
    }

    private static Command Logout(CommandContext context)
    {
        var command = new Command("logout", "Forget the saved token (and revoke it on the server when it was made by lifeline login)");
        context.SetAction(command, async (parse, ct) =>
        {
            var saved = context.Store.Load();
            if (saved.Token is null)
            {
                await context.Out.WriteLineAsync("Not signed in.");
                return;
            }
            if (saved.TokenId is { } id && saved.Server is not null)
            {
                try
                {
                    using var client = new LifelineApiClient(context.Host, saved.Server, saved.Token);
                    await client.DeleteAsync($"me/tokens/{id}", ct);
                }
                catch (ApiProblemException e) when (e.Status is 401 or 404)
                {
                    // Already revoked or gone: forgetting it is all that is left to do.
                }
                catch (ServerUnreachableException e)
                {
                    await context.Host.Error.WriteLineAsync($"{e.Message}; the token was forgotten here but stays valid on the server until it is revoked there");
                }
            }
            context.Store.Save(saved with { Token = null, TokenId = null, SheetKey = null });
            // The offline contact sheet holds personal data this account was entitled to: it goes with the sign-in.
            Offline.ContactSheet.Delete(context.Store.Directory);
            await context.Out.WriteLineAsync($"Signed out of {saved.Server}.");
            if (context.Host.Environment("LIFELINE_TOKEN") is { Length: > 0 })
            {
                await context.Host.Error.WriteLineAsync("LIFELINE_TOKEN is still set in the environment: commands keep using it");
            }
        });
        return command;
    }

    private static Command WhoAmI(CommandContext context)
    {
        var command = new Command("whoami", "Show the signed-in account and its roles");
        context.SetAction(command, async (parse, ct) =>
        {
            using var client = context.Connect();
            var json = await client.GetAsync("me", ct);
            if (parse.GetValue(context.Json))
            {
                JsonOutput.Write(context.Out, json);
                return;
            }
            var account = ApiJson.Read<AccountView>(json);
            var table = new Table("", "")
                .Add("user", account.UserName)
                .Add("roles", string.Join(", ", account.Roles))
                .Add("server", client.Server);
            table.Write(context.Out, header: false);
        });
        return command;
    }

    /// <summary>Asks on stderr (stdout may be piped) and, at a terminal, reads without echoing what is typed.</summary>
    private static async Task<string?> PromptAsync(CliHost host, string prompt, CancellationToken ct)
    {
        await host.Error.WriteAsync(prompt);
        if (!host.IsInteractive)
        {
            return await host.In.ReadLineAsync(ct);
        }
        var password = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }
            if (key.Key == ConsoleKey.Backspace)
            {
                if (password.Length > 0)
                {
                    password.Length--;
                }
                continue;
            }
            if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }
        await host.Error.WriteLineAsync();
        return password.ToString();
    }
}
