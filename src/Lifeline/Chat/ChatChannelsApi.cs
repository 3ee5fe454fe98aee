using Lifeline.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lifeline.Chat;

public static class ChatChannelsApi
{
    public static RouteGroupBuilder MapChatChannelsApi(this RouteGroupBuilder api)
    {
        var channels = api.MapGroup("/chat-channels").WithTags("Chat channels");
        channels.MapGet("/", List).WithSummary("Chat channels (the webhook URL in clear for admins only, otherwise masked to its host)");
        channels.MapGet("/{id:guid}", Get).WithSummary("A chat channel");
        channels.MapPost("/", Create).RequireAuthorization(AccessPolicies.Administer).WithSummary("Add a chat channel (audited)")
            .WithDescription("url is a Slack or Microsoft Teams incoming webhook; the platform follows from its host. teamId makes it the team's own channel.");
        channels.MapPut("/{id:guid}", Update).RequireAuthorization(AccessPolicies.Administer).WithSummary("Change a chat channel (audited)");
        channels.MapDelete("/{id:guid}", Delete).RequireAuthorization(AccessPolicies.Administer)
            .WithSummary("Remove a chat channel (audited); refused while a policy or a communication plan names it");
        channels.MapPost("/{id:guid}/test", Test).RequireAuthorization(AccessPolicies.Administer)
            .WithSummary("Queue a test message to the channel through the outbox");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<ChatChannelView>>> List(Actor actor, ChatChannelCatalogue channels, CancellationToken ct) =>
        TypedResults.Ok(await channels.ListAsync(actor, ct));

    private static async Task<Results<Ok<ChatChannelView>, ValidationProblem, ProblemHttpResult>> Get(Guid id, Actor actor, ChatChannelCatalogue channels, CancellationToken ct) =>
        await channels.GetAsync(actor, id, ct) is var found && found.Refusal is { } refusal ? refusal.As<Ok<ChatChannelView>>() : TypedResults.Ok(found.Value!);

    private static async Task<Results<Created<ChatChannelView>, ValidationProblem, ProblemHttpResult>> Create(
        ChatChannelRequest request, Actor actor, ChatChannelCatalogue channels, CancellationToken ct) =>
        await channels.CreateAsync(actor, request, ct) is var created && created.Refusal is { } refusal
            ? refusal.As<Created<ChatChannelView>>()
            : TypedResults.Created($"/api/v1/chat-channels/{created.Value!.Id}", created.Value);

    private static async Task<Results<Ok<ChatChannelView>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, ChatChannelRequest request, Actor actor, ChatChannelCatalogue channels, CancellationToken ct) =>
        await channels.UpdateAsync(actor, id, request, ct) is var outcome && outcome.Refusal is { } refusal
            ? refusal.As<Ok<ChatChannelView>>() : TypedResults.Ok(outcome.Value!);

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Delete(Guid id, Actor actor, ChatChannelCatalogue channels, CancellationToken ct) =>
        (await channels.DeleteAsync(actor, id, ct)).Refusal is { } refusal ? refusal.As<NoContent>() : TypedResults.NoContent();

    private static async Task<Results<Accepted<ChatChannelTestQueued>, ValidationProblem, ProblemHttpResult>> Test(
        Guid id, Actor actor, ChatChannelCatalogue channels, CancellationToken ct) =>
        await channels.TestAsync(actor, id, ct) is var queued && queued.Refusal is { } refusal
            ? refusal.As<Accepted<ChatChannelTestQueued>>()
            : TypedResults.Accepted($"/api/v1/notifications?channel=Chat", queued.Value);
}
