namespace Lifeline.Access.Mfa;

/// <param name="Enabled">Sign-in asks for a code.</param>
/// <param name="Required">The account's roles make MFA mandatory (<c>Lifeline:SignIn:MfaRequiredForRoles</c>).</param>
/// <param name="EnrolmentStarted">A secret was handed out and waits for its first code.</param>
public sealed record MfaStatus(bool Enabled, bool Required, bool EnrolmentStarted, DateTimeOffset? EnabledAt, int RecoveryCodesLeft);

/// <summary>Returned once, when enrolment starts: the secret for the authenticator app, as text and as an otpauth:// URI (for a QR code).</summary>
public sealed record MfaEnrolmentStart(string Secret, string OtpAuthUri);

public sealed record MfaCodeRequest(string? Code);

/// <summary>Returned once, when enrolment is confirmed: each recovery code signs in once when the authenticator is lost.</summary>
public sealed record MfaRecoveryCodes(IReadOnlyList<string> RecoveryCodes);
