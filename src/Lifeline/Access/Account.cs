using Microsoft.AspNetCore.Identity;

namespace Lifeline.Access;

/// <summary>A sign-in account (ASP.NET Core Identity user), optionally linked to a person of the directory.</summary>
public sealed class Account : IdentityUser<Guid>
{
    public Guid? PersonId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
