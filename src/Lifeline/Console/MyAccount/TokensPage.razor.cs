using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Console.Widgets;
using Microsoft.AspNetCore.Components;

namespace Lifeline.Console.MyAccount;

/// <summary>The signed-in person's API tokens: make one (its value shown once), see when each was last used, revoke. Through <see cref="OwnAccount"/>, as <c>/api/v1/me/tokens</c>.</summary>
public partial class TokensPage
{
    [Inject] private ConsoleSession Session { get; set; } = default!;
    [Inject] private ViewerClock Clock { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private Microsoft.JSInterop.IJSRuntime Js { get; set; } = default!;

    private List<TokenView> _tokens = [];
    private IssuedToken? _issued;
    private Problem? _problem;
    private string? _done;
    private string? _name;
    private int? _days;

    private DateTimeOffset Now => Time.GetUtcNow();

    protected override async Task OnInitializedAsync() => await ReloadAsync();

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive && await Clock.LearnZoneAsync(Js))
        {
            StateHasChanged();
        }
    }

    private async Task ReloadAsync() => _tokens = await Session.RunAsync<OwnAccount, List<TokenView>>((own, me) => own.TokensAsync(me, CancellationToken.None));

    private async Task CreateAsync()
    {
        _done = null;
        _issued = null;
        var outcome = await Session.RunAsync<OwnAccount, Outcome<IssuedToken>>((own, me) => own.CreateTokenAsync(me, _name, _days, CancellationToken.None));
        _problem = Problem.Of(outcome.Refusal);
        if (outcome.Value is { } issued)
        {
            _issued = issued;
            _name = null;
            _days = null;
            await ReloadAsync();
        }
    }

    private async Task RevokeAsync(TokenView token)
    {
        _done = null;
        _issued = null;
        var outcome = await Session.RunAsync<OwnAccount, Outcome<Guid>>((own, me) => own.RevokeTokenAsync(me, token.Id, CancellationToken.None));
        _problem = Problem.Of(outcome.Refusal);
        if (outcome.Refusal is null)
        {
            _done = $"Token \"{token.Name}\" revoked: programs using it are refused from now on.";
            await ReloadAsync();
        }
    }
}
