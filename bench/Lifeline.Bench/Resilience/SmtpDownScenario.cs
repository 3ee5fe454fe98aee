namespace Lifeline.Bench.Resilience;

/// <summary>
/// c. SMTP down for a minute: retries, then the phone fallback reaches the stakeholders. It needs the
/// notification dispatcher, which has not landed: nothing sends e-mail yet, so there is nothing to
/// take down. Reported as skipped (never as passed) until the dispatcher exists.
/// </summary>
public static class SmtpDownScenario
{
    public static ScenarioResult Run() =>
        new("smtp-down", Verdict.Skipped, "skipped: needs notification delivery (no dispatcher sends outbox notifications yet)");
}
