using Lifeline.Chat;
using Microsoft.AspNetCore.Components;

namespace Lifeline.Console.Chat;

/// <summary>Every chat channel, for an admin to open one; the list is <see cref="ChatChannelCatalogue.ListAsync"/>, as GET /api/v1/chat-channels.</summary>
public partial class ChatChannelsPage
{
    [SupplyParameterFromQuery(Name = "removed")] private string? Removed { get; set; }
    [Inject] private ConsoleSession Session { get; set; } = default!;

    private IReadOnlyList<ChatChannelView> _channels = [];

    protected override async Task OnInitializedAsync() =>
        _channels = await Session.RunAsync<ChatChannelCatalogue, IReadOnlyList<ChatChannelView>>((c, me) => c.ListAsync(me, CancellationToken.None));
}
