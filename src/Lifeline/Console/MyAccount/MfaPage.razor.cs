using Lifeline.Access;
using Lifeline.Access.Mfa;
using Lifeline.Console.Widgets;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace Lifeline.Console.MyAccount;

/// <summary>
/// Enrolling an authenticator app: the same <see cref="SecondFactor"/> as <c>/api/v1/me/mfa</c>. An account whose roles
/// require MFA lands here after signing in, and gets its roles at the next page load once enrolled.
/// </summary>
public partial class MfaPage
{
    [Inject] private ConsoleSession Session { get; set; } = default!;
    [Inject] private IServiceScopeFactory Scopes { get; set; } = default!;

    private MfaStatus? _status;
    private MfaEnrolmentStart? _start;
    private IReadOnlyList<string>? _codes;
    private string? _code;
    private Problem? _problem;

    protected override async Task OnInitializedAsync() => _status = await WithAccountAsync((factor, account, _) => factor.StatusAsync(account, CancellationToken.None));

    private async Task StartAsync()
    {
        var outcome = await WithAccountAsync((factor, account, _) => factor.StartAsync(account, CancellationToken.None));
        _problem = Problem.Of(outcome.Refusal);
        _start = outcome.Value;
    }

    private async Task ConfirmAsync()
    {
        var outcome = await WithAccountAsync((factor, account, actor) => factor.ConfirmAsync(account, _code, actor, CancellationToken.None));
        _problem = Problem.Of(outcome.Refusal);
        _codes = outcome.Value?.RecoveryCodes;
    }

    /// <summary>One unit of work on the signed-in person's own account.</summary>
    private async Task<T> WithAccountAsync<T>(Func<SecondFactor, Lifeline.Access.Account, Actor, Task<T>> work)
    {
        var actor = await Session.ActorAsync();
        await using var scope = Scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Use(actor);
        var account = await scope.ServiceProvider.GetRequiredService<UserManager<Lifeline.Access.Account>>().FindByIdAsync(actor.AccountId!.Value.ToString())
            ?? throw new InvalidOperationException("The signed-in account no longer exists.");
        return await work(scope.ServiceProvider.GetRequiredService<SecondFactor>(), account, actor);
    }
}
