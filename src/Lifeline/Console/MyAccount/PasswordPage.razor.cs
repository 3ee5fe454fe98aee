using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Console.Widgets;
using Microsoft.AspNetCore.Components;

namespace Lifeline.Console.MyAccount;

/// <summary>The signed-in person changes their password through <see cref="OwnAccount"/>, as <c>POST /api/v1/me/password</c>: errors beside each field.</summary>
public partial class PasswordPage
{
    [Inject] private ConsoleSession Session { get; set; } = default!;

    private string? _current;
    private string? _new;
    private Problem? _problem;
    private int? _changed;

    private async Task ChangeAsync()
    {
        var outcome = await Session.RunAsync<OwnAccount, Outcome<int>>((own, me) => own.ChangePasswordAsync(me, _current, _new, CancellationToken.None));
        _problem = Problem.Of(outcome.Refusal);
        _current = null;
        _new = null;
        if (outcome.Refusal is null)
        {
            _changed = outcome.Value;
        }
    }
}
