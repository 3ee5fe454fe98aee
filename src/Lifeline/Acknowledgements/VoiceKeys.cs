namespace Lifeline.Acknowledgements;

/// <summary>The keys a call offers: the call's words (<c>TwilioVoiceSender</c>) and the answer's meaning (<see cref="Acknowledger"/>) use the same.</summary>
public static class VoiceKeys
{
    /// <summary>Offered by pages only.</summary>
    public const string Acknowledge = "4";

    /// <summary>Offered by notices that ask their recipient to do something (the Director of Operations' off-shift call).</summary>
    public const string ConfirmTask = "1";
}
