namespace Lifeline.Chat;

public static class ChatSetup
{
    public static IServiceCollection AddChat(this IServiceCollection services)
    {
        services.AddSingleton<ChatChannelUrls>();
        services.AddScoped<ChatChannelCatalogue>();
        return services;
    }

    public static RouteGroupBuilder MapChatApi(this RouteGroupBuilder api) => api.MapChatChannelsApi();
}
