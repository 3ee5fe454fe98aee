namespace Lifeline.Acknowledgements;

/// <summary>How an acknowledgement came in, as the timeline and the escalation view say it.</summary>
public static class AcknowledgementChannels
{
    public const string SmsReply = "SMS reply";
    public const string VoiceKeypress = "voice keypress";
    public const string EmailLink = "e-mail link";
    public const string Api = "API";
}
