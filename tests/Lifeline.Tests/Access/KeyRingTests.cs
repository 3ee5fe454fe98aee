using System.Net;
using System.Security.Cryptography;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lifeline.Tests.Access;

/// <summary>A copy of the database is not enough to forge what the server signs; the server's files are its user's alone.</summary>
public sealed class KeyRingTests
{
    [Theory, DatabaseData]
    public async Task KeyRing_CopyOfTheDatabaseWithoutTheCertificate_CannotReadWhatTheServerProtected(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, seedDemoData: false);
        // A sign-in cookie is what the review forged; an acknowledgement link is protected by the same key ring.
        await server.CreateClient().PostJson("/api/v1/auth/login", new { userName = "admin", password = "Bootstrap-secret-123" }).ExpectAsync(HttpStatusCode.OK);
        var protectedByServer = server.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("admin session");

        await using (var db = server.Database.CreateContext())
        {
            var keys = await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync(TestContext.Current.CancellationToken);
            Assert.NotEmpty(keys);
            Assert.All(keys.Where(k => k.StartsWith("<key", StringComparison.Ordinal)), k =>
            {
                Assert.Contains("encryptedSecret", k, StringComparison.Ordinal);
                Assert.DoesNotContain("unencrypted form", k, StringComparison.Ordinal);
            });
        }

        // The attacker: the same database, the same application name, no certificate.
        var services = new ServiceCollection();
        services.AddScoped(_ => server.Database.CreateContext());
        services.AddDataProtection().SetApplicationName("Lifeline").PersistKeysToDbContext<LifelineDbContext>();
        await using var attacker = services.BuildServiceProvider();
        var forger = attacker.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");

        Assert.ThrowsAny<CryptographicException>(() => forger.Unprotect(protectedByServer));
    }

    [Fact, System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task DataDirectory_DatabaseAndCertificate_OnlyTheServersUser()
    {
        await using var server = await LifelineServer.StartAsync(DatabaseProvider.Sqlite, seedDemoData: false);
        var data = server.Services.GetRequiredService<IOptions<LifelineOptions>>().Value.FullDataDirectory;
        var database = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(server.Database.ConnectionString).DataSource;

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(data));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data, "keyring.pfx")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(database));
    }
}
