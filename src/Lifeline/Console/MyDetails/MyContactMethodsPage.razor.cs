using Lifeline.Api;
using Lifeline.Console.Widgets;
using Lifeline.Directory.People;
using Lifeline.Notifications;
using Lifeline.Notifications.Verification;
using Microsoft.AspNetCore.Components;

namespace Lifeline.Console.MyDetails;

/// <summary>
/// Self-service: the signed-in person's own contact methods — add, change, remove, order of preference, and
/// verification by a code sent over the method itself. Every command goes through <see cref="PersonDirectory"/> and
/// <see cref="ContactVerifier"/> as the signed-in actor, the same services and rules as
/// <c>/api/v1/people/{id}/contact-methods</c>; reading one's own values in clear is in the access log like any other.
/// </summary>
public partial class MyContactMethodsPage
{
    [Inject] private ConsoleSession Session { get; set; } = default!;
    [Inject] private ViewerClock Clock { get; set; } = default!;
    [Inject] private Microsoft.JSInterop.IJSRuntime Js { get; set; } = default!;

    private bool _loaded;
    private Guid? _personId;
    private List<ContactMethodView> _methods = [];
    private Problem? _problem;
    private string? _done;

    private ContactMethodKind _addKind = ContactMethodKind.CellPhone;
    private string? _addValue;
    private string? _addLabel;
    private bool _addSms = true;
    private bool _addVoice = true;
    private Problem? _addProblem;

    private ContactMethodView? _editing;
    private string? _editValue;
    private string? _editLabel;
    private bool _editSms;
    private bool _editVoice;
    private Problem? _editProblem;

    private ContactMethodView? _verifying;
    private string? _code;
    private string? _sentNote;
    private Problem? _verifyProblem;

