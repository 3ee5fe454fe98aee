using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Access;

/// <summary>
/// The data-protection key ring (it signs sign-in cookies and acknowledgement links) lives in the database so that every
/// instance reads it; its keys are encrypted there with a certificate kept outside the database. A copy of the database
/// alone then forges nothing. The certificate is <c>Lifeline:DataProtection:CertificatePath</c> (with
/// <c>CertificatePassword</c>), by default <c>keyring.pfx</c> in the data directory, made on first start with mode 0600.
/// Several instances must be given the same certificate file.
/// </summary>
public static class KeyRingProtection
{
    public const string Section = "Lifeline:DataProtection";

    /// <summary>Where the certificate is, from the settings (read before the options system is built).</summary>
    public static string CertificatePath(IConfiguration configuration) =>
        configuration[$"{Section}:CertificatePath"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(Path.GetFullPath(configuration["Lifeline:DataDirectory"] is { Length: > 0 } data ? data : "data"), "keyring.pfx");

    public static X509Certificate2 LoadOrCreate(string path, string? password)
    {
        if (!File.Exists(path))
        {
            PrivateFiles.EnsureDirectory(Path.GetDirectoryName(path)!);
            using var rsa = RSA.Create(3072);
            var request = new CertificateRequest("CN=Lifeline key ring protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var now = DateTimeOffset.UtcNow;
            using var made = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(100));
            try
            {
                using var file = PrivateFiles.Create(path);
                file.Write(made.Export(X509ContentType.Pfx, password));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process on this machine made it at the same moment: use theirs.
            }
        }
        return X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
    }

    /// <summary>
    /// Keys stored in clear by an earlier release are removed before the key ring is first read: whoever copied the
    /// database then holds keys this server no longer accepts. Everyone signs in again once, and acknowledgement links
    /// sent before the upgrade stop working (SMS and voice acknowledgement are unaffected).
    /// </summary>
    public static async Task<int> RemoveKeysStoredInClearAsync(LifelineDbContext db, CancellationToken ct)
    {
        var keys = await db.DataProtectionKeys.ToListAsync(ct);
        var clear = keys.Where(k => k.Xml is { } xml && xml.StartsWith("<key", StringComparison.Ordinal) && !xml.Contains("encryptedSecret", StringComparison.Ordinal)).ToList();
        if (clear.Count > 0)
        {
            db.DataProtectionKeys.RemoveRange(clear);
            await db.SaveChangesAsync(ct);
        }
        return clear.Count;
    }
}
