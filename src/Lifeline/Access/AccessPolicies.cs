namespace Lifeline.Access;

public static class AccessPolicies
{
    /// <summary>Changing the directory, accounts and settings.</summary>
    public const string Administer = "Administer";
}
