namespace Lifeline.Schedules;

public static class SchedulesSetup
{
    public static IServiceCollection AddSchedules(this IServiceCollection services) =>
        services.AddScoped<OnCallResolver>().AddScoped<ScheduleCatalogue>().AddScoped<CalendarFeeds>().AddScoped<ScheduleSwaps>();
}
