using System.Net;
using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Tests.Incidents;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Severity;

/// <summary>Moving a classification rule up or down changes which rule is tried first, and only the two rules that trade places.</summary>
public sealed class ClassificationRuleMoveTests
{
    [Theory, DatabaseData]
    public async Task Move_RuleUp_TradesOrderWithTheRuleAbove_ChangesTheProposal_Audited(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider);
        var admin = server.AdminClient();
        var rules = (await admin.GetAsync("/api/v1/classification-rules").ExpectAsync(HttpStatusCode.OK)).EnumerateArray().ToList();
        var names = rules.Select(r => r.GetProperty("name").GetString()).ToList();
        var single = rules.Single(r => r.GetProperty("name").GetString() == "Single user");
        var above = rules[names.IndexOf("Single user") - 1];
        // Neither a major enterprise nor a public facing service: "Limited set of users" matches, until "Single user" is tried before it.
        var filtering = await admin.ServiceIdAsync("Internet Filtering");
        var ask = new { serviceId = filtering, impactScope = "SmallGroup", serviceState = "Degraded" };
        Assert.Equal("Limited set of users", (await admin.PostJson("/api/v1/severities/classify", ask).ExpectAsync(HttpStatusCode.OK)).GetProperty("ruleName").GetString());

        var moved = (await admin.PostJson($"/api/v1/classification-rules/{single.Id()}/move", new { direction = "up" }).ExpectAsync(HttpStatusCode.OK))
            .EnumerateArray().ToList();

        var after = moved.Select(r => r.GetProperty("name").GetString()).ToList();
        Assert.Equal(names.IndexOf("Single user") - 1, after.IndexOf("Single user"));
        Assert.Equal(above.GetProperty("order").GetInt32(), moved.Single(r => r.Id() == single.Id()).GetProperty("order").GetInt32());
        Assert.Equal(single.GetProperty("order").GetInt32(), moved.Single(r => r.Id() == above.Id()).GetProperty("order").GetInt32());
        var proposal = await admin.PostJson("/api/v1/severities/classify", ask).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Single user", proposal.GetProperty("ruleName").GetString());
        Assert.Equal(3, proposal.GetProperty("severity").GetInt32());
        var audit = await admin.GetAsync("/api/v1/audit-log?entityType=ClassificationRule&actor=admin").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, audit.Items().Count(e => e.GetProperty("action").GetString() == "Updated"));

        // The first rule cannot go up, a direction must be up or down, and only administrators move rules; nothing changes.
        var first = moved[0].Id();
        var refused = await admin.PostJson($"/api/v1/classification-rules/{first}/move", new { direction = "up" }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("This rule is already tried first.", refused.GetProperty("errors").GetProperty("direction")[0].GetString());
        await admin.PostJson($"/api/v1/classification-rules/{first}/move", new { direction = "sideways" }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        using var technician = await server.ClientAsAsync(LifelineRoles.Level1Technician);
        await technician.PostJson($"/api/v1/classification-rules/{first}/move", new { direction = "down" }).ExpectProblemAsync(HttpStatusCode.Forbidden);
        var unchanged = (await admin.GetAsync("/api/v1/classification-rules").ExpectAsync(HttpStatusCode.OK)).EnumerateArray().Select(r => r.GetProperty("name").GetString());
        Assert.Equal(after, unchanged);
    }
}
