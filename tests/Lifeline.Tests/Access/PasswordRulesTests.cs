using System.Net;
using Lifeline.Access;
using Lifeline.Access.Passwords;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Access;

/// <summary>Low finding: weak passwords (<c>Password1234</c>) were accepted because they are 12 characters long.</summary>
public sealed class PasswordRulesTests(SharedServers servers)
{
    [Theory]
    [InlineData("Password1234")]
    [InlineData("password1234")]
    [InlineData("P@ssw0rd2024!")]
    [InlineData("qwertyuiop123")]
    [InlineData("!!Sunshine2026")]
    [InlineData("iloveyou12345")]
    [InlineData("Football#2025")]
    public void Common_PasswordsAndTheirVariants_Refused(string password) => Assert.True(WeakPasswordValidator.IsCommon(password), password);

    [Theory]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("abcdefghijkl")]
    [InlineData("123456789012")]
    [InlineData("abababababab")]
    [InlineData("zyxwvutsrqpo")]
    public void Repetitive_Refused(string password) => Assert.True(WeakPasswordValidator.IsRepetitive(password), password);

    [Theory]
    [InlineData("Right-password-123")]
    [InlineData("correct horse battery staple")]
    [InlineData("Tq7!mV2#pLx9")]
    public void Ordinary_Accepted(string password)
    {
        Assert.False(WeakPasswordValidator.IsCommon(password), password);
        Assert.False(WeakPasswordValidator.IsRepetitive(password), password);
    }

    [Theory, DatabaseData]
    public async Task CreateAccount_WeakPassword_400AndNoAccount(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var userName = $"weak-{Guid.NewGuid():N}"[..16];
        foreach (var password in new[] { "Password1234", "P@ssw0rd2024!", $"{userName}-2026!", "111111111111" })
        {
            var problem = await admin.PostJson("/api/v1/accounts", new { userName, password, roles = new[] { LifelineRoles.Viewer } })
                .ExpectProblemAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _), problem.ToString());
        }
        Assert.Null(await server.AccountAsync(userName));
        await admin.PostJson("/api/v1/accounts", new { userName, password = "Tq7!mV2#pLx9-river", roles = new[] { LifelineRoles.Viewer } })
            .ExpectAsync(HttpStatusCode.Created);
    }

    [Theory, DatabaseData]
    public async Task ChangePassword_ToACommonOne_Refused(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var viewer = await server.ClientAsAsync(LifelineRoles.Viewer);
        var problem = await viewer.PostJson("/api/v1/me/password", new { currentPassword = "Test-password-123", newPassword = "Password1234" })
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("common", problem.GetProperty("errors").GetProperty("newPassword")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory, DatabaseData]
    public async Task ChangePassword_WrongCurrentOrEmptyNew_EachBesideItsFieldAndTheOldPasswordStillWorks(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var viewer = await server.ClientAsAsync(LifelineRoles.Viewer);
        var wrong = await viewer.PostJson("/api/v1/me/password", new { currentPassword = "Not-my-password-1", newPassword = "A-fine-new-password-77" })
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("That is not your current password.", wrong.GetProperty("errors").GetProperty("currentPassword")[0].GetString());
        var empty = await viewer.PostJson("/api/v1/me/password", new { currentPassword = "Test-password-123", newPassword = "" })
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(empty.GetProperty("errors").TryGetProperty("newPassword", out _));
        // Nothing changed: the token (revoked by a real change) still works.
        await viewer.GetAsync("/api/v1/me").ExpectAsync(HttpStatusCode.OK);
    }
}
