using System.Reflection;
using Microsoft.AspNetCore.Identity;

namespace Lifeline.Access.Passwords;

/// <summary>
/// Refuses passwords that are long enough but easy to guess (the length rule is Identity's, 12): one of the 10,000
/// most common passwords shipped with Lifeline (<c>common-passwords.txt</c>), also with digits or symbols around it
/// and look-alike letters (<c>Password1234</c>, <c>P@ssw0rd2024!</c>); the account's own user name inside it; or
/// little more than one character repeated or a run (<c>aaaaaaaaaaaa</c>, <c>abcdefghijkl</c>, <c>123456789012</c>).
/// </summary>
public sealed class WeakPasswordValidator : IPasswordValidator<Account>
{
    private static readonly Lazy<HashSet<string>> Common = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<Account> manager, Account user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }
        var errors = new List<IdentityError>();
        if (IsCommon(password))
        {
            errors.Add(new() { Code = "PasswordTooCommon", Description = "This password is one of the most common passwords (or one with digits or symbols added): choose another." });
        }
        if (user.UserName is { Length: >= 3 } name && password.Contains(name.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new() { Code = "PasswordContainsUserName", Description = "The password must not contain the user name." });
        }
        if (IsRepetitive(password))
        {
            errors.Add(new() { Code = "PasswordTooSimple", Description = "The password is mostly one character repeated or a run of characters (abcd, 1234): choose another." });
        }
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    public static bool IsCommon(string password)
    {
        var lower = password.Trim().ToLowerInvariant();
        if (Common.Value.Contains(lower))
        {
            return true;
        }
        // The word at the heart of it: digits and symbols before and after taken off (Password1234, !!summer2024).
        var core = lower.Trim("0123456789!@#$%^&*()-_=+.,;:?~'\"/\\| ".ToCharArray());
        return core.Length >= 4 && (Common.Value.Contains(core) || Common.Value.Contains(Unleet(core)));
    }

    public static bool IsRepetitive(string password)
    {
        if (password.Distinct().Count() <= 3)
        {
            return true;
        }
        // Steps of -1, 0 or +1 between neighbours (aaaa, abcd, 4321) for nearly all of it.
        var steps = 0;
        for (var i = 1; i < password.Length; i++)
        {
            steps += Math.Abs(char.ToLowerInvariant(password[i]) - char.ToLowerInvariant(password[i - 1])) <= 1 ? 1 : 0;
        }
        return steps >= (password.Length - 1) * 3 / 4;
    }

    private static string Unleet(string word) => string.Create(word.Length, word, (span, w) =>
    {
        for (var i = 0; i < w.Length; i++)
        {
            span[i] = w[i] switch { '0' => 'o', '1' => 'i', '3' => 'e', '4' => 'a', '5' => 's', '7' => 't', '@' => 'a', '$' => 's', '!' => 'i', _ => w[i] };
        }
    });

    private static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Lifeline.Access.Passwords.common-passwords.txt")
            ?? throw new InvalidOperationException("The list of common passwords is missing from the build.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                words.Add(line.Trim());
            }
        }
        return words;
    }
}
