using Lifeline.Access;
using Lifeline.Access.Mfa;
using OtpNet;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifeline.Console.Tests;

/// <summary>Accounts for the people of the demo organisation who use the console in a test.</summary>
public static class People
{
    public const string Password = "Console-password-123";

    /// <summary>Creates an account (a fresh user name) with these roles, linked to the named demo person if given; returns its user name.</summary>
    public static Task<string> AccountAsync(LifelineServer server, string? personName, params string[] roles) =>
        AccountAsync(server, personName, enrolMfa: true, roles);

    public static async Task<string> AccountAsync(LifelineServer server, string? personName, bool enrolMfa, params string[] roles)
    {
        using var scope = server.Services.CreateScope();
        Guid? personId = personName is null ? null
            : await scope.ServiceProvider.GetRequiredService<LifelineDbContext>().People.Where(p => p.Name == personName).Select(p => p.Id).SingleAsync();
        var userName = $"{(personName ?? "viewer").Split(' ')[0].ToLowerInvariant()}-{Guid.NewGuid():N}"[..20];
        var outcome = await scope.ServiceProvider.GetRequiredService<AccountService>().CreateAsync(userName, Password, roles, personId, CancellationToken.None);
        Assert.True(outcome.Succeeded, string.Join(" ", outcome.Errors?.SelectMany(e => e.Value) ?? []));
        var factor = scope.ServiceProvider.GetRequiredService<SecondFactor>();
        if (enrolMfa && factor.IsRequiredFor(roles))
        {
            // The roles that see the protected contact list must use MFA: enrolled as a person would, with a code of the
            // previous 30-second step, so that the sign-in's code (of the current step) is not a replay.
            var started = await factor.StartAsync(outcome.Value!, CancellationToken.None);
            var secret = Base32Encoding.ToBytes(started.Value!.Secret);
            var code = new Totp(secret).ComputeTotp(DateTime.UtcNow.AddSeconds(-30));
            var confirmed = await factor.ConfirmAsync(outcome.Value!, code, Actor.System("test"), CancellationToken.None);
            Assert.Null(confirmed.Refusal);
            Secrets[userName] = secret;
        }
        return userName;
    }

    /// <summary>The authenticator secrets of the accounts enrolled above, by user name.</summary>
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> Secrets = new();

    /// <summary>
    /// A code the account's authenticator app gives for a sign-in now. Lifeline refuses a code of a 30-second step it has
    /// already accepted (a replay) and accepts one step of drift each way, so a second sign-in within the same step (a
    /// test signing in on a desktop and then on a phone) uses the next step's code, as a person would wait for the next.
    /// Null when the account has no MFA.
    /// </summary>
    public static string? CodeFor(string userName)
    {
        if (!Secrets.TryGetValue(userName, out var secret))
        {
            return null;
        }
        var current = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
        // Enrolment used the previous step.
        var step = LastSteps.AddOrUpdate(userName, _ => current, (_, last) => Math.Max(current, last + 1));
        while (step > DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30 + 1)
        {
            Thread.Sleep(1_000);
        }
        return new Totp(secret).ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * 30).UtcDateTime);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> LastSteps = new();
}
