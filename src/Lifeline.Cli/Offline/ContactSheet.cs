using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Lifeline.Cli.Offline;

/// <summary>What the sheet holds: the Severity 1 contact list and the emergency contact letter as the server gave them to this user.</summary>
public sealed record SheetCopy(DateTimeOffset SavedAt, string Server, string? UserName, JsonElement ContactList, JsonElement Letter);

/// <summary>
/// The offline contact sheet (<c>sheet.bin</c> beside the config): the last copy of the Severity 1 contact list and the
/// emergency contact letter this user could see, as the server masked them for the user's role, for when the server
/// cannot be reached. Encrypted at rest with AES-256-GCM under a key kept in the config file (both readable by their
/// owner only); signing out or in as someone else deletes it.
/// </summary>
public sealed class ContactSheet(string directory, byte[] key)
{
    private const string FileName = "sheet.bin";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] Magic = "LLS1"u8.ToArray();
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private string Path => System.IO.Path.Combine(directory, FileName);

    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(32);

    public static void Delete(string directory) => File.Delete(System.IO.Path.Combine(directory, FileName));

    public void Save(SheetCopy copy)
    {
        var plain = JsonSerializer.SerializeToUtf8Bytes(copy, Json);
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var cipher = new byte[plain.Length];
        var tag = new byte[TagSize];
        using (var aes = new AesGcm(key, TagSize))
        {
            aes.Encrypt(nonce, plain, cipher, tag, Magic);
        }
        CryptographicOperations.ZeroMemory(plain);
        var temporary = Path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(Magic);
            stream.Write(nonce);
            stream.Write(tag);
            stream.Write(cipher);
        }
        File.Move(temporary, Path, overwrite: true);
    }

    /// <summary>The saved copy; null when there is none or it cannot be read with this key (made for another sign-in).</summary>
    public SheetCopy? Load()
    {
        if (!File.Exists(Path))
        {
            return null;
        }
        var bytes = File.ReadAllBytes(Path);
        var header = Magic.Length + NonceSize + TagSize;
        if (bytes.Length < header || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            return null;
        }
        var plain = new byte[bytes.Length - header];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(bytes.AsSpan(Magic.Length, NonceSize), bytes.AsSpan(header), bytes.AsSpan(Magic.Length + NonceSize, TagSize), plain, Magic);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
        return JsonSerializer.Deserialize<SheetCopy>(Encoding.UTF8.GetString(plain), Json);
    }
}