    /// <summary>Times (and the absence form's fields) are in the browser's zone, as on every other page.</summary>
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive && await Clock.LearnZoneAsync(Js))
        {
            StateHasChanged();
        }
    }

    protected override async Task OnInitializedAsync()
    {
        _personId = (await Session.ActorAsync()).PersonId;
        await ReloadAsync();
        _loaded = true;
    }

    private async Task ReloadAsync()
    {
        if (_personId is not { } personId)
        {
            return;
        }
        var outcome = await Session.RunAsync<PersonDirectory, Outcome<IReadOnlyList<ContactMethodView>>>((d, me) => d.ContactMethodsAsync(me, personId, CancellationToken.None));
        _methods = outcome.Value?.ToList() ?? [];
        _problem = Problem.Of(outcome.Refusal);
    }

    private void Clear()
    {
        _problem = null;
        _done = null;
    }

    private async Task AddAsync()
    {
        Clear();
        var request = new ContactMethodRequest(_addKind, _addValue ?? "", _addLabel, _addSms, _addVoice, NextPriority(_addKind));
        var outcome = await Session.RunAsync<PersonDirectory, Outcome<ContactMethodView>>((d, me) => d.AddContactMethodAsync(me, _personId!.Value, request, CancellationToken.None));
        _addProblem = Problem.Of(outcome.Refusal);
        if (outcome.Value is { } added)
        {
            _addValue = null;
            _addLabel = null;
            await ReloadAsync();
            _done = $"Added your {KindName(added.Kind).ToLowerInvariant()}. Verify it so Lifeline knows it reaches you.";
        }
    }

    private void StartEdit(ContactMethodView method)
    {
        Clear();
        _verifying = null;
        _editing = method;
        _editValue = method.Value;
        _editLabel = method.Label;
        _editSms = method.CanSms;
        _editVoice = method.CanVoice;
        _editProblem = null;
    }

    private async Task SaveEditAsync()
    {
        Clear();
        var method = _editing!;
        var request = new ContactMethodRequest(method.Kind, _editValue ?? "", _editLabel, _editSms, _editVoice, method.Priority);
        var outcome = await Session.RunAsync<PersonDirectory, Outcome<ContactMethodView>>(
            (d, me) => d.UpdateContactMethodAsync(me, _personId!.Value, method.Id, request, CancellationToken.None));
        _editProblem = Problem.Of(outcome.Refusal);
        if (outcome.Value is { } saved)
        {
            _editing = null;
            await ReloadAsync();
            _done = saved.VerifiedAt is null && method.VerifiedAt is not null
                ? "Saved. The new value is not verified yet."
                : "Saved.";
        }
    }

    private async Task RemoveAsync(ContactMethodView method)
    {
        Clear();
        var outcome = await Session.RunAsync<PersonDirectory, Outcome<Guid>>((d, me) => d.DeleteContactMethodAsync(me, _personId!.Value, method.Id, CancellationToken.None));
        _problem = Problem.Of(outcome.Refusal);
        if (outcome.Refusal is null)
        {
            _editing = _editing?.Id == method.Id ? null : _editing;
            _verifying = _verifying?.Id == method.Id ? null : _verifying;
            await ReloadAsync();
            _done = $"Removed {Describe(method)}.";
        }
    }

    private async Task MoveAsync(ContactMethodView method, int by)
    {
        Clear();
        var sameKind = _methods.Where(m => m.Kind == method.Kind).ToList();
        var index = sameKind.FindIndex(m => m.Id == method.Id);
        (sameKind[index], sameKind[index + by]) = (sameKind[index + by], sameKind[index]);
        var order = _methods.Where(m => m.Kind != method.Kind).Select(m => m.Id).Concat(sameKind.Select(m => m.Id)).ToList();
        var outcome = await Session.RunAsync<PersonDirectory, Outcome<IReadOnlyList<ContactMethodView>>>(
            (d, me) => d.ReorderContactMethodsAsync(me, _personId!.Value, order, CancellationToken.None));
        _problem = Problem.Of(outcome.Refusal);
        if (outcome.Value is { } reordered)
        {
            _methods = reordered.ToList();
            _done = $"Moved {Describe(method)} {(by < 0 ? "up" : "down")}.";
        }
    }

    private async Task SendCodeAsync(ContactMethodView method)
    {
        Clear();
        _editing = null;
        _verifyProblem = null;
        var outcome = await Session.RunAsync<ContactVerifier, Outcome<VerificationSent>>((v, me) => v.SendCodeAsync(me, _personId!.Value, method.Id, CancellationToken.None));
        if (outcome.Refusal is { } refusal)
        {
            _problem = Problem.Of(refusal);
            return;
        }
        var sent = outcome.Value!;
        _verifying = method;
        _code = null;
        _sentNote = $"A code is on its way by {ChannelName(sent.Channel)}. It is valid until {Clock.Short(sent.ExpiresAt)} for {sent.Attempts} tries.";
    }

    private async Task ConfirmAsync()
    {
        Clear();
        var method = _verifying!;
        var outcome = await Session.RunAsync<ContactVerifier, Outcome<ContactMethodView>>((v, me) => v.ConfirmAsync(me, _personId!.Value, method.Id, _code, CancellationToken.None));
        _verifyProblem = Problem.Of(outcome.Refusal);
        if (outcome.Value is not null)
        {
            _verifying = null;
            await ReloadAsync();
            _done = $"Verified: {Describe(method)} reaches you.";
        }
    }

    private int NextPriority(ContactMethodKind kind) => _methods.Where(m => m.Kind == kind).Select(m => m.Priority + 1).DefaultIfEmpty(0).Max();

    private bool CanMove(ContactMethodView method, int by)
    {
        var sameKind = _methods.Where(m => m.Kind == method.Kind).ToList();
        var index = sameKind.FindIndex(m => m.Id == method.Id) + by;
        return index >= 0 && index < sameKind.Count;
    }

    private static string Describe(ContactMethodView m) => $"{KindName(m.Kind).ToLowerInvariant()} {m.Value}";

    internal static string KindName(ContactMethodKind kind) => kind switch
    {
        ContactMethodKind.OfficePhone => "Office phone",
        ContactMethodKind.CellPhone => "Cell phone",
        ContactMethodKind.Email => "E-mail",
        ContactMethodKind.ChatWebhook => "Chat webhook",
        ContactMethodKind.Webhook => "Webhook",
        _ => kind.ToString(),
    };

    private static string ValueLabel(ContactMethodKind kind) => kind switch
    {
        ContactMethodKind.OfficePhone or ContactMethodKind.CellPhone => "Phone number",
        ContactMethodKind.Email => "E-mail address",
        _ => "URL",
    };

    private static string ChannelName(NotificationChannel channel) => channel switch
    {
        NotificationChannel.Sms => "text message",
        NotificationChannel.Voice => "phone call",
        NotificationChannel.Email => "e-mail",
        _ => channel.ToString().ToLowerInvariant(),
    };
}
