using Lifeline.Access;
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
    public static async Task<string> AccountAsync(LifelineServer server, string? personName, params string[] roles)
    {
        using var scope = server.Services.CreateScope();
        Guid? personId = personName is null ? null
            : await scope.ServiceProvider.GetRequiredService<LifelineDbContext>().People.Where(p => p.Name == personName).Select(p => p.Id).SingleAsync();
        var userName = $"{(personName ?? "viewer").Split(' ')[0].ToLowerInvariant()}-{Guid.NewGuid():N}"[..20];
        var outcome = await scope.ServiceProvider.GetRequiredService<AccountService>().CreateAsync(userName, Password, roles, personId, CancellationToken.None);
        Assert.True(outcome.Succeeded, string.Join(" ", outcome.Errors?.SelectMany(e => e.Value) ?? []));
        return userName;
    }
}
