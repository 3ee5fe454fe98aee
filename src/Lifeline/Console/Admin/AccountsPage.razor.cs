using Lifeline.Access;
using Lifeline.Access.Mfa;
using Lifeline.Api;
using Lifeline.Console.Widgets;
using Lifeline.Directory.People;
using Microsoft.AspNetCore.Components;

namespace Lifeline.Console.Admin;

/// <summary>
/// Accounts for administrators: create one linked to a person, change its roles, disable, enable or unlock it, reset its
/// MFA, revoke its tokens, delete it. Every rule (not yourself, not the last administrator) is <see cref="AccountAdministration"/>'s.
/// </summary>
public partial class AccountsPage
{
    [Inject] private ConsoleSession Session { get; set; } = default!;
    [Inject] private ViewerClock Clock { get; set; } = default!;

    private IReadOnlyList<AccountView> _accounts = [];
    private IReadOnlyList<PersonSummary> _people = [];
    private string? _search;
    private AccountView? _open;
    private HashSet<string> _roles = [];
    private IReadOnlyList<TokenView> _tokens = [];
    private bool _confirmDelete;
    private Problem? _problem;
    private string? _done;

    private string? _newUser;
    private string? _newPassword;
    private Guid? _newPerson;
    private readonly HashSet<string> _newRoles = [LifelineRoles.Viewer];
    private Problem? _createProblem;
    private string? _created;

    private DateTimeOffset Now => Clock.Now;

    protected override async Task OnInitializedAsync()
    {
        _people = await AllPeopleAsync();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var accounts = new List<AccountView>();
        for (var page = 1; ; page++)
        {
            var query = new PageQuery { Page = page, PageSize = PageQuery.MaxPageSize };
            var items = (await Session.RunAsync<AccountAdministration, Outcome<Page<AccountView>>>((a, _) => a.ListAsync(query, CancellationToken.None))).Value?.Items ?? [];
            accounts.AddRange(items);
            if (items.Count < PageQuery.MaxPageSize)
            {
                break;
            }
        }
        _accounts = accounts;
    }

    private async Task<IReadOnlyList<PersonSummary>> AllPeopleAsync()
    {
        var people = new List<PersonSummary>();
        for (var page = 1; ; page++)
        {
            var query = new PageQuery { Page = page, PageSize = PageQuery.MaxPageSize };
            var items = (await Session.RunAsync<PersonDirectory, Outcome<Page<PersonSummary>>>((d, _) => d.ListAsync(query, CancellationToken.None))).Value?.Items ?? [];
            people.AddRange(items);
            if (items.Count < PageQuery.MaxPageSize)
            {
                return people;
            }
        }
    }

    private IEnumerable<AccountView> Shown => string.IsNullOrWhiteSpace(_search) ? _accounts
        : _accounts.Where(a => a.UserName.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase)
            || PersonName(a.PersonId).Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase));

    private string PersonName(Guid? personId) => personId is { } id ? _people.FirstOrDefault(p => p.Id == id)?.Name ?? "" : "";

    private string? State(AccountView account) => account.LockedOutUntil is { } until && until > Now
        ? Disabled(until) ? "disabled" : $"locked until {Clock.Short(until)}"
        : null;

    /// <summary>A disabled account is locked out until the end of time (as stored: a database may round the last ticks).</summary>
    private static bool Disabled(DateTimeOffset until) => until.Year >= 9999;

    private async Task OpenAsync(AccountView account)
    {
        _problem = null;
        _done = null;
        _confirmDelete = false;
        if (_open?.Id == account.Id)
        {
            _open = null;
            return;
        }
        _open = account;
        _roles = [.. account.Roles];
        _tokens = await Session.RunAsync<AccountAdministration, IReadOnlyList<TokenView>>((a, _) => a.TokensAsync(account.Id, CancellationToken.None));
    }

    private static void Toggle(HashSet<string> roles, string role, ChangeEventArgs e)
    {
        if (e.Value is true)
        {
            roles.Add(role);
        }
        else
        {
            roles.Remove(role);
        }
    }

    private Task SaveRolesAsync() => ChangeAsync("Roles saved.", (a, actor, id) => a.SetRolesAsync(actor, id, [.. _roles], CancellationToken.None));

    private Task DisableAsync() => ChangeAsync("Disabled: its sign-ins, cookies and tokens no longer work.", (a, actor, id) => a.DisableAsync(actor, id, CancellationToken.None));

    private Task EnableAsync() => ChangeAsync("It can sign in again.", (a, actor, id) => a.EnableAsync(actor, id, "Enabled", CancellationToken.None));

    private async Task ChangeAsync(string done, Func<AccountAdministration, Actor, Guid, Task<Outcome<AccountView>>> change)
    {
        if (_open is not { } open)
        {
            return;
        }
        _done = null;
        var outcome = await Session.RunAsync<AccountAdministration, Outcome<AccountView>>((a, actor) => change(a, actor, open.Id));
        _problem = Problem.Of(outcome.Refusal);
        if (outcome.Value is { } changed)
        {
            _done = done;
            await LoadAsync();
            _open = changed;
            _roles = [.. changed.Roles];
        }
    }

    private async Task ResetMfaAsync()
    {
        if (_open is not { } open)
        {
            return;
        }
        _done = null;
        _problem = Problem.Of(await Session.RunAsync<SecondFactor, Refusal?>((mfa, actor) => mfa.ResetAsync(open.Id, actor, CancellationToken.None)));
        if (_problem is null)
        {
            _done = "MFA removed: it enrols again at its next sign-in.";
            await LoadAsync();
            _open = _accounts.FirstOrDefault(a => a.Id == open.Id);
        }
    }

    private async Task DeleteAsync()
    {
        if (_open is not { } open)
        {
            return;
        }
        _problem = Problem.Of(await Session.RunAsync<AccountAdministration, Refusal?>((a, actor) => a.DeleteAsync(actor, open.Id, CancellationToken.None)));
        _confirmDelete = false;
        if (_problem is null)
        {
            _open = null;
            _created = $"Deleted {open.UserName}.";
            await LoadAsync();
        }
    }

    private async Task RevokeAsync(TokenView token)
    {
        if (_open is not { } open)
        {
            return;
        }
        _done = null;
        _problem = Problem.Of(await Session.RunAsync<AccountAdministration, Refusal?>((a, actor) => a.RevokeTokenAsync(actor, open.Id, token.Id, CancellationToken.None)));
        if (_problem is null)
        {
            _done = $"Revoked the token {token.Name}.";
            _tokens = await Session.RunAsync<AccountAdministration, IReadOnlyList<TokenView>>((a, _) => a.TokensAsync(open.Id, CancellationToken.None));
        }
    }

    private async Task CreateAsync()
    {
        _created = null;
        var request = new AccountRequest(_newUser ?? "", _newPassword ?? "", [.. _newRoles], _newPerson);
        var outcome = await Session.RunAsync<AccountAdministration, Outcome<AccountView>>((a, actor) => a.CreateAsync(actor, request, CancellationToken.None));
        _createProblem = Problem.Of(outcome.Refusal);
        if (outcome.Value is { } account)
        {
            _created = $"Created {account.UserName}. Give them the first password by another way than e-mail.";
            _newUser = _newPassword = null;
            _newPerson = null;
            await LoadAsync();
        }
    }
}
