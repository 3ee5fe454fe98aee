namespace Lifeline.Shifts;

public static class ShiftsSetup
{
    public static IServiceCollection AddShifts(this IServiceCollection services) => services.AddScoped<ShiftCalendars>();
}
