using Lifeline.Api;
using Lifeline.Chat;
using Lifeline.Console.Widgets;
using Lifeline.Directory.Teams;
using Microsoft.AspNetCore.Components;

namespace Lifeline.Console.Chat;

/// <summary>
/// An admin adds, changes, tests or removes a chat channel. Everything goes through <see cref="ChatChannelCatalogue"/> as the
/// signed-in admin, exactly as the API's /api/v1/chat-channels: the same validation, audit and refusals.
/// </summary>
public partial class ChatChannelPage
{
    [Parameter] public Guid? Id { get; set; }
    [SupplyParameterFromQuery(Name = "created")] private bool Created { get; set; }
    [Inject] private ConsoleSession Session { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private ChatChannelView? _channel;
    private bool _loaded;
    private List<(Guid Id, string Name)> _teams = [];
    private Problem? _problem;
    private Problem? _removeProblem;
    private string? _done;
    private string? _tested;

    private string? _name;
    private string? _url;
    private string? _teamId;
    private string? _description;

    protected override async Task OnParametersSetAsync()
    {
        (_problem, _removeProblem, _done, _tested) = (null, null, null, null);
        var teams = (await Session.RunAsync<TeamDirectory, Outcome<Page<TeamView>>>((d, _) =>
            d.ListAsync(new PageQuery { PageSize = PageQuery.MaxPageSize }, CancellationToken.None))).Value?.Items ?? [];
        _teams = [.. teams.Select(t => (t.Id, t.Name))];
        _channel = Id is { } id
            ? (await Session.RunAsync<ChatChannelCatalogue, Outcome<ChatChannelView>>((c, me) => c.GetAsync(me, id, CancellationToken.None))).Value
            : null;
        _name = _channel?.Name;
        _url = _channel?.Url;
        _teamId = _channel?.TeamId?.ToString();
        _description = _channel?.Description;
        _done = Created && _channel is not null ? $"Created {_channel.Name}." : null;
        _loaded = true;
    }

    private async Task SaveAsync()
    {
        (_done, _tested) = (null, null);
        var request = new ChatChannelRequest(_name ?? "", _url ?? "", Guid.TryParse(_teamId, out var team) ? team : null, _description);
        var outcome = _channel is { } channel
            ? await Session.RunAsync<ChatChannelCatalogue, Outcome<ChatChannelView>>((c, me) => c.UpdateAsync(me, channel.Id, request, CancellationToken.None))
            : await Session.RunAsync<ChatChannelCatalogue, Outcome<ChatChannelView>>((c, me) => c.CreateAsync(me, request, CancellationToken.None));
        _problem = Problem.Of(outcome.Refusal);
        if (outcome.Value is not { } saved)
        {
            return;
        }
        if (_channel is null)
        {
            Navigation.NavigateTo($"/admin/chat-channels/{saved.Id}?created=true");
            return;
        }
        _channel = saved;
        _url = saved.Url;
        _done = $"Saved {saved.Name} ({saved.Platform}).";
    }

    private async Task TestAsync()
    {
        var channel = _channel!;
        var outcome = await Session.RunAsync<ChatChannelCatalogue, Outcome<ChatChannelTestQueued>>((c, me) => c.TestAsync(me, channel.Id, CancellationToken.None));
        _problem = Problem.Of(outcome.Refusal);
        _tested = outcome.Value is null ? null : $"Test message queued for {channel.Name}; see Notifications for its delivery.";
    }

    private async Task RemoveAsync()
    {
        var channel = _channel!;
        var outcome = await Session.RunAsync<ChatChannelCatalogue, Outcome<Guid>>((c, me) => c.DeleteAsync(me, channel.Id, CancellationToken.None));
        _removeProblem = Problem.Of(outcome.Refusal);
        if (outcome.Refusal is null)
        {
            Navigation.NavigateTo($"/admin/chat-channels?removed={Uri.EscapeDataString(channel.Name)}");
        }
    }

    private string? Invalid(string field) => _problem?.For(field).Any() == true ? "true" : null;
}
