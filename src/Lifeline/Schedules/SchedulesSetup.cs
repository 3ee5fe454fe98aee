using Lifeline.Engine;

namespace Lifeline.Schedules;

public static class SchedulesSetup
{
    public static IServiceCollection AddSchedules(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ShiftNoticeOptions>().Bind(configuration.GetSection(ShiftNoticeOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddEngineJob<ShiftNotices>(ScheduleJobKinds.Watch);
        services.AddEngineJob<ShiftNotices>(ScheduleJobKinds.Notice);
        return services.AddScoped<OnCallResolver>().AddScoped<ScheduleCatalogue>().AddScoped<CalendarFeeds>().AddScoped<ScheduleSwaps>();
    }
}
