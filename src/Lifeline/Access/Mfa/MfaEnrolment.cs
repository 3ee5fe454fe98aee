using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Access.Mfa;

/// <summary>
/// An account's authenticator (TOTP) secret. The secret must be read back to check a code, so it cannot be hashed:
/// it is kept encrypted with the data-protection key ring, whose keys are encrypted with the certificate outside the
/// database — a copy of the database alone does not give the second factor. Unconfirmed until the person has shown
/// one code from the app; only a confirmed enrolment is asked for at sign-in.
/// </summary>
public sealed class MfaEnrolment
{
    public Guid AccountId { get; private set; }
    public string ProtectedSecret { get; private set; } = "";
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset? ConfirmedAt { get; private set; }
    /// <summary>The TOTP time step of the last code accepted: a code is good once, so one seen over a shoulder cannot be replayed.</summary>
    public long LastTimeStep { get; private set; }

    private MfaEnrolment() { }

    public static MfaEnrolment Start(Guid accountId, string protectedSecret, DateTimeOffset now) =>
        new() { AccountId = accountId, ProtectedSecret = protectedSecret, StartedAt = now };

    public void Confirm(DateTimeOffset now, long timeStep)
    {
        ConfirmedAt = now;
        LastTimeStep = timeStep;
    }
}

internal sealed class MfaEnrolmentConfiguration : IEntityTypeConfiguration<MfaEnrolment>
{
    public void Configure(EntityTypeBuilder<MfaEnrolment> builder)
    {
        builder.ToTable("AccountMfa");
        builder.HasKey(m => m.AccountId);
        builder.Property(m => m.ProtectedSecret).HasMaxLength(1000);
        builder.HasOne<Account>().WithOne().HasForeignKey<MfaEnrolment>(m => m.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
