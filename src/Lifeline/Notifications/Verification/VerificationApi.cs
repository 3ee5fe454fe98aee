using Lifeline.Access;
using Lifeline.Directory.People;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lifeline.Notifications.Verification;

public static class VerificationApi
{
    public static RouteGroupBuilder MapVerificationApi(this RouteGroupBuilder api)
    {
        const string who = "Allowed to an admin, and to the person linked to the signed-in account for their own methods; anyone else gets 403.";
        var group = api.MapGroup("/people/{id:guid}/contact-methods/{methodId:guid}/verification").WithTags("People");
        group.MapPost("/", Send)
            .WithSummary("Send a verification code over the contact method's own channel")
            .WithDescription($"A {VerificationCode.Digits}-digit code, valid {VerificationCode.Lifetime.TotalMinutes:0} minutes and for {VerificationCode.MaxAttempts} tries; " +
                "a new code replaces the previous one. Only a hash of the code is stored. " + who);
        group.MapPost("/confirm", Confirm)
            .WithSummary("Type the code back: the contact method is marked verified")
            .WithDescription("A wrong, expired or used-up code is a 400 with the reason under errors.code. " + who);
        return api;
    }

    private static async Task<Results<Accepted<VerificationSent>, ValidationProblem, ProblemHttpResult>> Send(
        Guid id, Guid methodId, Actor actor, ContactVerifier verifier, CancellationToken ct) =>
        await verifier.SendCodeAsync(actor, id, methodId, ct) is var outcome && outcome.Refusal is { } refusal
            ? refusal.As<Accepted<VerificationSent>>()
            : TypedResults.Accepted($"/api/v1/people/{id}/contact-methods", outcome.Value!);

    private static async Task<Results<Ok<ContactMethodView>, ValidationProblem, ProblemHttpResult>> Confirm(
        Guid id, Guid methodId, VerificationConfirmRequest request, Actor actor, ContactVerifier verifier, CancellationToken ct) =>
        await verifier.ConfirmAsync(actor, id, methodId, request.Code, ct) is var outcome && outcome.Refusal is { } refusal
            ? refusal.As<Ok<ContactMethodView>>()
            : TypedResults.Ok(outcome.Value!);
}
