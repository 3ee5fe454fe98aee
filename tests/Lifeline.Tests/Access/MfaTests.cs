using System.Net;
using Lifeline.Access;
using Lifeline.Access.Mfa;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Tests.Access;

/// <summary>Finding 12: TOTP with recovery codes for local accounts, mandatory for the roles that see the contact list.</summary>
public sealed class MfaTests
{
    private const string Password = "Right-password-123";
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static async Task<(LifelineServer Server, FakeTimeProvider Time)> StartAsync(DatabaseProvider provider, Dictionary<string, string?>? settings = null)
    {
        var time = new FakeTimeProvider(Start);
        return (await LifelineServer.StartAsync(provider, time, settings, seedDemoData: false), time);
    }

    private static async Task<(string UserName, Guid Id)> CreateAccountAsync(LifelineServer server, params string[] roles)
    {
        var userName = $"mfa-{Guid.NewGuid():N}"[..20];
        var created = await server.AdminClient().PostJson("/api/v1/accounts", new { userName, password = Password, roles }).ExpectAsync(HttpStatusCode.Created);
        return (userName, created.Id());
    }

    private static HttpClient Browser(LifelineServer server) => server.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });

    /// <summary>Signs the browser in (with the password alone), enrols an authenticator and returns its secret and the recovery codes.</summary>
    private static async Task<(byte[] Secret, string[] RecoveryCodes)> EnrolAsync(HttpClient browser, string userName, FakeTimeProvider time)
    {
        await browser.PostJson("/api/v1/auth/login", new { userName, password = Password }).ExpectAsync(HttpStatusCode.OK);
        var started = await browser.PostAsync("/api/v1/me/mfa/enrolment", null).ExpectAsync(HttpStatusCode.OK);
        var secret = OtpNet.Base32Encoding.ToBytes(started.GetProperty("secret").GetString()!);
        var uri = started.GetProperty("otpAuthUri").GetString()!;
        Assert.StartsWith($"otpauth://totp/Lifeline:{userName}?secret=", uri, StringComparison.Ordinal);
        Assert.Contains("issuer=Lifeline", uri, StringComparison.Ordinal);

        await browser.PostJson("/api/v1/me/mfa/confirm", new { code = "000000" }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        var confirmed = await browser.PostJson("/api/v1/me/mfa/confirm", new { code = TotpCodes.Compute(secret, time.GetUtcNow()) }).ExpectAsync(HttpStatusCode.OK);
        var codes = confirmed.GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToArray();
        Assert.Equal(10, codes.Length);
        Assert.Equal(10, codes.Distinct().Count());
        return (secret, codes);
    }

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string userName, string password, string? code = null) =>
        client.PostJson("/api/v1/auth/login", new { userName, password, code });

    [Theory, DatabaseData]
    public async Task SignIn_AccountWithMfa_NeedsACodeOnlyAfterTheRightPassword(DatabaseProvider provider)
    {
        var (server, time) = await StartAsync(provider);
        await using var _ = server;
        var (userName, id) = await CreateAccountAsync(server, LifelineRoles.Responder);
        var (secret, _) = await EnrolAsync(Browser(server), userName, time);
        time.Advance(TimeSpan.FromSeconds(30));
        var client = server.CreateClient();

        // A wrong password says nothing about a second factor.
        var wrong = await LoginAsync(client, userName, "Wrong-password-123").ExpectProblemAsync(HttpStatusCode.Unauthorized);
        Assert.False(wrong.TryGetProperty("mfaRequired", out var _));
        // The right password alone is not enough, and says a code is needed.
        var needed = await LoginAsync(client, userName, Password).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        Assert.True(needed.GetProperty("mfaRequired").GetBoolean());
        await server.CreateClient().PostJson("/api/v1/auth/token", new { userName, password = Password }).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        // A wrong code neither.
        var wrongCode = await LoginAsync(client, userName, Password, "123456").ExpectProblemAsync(HttpStatusCode.Unauthorized);
        Assert.True(wrongCode.GetProperty("mfaRequired").GetBoolean());

        var code = TotpCodes.Compute(secret, time.GetUtcNow());
        var me = await LoginAsync(client, userName, Password, code).ExpectAsync(HttpStatusCode.OK);
        Assert.True(me.GetProperty("mfaEnabled").GetBoolean());
        // The same code again, within its window: a replay.
        await LoginAsync(server.CreateClient(), userName, Password, code).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        time.Advance(TimeSpan.FromSeconds(30));
        await server.CreateClient().PostJson("/api/v1/auth/token", new { userName, password = Password, code = TotpCodes.Compute(secret, time.GetUtcNow()) })
            .ExpectAsync(HttpStatusCode.Created);

        // The secret is not in the database in clear.
        await using var db = server.Database.CreateContext();
        var stored = await db.MfaEnrolments.AsNoTracking().SingleAsync(m => m.AccountId == id, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(OtpNet.Base32Encoding.ToString(secret), stored.ProtectedSecret, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(secret), stored.ProtectedSecret, StringComparison.Ordinal);
        var audit = await db.AuditLog.AsNoTracking().Where(e => e.EntityId == id).Select(e => e.Action).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Contains("MfaEnrolled", audit);
        Assert.Equal(3, audit.Count(a => a == "SignInFailed")); // the wrong password, the wrong code and the replay; a missing code is not a failure
    }

    [Theory, DatabaseData]
    public async Task RecoveryCode_SignsInOnce_StoredOnlyAsHash(DatabaseProvider provider)
    {
        var (server, time) = await StartAsync(provider);
        await using var _ = server;
        var (userName, id) = await CreateAccountAsync(server, LifelineRoles.Stakeholder);
        var (_, codes) = await EnrolAsync(Browser(server), userName, time);

        await LoginAsync(server.CreateClient(), userName, Password, codes[3].ToLowerInvariant()).ExpectAsync(HttpStatusCode.OK);
        var reused = await LoginAsync(server.CreateClient(), userName, Password, codes[3]).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        Assert.True(reused.GetProperty("mfaRequired").GetBoolean());

        var browser = Browser(server);
        await LoginAsync(browser, userName, Password, codes[4]).ExpectAsync(HttpStatusCode.OK);
        var status = await browser.GetAsync("/api/v1/me/mfa").ExpectAsync(HttpStatusCode.OK);
        Assert.True(status.GetProperty("enabled").GetBoolean());
        Assert.Equal(8, status.GetProperty("recoveryCodesLeft").GetInt32());

        await using var db = server.Database.CreateContext();
        var hashes = await db.RecoveryCodes.AsNoTracking().Where(c => c.AccountId == id).Select(c => c.Hash).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(10, hashes.Count);
        Assert.DoesNotContain(hashes, h => codes.Any(c => h.Contains(c.Replace("-", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(2, await db.AuditLog.CountAsync(e => e.EntityId == id && e.Action == "RecoveryCodeUsed", TestContext.Current.CancellationToken));
    }

    [Theory, DatabaseData]
    public async Task WrongCodes_CountAsFailedSignIns_Throttled(DatabaseProvider provider)
    {
        var (server, time) = await StartAsync(provider);
        await using var _ = server;
        var (userName, _) = await CreateAccountAsync(server, LifelineRoles.Viewer);
        var (secret, _) = await EnrolAsync(Browser(server), userName, time);
        time.Advance(TimeSpan.FromSeconds(30));
        var client = server.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await LoginAsync(client, userName, Password, $"{i}{i}{i}{i}{i}{i}").ExpectProblemAsync(HttpStatusCode.Unauthorized);
        }
        // Even the right code now waits.
        await LoginAsync(client, userName, Password, TotpCodes.Compute(secret, time.GetUtcNow())).ExpectProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Theory, DatabaseData]
    public async Task MandatoryMfa_AdminWithoutIt_ReachesOnlyEnrolmentUntilEnrolled(DatabaseProvider provider)
    {
        var (server, time) = await StartAsync(provider);
        await using var _ = server;
        var (admin, _) = await CreateAccountAsync(server, LifelineRoles.Admin);
        var (technician, _) = await CreateAccountAsync(server, LifelineRoles.Level1Technician);
        var browser = Browser(server);
        await LoginAsync(browser, admin, Password).ExpectAsync(HttpStatusCode.OK);

        var refused = await browser.GetAsync("/api/v1/accounts").ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.True(refused.GetProperty("mfaEnrolmentRequired").GetBoolean());
        Assert.Contains("Enrol", refused.GetProperty("title").GetString(), StringComparison.Ordinal);
        await browser.GetAsync("/api/v1/people").ExpectProblemAsync(HttpStatusCode.Forbidden);
        await browser.PostJson("/api/v1/me/tokens", new { name = "sneaky" }).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await browser.GetAsync("/api/v1/me").ExpectAsync(HttpStatusCode.OK);
        Assert.True((await browser.GetAsync("/api/v1/me/mfa").ExpectAsync(HttpStatusCode.OK)).GetProperty("required").GetBoolean());
        // No token for a password without the factor its roles require.
        await server.CreateClient().PostJson("/api/v1/auth/token", new { userName = technician, password = Password }).ExpectProblemAsync(HttpStatusCode.Forbidden);
        // API tokens are not affected: the bootstrap admin token (break-glass) and tokens of accounts in those roles.
        await server.AdminClient().GetAsync("/api/v1/accounts").ExpectAsync(HttpStatusCode.OK);
        await (await server.ClientAsAsync(LifelineRoles.Level1Technician)).GetAsync("/api/v1/people").ExpectAsync(HttpStatusCode.OK);

        var started = await browser.PostAsync("/api/v1/me/mfa/enrolment", null).ExpectAsync(HttpStatusCode.OK);
        var secret = OtpNet.Base32Encoding.ToBytes(started.GetProperty("secret").GetString()!);
        await browser.PostJson("/api/v1/me/mfa/confirm", new { code = TotpCodes.Compute(secret, time.GetUtcNow()) }).ExpectAsync(HttpStatusCode.OK);
        // The cookie's principal is made again from the database at the next request (the security stamp check runs once any time has passed).
        time.Advance(TimeSpan.FromSeconds(1));
        await browser.GetAsync("/api/v1/accounts").ExpectAsync(HttpStatusCode.OK);
    }

    [Theory, DatabaseData]
    public async Task MandatoryMfa_SettingWithoutRoles_NotRequired(DatabaseProvider provider)
    {
        var (server, _) = await StartAsync(provider, new() { ["Lifeline:SignIn:MfaRequiredForRoles:0"] = "" });
        await using var __ = server;
        var (admin, _) = await CreateAccountAsync(server, LifelineRoles.Admin);
        var browser = Browser(server);
        await LoginAsync(browser, admin, Password).ExpectAsync(HttpStatusCode.OK);
        await browser.GetAsync("/api/v1/accounts").ExpectAsync(HttpStatusCode.OK);
    }

    [Theory, DatabaseData]
    public async Task Disable_NeedsACode_AdminReset_Audited(DatabaseProvider provider)
    {
        var (server, time) = await StartAsync(provider);
        await using var _ = server;
        var (userName, id) = await CreateAccountAsync(server, LifelineRoles.IncidentManager);
        var browser = Browser(server);
        var (_, codes) = await EnrolAsync(browser, userName, time);

        await browser.PostJson("/api/v1/me/mfa/disable", new { code = "999999" }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        await browser.PostJson("/api/v1/me/mfa/disable", new { code = (string?)null }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        await browser.PostJson("/api/v1/me/mfa/disable", new { code = codes[0] }).ExpectAsync(HttpStatusCode.NoContent);
        // Turning it off ended the session that did it too (a new security stamp); the password alone signs in again.
        await LoginAsync(server.CreateClient(), userName, Password).ExpectAsync(HttpStatusCode.OK);

        await EnrolAsync(browser, userName, time);
        time.Advance(TimeSpan.FromSeconds(30));
        await LoginAsync(server.CreateClient(), userName, Password).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        // Only an administrator resets someone else's MFA.
        await (await server.ClientAsAsync(LifelineRoles.IncidentManager)).PostAsync($"/api/v1/accounts/{id}/mfa/reset", null).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await server.AdminClient().PostAsync($"/api/v1/accounts/{Guid.NewGuid()}/mfa/reset", null).ExpectProblemAsync(HttpStatusCode.NotFound);
        await server.AdminClient().PostAsync($"/api/v1/accounts/{id}/mfa/reset", null).ExpectAsync(HttpStatusCode.NoContent);
        await LoginAsync(server.CreateClient(), userName, Password).ExpectAsync(HttpStatusCode.OK);

        await using var db = server.Database.CreateContext();
        var actions = await db.AuditLog.AsNoTracking().Where(e => e.EntityId == id && (e.Action.StartsWith("Mfa") || e.Action == "RecoveryCodeUsed")).OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new { e.Action, e.Actor }).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["MfaEnrolled", "RecoveryCodeUsed", "MfaDisabled", "MfaEnrolled", "MfaReset"], actions.Select(a => a.Action));
        Assert.Equal("admin", actions[^1].Actor);
        Assert.Empty(await db.RecoveryCodes.Where(c => c.AccountId == id).ToListAsync(TestContext.Current.CancellationToken));
    }

    [Theory, DatabaseData]
    public async Task PasswordSignIn_ForTheConsole_TellsWhetherACodeIsNeeded(DatabaseProvider provider)
    {
        var (server, time) = await StartAsync(provider);
        await using var _ = server;
        var (userName, _) = await CreateAccountAsync(server, LifelineRoles.Viewer);
        var (secret, _) = await EnrolAsync(Browser(server), userName, time);
        time.Advance(TimeSpan.FromSeconds(30));

        using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(server.Services);
        var signIn = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<PasswordSignIn>(scope.ServiceProvider);
        var (none, refusal) = await signIn.CheckAsync(userName, Password, null, "127.0.0.1", TestContext.Current.CancellationToken);
        Assert.Null(none);
        Assert.True(refusal!.MfaRequired);
        var (account, noRefusal) = await signIn.CheckAsync(userName, Password, TotpCodes.Compute(secret, time.GetUtcNow()), "127.0.0.1", TestContext.Current.CancellationToken);
        Assert.Null(noRefusal);
        Assert.Equal(userName, account!.UserName);
    }
}
