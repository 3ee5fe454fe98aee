namespace Lifeline.Shifts;

public enum ShiftKind
{
    /// <summary>Business hours: directors hear by e-mail.</summary>
    Day,
    /// <summary>Nights, weekends and holidays: the Director of Operations is called.</summary>
    Off,
}
