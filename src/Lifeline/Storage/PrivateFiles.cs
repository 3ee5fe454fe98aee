namespace Lifeline.Storage;

/// <summary>
/// Lifeline's files hold personal data and credentials (the database, the outbox's mails with their acknowledgement
/// links, the key that protects the key ring): readable by the server's own user only, whatever the umask.
/// Directories are 0700 and files 0600; on Windows, where these modes do not exist, the folder's ACL applies.
/// </summary>
public static class PrivateFiles
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void EnsureDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(path);
            return;
        }
        System.IO.Directory.CreateDirectory(path, OwnerOnlyDirectory);
        File.SetUnixFileMode(path, OwnerOnlyDirectory);
    }

    /// <summary>A new file, created 0600 from the start (not made and then narrowed).</summary>
    public static FileStream Create(string path) => OperatingSystem.IsWindows()
        ? new FileStream(path, System.IO.FileMode.CreateNew, FileAccess.Write)
        : new FileStream(path, new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnlyFile });

    /// <summary>Narrows an existing file to 0600 (SQLite gives its journal files the database file's mode).</summary>
    public static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path))
        {
            File.SetUnixFileMode(path, OwnerOnlyFile);
        }
    }
}
