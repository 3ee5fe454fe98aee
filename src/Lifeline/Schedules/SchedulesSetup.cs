using Lifeline.Engine;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Lifeline.Schedules;

public static class SchedulesSetup
{
    public static IServiceCollection AddSchedules(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ShiftNoticeOptions>().Bind(configuration.GetSection(ShiftNoticeOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddEngineJob<ShiftNotices>(ScheduleJobKinds.Watch);
        services.AddEngineJob<ShiftNotices>(ScheduleJobKinds.Notice);
        services.AddSingleton<ScheduleChanges>();
        services.AddScoped<ScheduleChangeRecorder>();
        services.AddScoped<IInterceptor>(sp => sp.GetRequiredService<ScheduleChangeRecorder>());
        services.AddScoped<IInterceptor, Storage.CommittedChangeWatcher<ScheduleChangeRecorder>>();
        if (configuration.GetSection(Storage.DatabaseOptions.Section).GetValue<Storage.DatabaseProvider?>("Provider") == Storage.DatabaseProvider.Postgres)
        {
            services.AddHostedService<PostgresScheduleRelay>();
        }
        return services.AddScoped<OnCallResolver>().AddScoped<ScheduleCatalogue>().AddScoped<CalendarFeeds>().AddScoped<PersonShifts>().AddScoped<ScheduleSwaps>();
    }
}
