using Lifeline.Api;
using Lifeline.Console.MyDetails;
using Lifeline.Console.Widgets;
using Lifeline.Directory.People;
using Microsoft.AspNetCore.Components;

namespace Lifeline.Console.DirectoryAdmin;

/// <summary>
/// An admin creates, changes or removes a person and keeps their contact methods. Every command goes through
/// <see cref="PersonDirectory"/> as the signed-in admin, as the API's /people endpoints do; the values shown in clear
/// come from <see cref="PersonDirectory.GetAsync"/>, which puts each such read in the access log. A refusal (a bad
/// number, a person others depend on) is the service's sentence, beside the field it names.
/// </summary>
public partial class PersonPage
{
    [Parameter] public Guid? Id { get; set; }
    [SupplyParameterFromQuery(Name = "created")] private bool Created { get; set; }
    [Inject] private ConsoleSession Session { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private static readonly IReadOnlyList<string> Zones = [.. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(ContactValueRules.IsTimeZone).Order()];

    private PersonDetails? _person;
    private bool _loaded;
    private Problem? _problem;
    private Problem? _formProblem;
    private Problem? _removeProblem;
    private string? _done;

    private string? _name;
    private string? _title;
    private string? _timeZone = "America/New_York";
    private string? _notes;
    private string? _cell;
    private string? _email;

    private ContactMethodKind _addKind = ContactMethodKind.CellPhone;
    private string? _addValue;
    private string? _addLabel;
    private Problem? _addProblem;

    private ContactMethodView? _editing;
    private string? _editValue;
    private string? _editLabel;
    private bool _editSms;
    private bool _editVoice;
    private Problem? _editProblem;

    /// <summary>The field names the service gives the new person's first contact methods (their index in the request).</summary>
    private const string CellField = "contactMethods[0].value";

    private string EmailField => $"contactMethods[{(string.IsNullOrWhiteSpace(_cell) ? 0 : 1)}].value";

    protected override async Task OnParametersSetAsync()
    {
        _problem = _formProblem = _removeProblem = null;
        _done = null;
        _editing = null;
        if (Id is { } id)
        {
            await ReloadAsync(id);
            if (_person is { } person)
            {
                (_name, _title, _timeZone, _notes) = (person.Name, person.Title, person.TimeZone, person.Notes);
                _done = Created ? $"Created {person.Name}." : null;
            }
        }
        else
        {
            _person = null;
            (_name, _title, _timeZone, _notes, _cell, _email) = (null, null, "America/New_York", null, null, null);
        }
        _loaded = true;
    }

    private async Task ReloadAsync(Guid id)
    {
        var outcome = await Session.RunAsync<PersonDirectory, Outcome<PersonDetails>>((d, viewer) => d.GetAsync(viewer, id, CancellationToken.None));
        _person = outcome.Value;
        if (outcome.Refusal is { Status: not StatusCodes.Status404NotFound } refusal)
        {
            _problem = Problem.Of(refusal);
        }
    }

    private async Task SaveAsync()
    {
        _problem = null;
        _done = null;
        if (_person is { } person)
        {
            var request = new PersonRequest(_name ?? "", _title, _timeZone, _notes, null);
            var outcome = await Session.RunAsync<PersonDirectory, Outcome<PersonDetails>>((d, me) => d.UpdateAsync(me, person.Id, request, CancellationToken.None));
            _formProblem = Problem.Of(outcome.Refusal);
            if (outcome.Value is { } saved)
            {
                _person = saved;
                _done = $"Saved the details of {saved.Name}.";
            }
            return;
        }
        List<ContactMethodRequest> methods = [];
        if (!string.IsNullOrWhiteSpace(_cell))
        {
            methods.Add(new ContactMethodRequest(ContactMethodKind.CellPhone, _cell, "Cell", true, true, 0));
        }
        if (!string.IsNullOrWhiteSpace(_email))
        {
            methods.Add(new ContactMethodRequest(ContactMethodKind.Email, _email, "Work", false, false, 0));
        }
        var create = new PersonRequest(_name ?? "", _title, _timeZone, _notes, methods);
        var created = await Session.RunAsync<PersonDirectory, Outcome<PersonDetails>>((d, me) => d.CreateAsync(me, create, CancellationToken.None));
        _formProblem = Problem.Of(created.Refusal);
        if (created.Value is { } person1)
        {
            Navigation.NavigateTo($"/directory/people/{person1.Id}?created=true");
        }
    }

    private async Task RemoveAsync()
    {
        var person = _person!;
        var outcome = await Session.RunAsync<PersonDirectory, Outcome<Guid>>((d, me) => d.DeleteAsync(me, person.Id, CancellationToken.None));
        _removeProblem = Problem.Of(outcome.Refusal);
        if (outcome.Refusal is null)
        {
            Navigation.NavigateTo($"/directory?removed={Uri.EscapeDataString(person.Name)}");
        }
    }

    private async Task AddMethodAsync()
    {
        var person = _person!;
        _done = null;
        var priority = person.ContactMethods.Where(m => m.Kind == _addKind).Select(m => m.Priority + 1).DefaultIfEmpty(0).Max();
        var request = new ContactMethodRequest(_addKind, _addValue ?? "", _addLabel, null, null, priority);
        var outcome = await Session.RunAsync<PersonDirectory, Outcome<ContactMethodView>>((d, me) => d.AddContactMethodAsync(me, person.Id, request, CancellationToken.None));
        _addProblem = Problem.Of(outcome.Refusal);
        if (outcome.Value is { } added)
        {
            (_addValue, _addLabel) = (null, null);
            await ReloadAsync(person.Id);
            _done = $"Added {Describe(added)} for {person.Name}.";
        }
    }

    private void StartEdit(ContactMethodView method)
    {
        _editing = method;
        (_editValue, _editLabel, _editSms, _editVoice, _editProblem) = (method.Value, method.Label, method.CanSms, method.CanVoice, null);
    }

    private async Task SaveMethodAsync()
    {
        var (person, method) = (_person!, _editing!);
        _done = null;
        var request = new ContactMethodRequest(method.Kind, _editValue ?? "", _editLabel, _editSms, _editVoice, method.Priority);
        var outcome = await Session.RunAsync<PersonDirectory, Outcome<ContactMethodView>>(
            (d, me) => d.UpdateContactMethodAsync(me, person.Id, method.Id, request, CancellationToken.None));
        _editProblem = Problem.Of(outcome.Refusal);
        if (outcome.Value is { } saved)
        {
            _editing = null;
            await ReloadAsync(person.Id);
            _done = $"Saved {Describe(saved)}.";
        }
    }

    private async Task RemoveMethodAsync(ContactMethodView method)
    {
        var person = _person!;
        _done = null;
        var outcome = await Session.RunAsync<PersonDirectory, Outcome<Guid>>((d, me) => d.DeleteContactMethodAsync(me, person.Id, method.Id, CancellationToken.None));
        _problem = Problem.Of(outcome.Refusal);
        if (outcome.Refusal is null)
        {
            _editing = _editing?.Id == method.Id ? null : _editing;
            await ReloadAsync(person.Id);
            _done = $"Removed {Describe(method)}.";
        }
    }

    /// <summary>Swaps a method with its neighbour of the same kind: escalation tries a kind's methods in this order.</summary>
    private async Task MoveAsync(ContactMethodView method, int by)
    {
        var person = _person!;
        _done = null;
        var methods = person.ContactMethods.ToList();
        var sameKind = methods.Where(m => m.Kind == method.Kind).ToList();
        var index = sameKind.FindIndex(m => m.Id == method.Id);
        (sameKind[index], sameKind[index + by]) = (sameKind[index + by], sameKind[index]);
        var order = methods.Where(m => m.Kind != method.Kind).Select(m => m.Id).Concat(sameKind.Select(m => m.Id)).ToList();
        var outcome = await Session.RunAsync<PersonDirectory, Outcome<IReadOnlyList<ContactMethodView>>>(
            (d, me) => d.ReorderContactMethodsAsync(me, person.Id, order, CancellationToken.None));
        _problem = Problem.Of(outcome.Refusal);
        if (outcome.Refusal is null)
        {
            await ReloadAsync(person.Id);
            _done = $"Moved {Describe(method)} {(by < 0 ? "up" : "down")}.";
        }
    }

    private bool CanMove(ContactMethodView method, int by)
    {
        var sameKind = _person!.ContactMethods.Where(m => m.Kind == method.Kind).ToList();
        var index = sameKind.FindIndex(m => m.Id == method.Id) + by;
        return index >= 0 && index < sameKind.Count;
    }

    private string? Invalid(string field) => _formProblem?.For(field).Any() == true ? "true" : null;

    private static string KindName(ContactMethodKind kind) => MyContactMethodsPage.KindName(kind);

    private static string Describe(ContactMethodView m) => $"{KindName(m.Kind).ToLowerInvariant()} {m.Value}";
}
