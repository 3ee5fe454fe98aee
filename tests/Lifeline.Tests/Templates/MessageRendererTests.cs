using Lifeline.Templates;

namespace Lifeline.Tests.Templates;

public sealed class MessageRendererTests
{
    private static MessageTemplate Seeded(string key)
    {
        var d = DefaultTemplates.All.Single(t => t.Key == key);
        return new MessageTemplate(d.Key, d.Description, d.Subject, d.TextBody, null, d.ShortForm, "test", DateTimeOffset.UtcNow);
    }

    [Fact]
    public void Render_DrillIncident_PrefixesSubjectTextAndShortForm()
    {
        var sample = TemplateModel.Sample();
        var rendered = MessageRenderer.Render(Seeded(TemplateKeys.TierPage), sample with { Incident = sample.Incident with { IsDrill = true } });
        Assert.StartsWith("[DRILL] INC-2026-000123", rendered.Subject);
        Assert.StartsWith("[DRILL] ", rendered.Text);
        Assert.StartsWith("[DRILL] INC-2026-000123 Severity 1: E-mail down. Reply 4 2026-123 to acknowledge", rendered.Short);
        Assert.Contains("[DRILL]", rendered.Html);

        var real = MessageRenderer.Render(Seeded(TemplateKeys.TierPage), sample);
        Assert.DoesNotContain("[DRILL]", real.Subject + real.Text + real.Short + real.Html);
    }

    [Fact]
    public void Render_Instruction_IncludedInTextShortAndHtmlOnlyWhenPresent()
    {
        var sample = TemplateModel.Sample();
        var withInstruction = MessageRenderer.Render(Seeded(TemplateKeys.Initial), sample with { Instruction = "Please call the CIO and DCIO" });
        Assert.StartsWith("Please call the CIO and DCIO\n\nThis is to inform you", withInstruction.Text);
        Assert.EndsWith("Please call the CIO and DCIO", withInstruction.Short);
        Assert.Contains("Please call the CIO and DCIO", withInstruction.Html);

        var without = MessageRenderer.Render(Seeded(TemplateKeys.Initial), sample with { Instruction = null });
        Assert.StartsWith("This is to inform you", without.Text);
    }

    [Fact]
    public void Render_Level2Page_CarriesTicketBridgeAndPin()
    {
        var rendered = MessageRenderer.Render(Seeded(TemplateKeys.Level2Page), TemplateModel.Sample() with { Instruction = null });
        Assert.Equal("INC-2026-000123 Level 2 Messaging Team: call bridge 860-555-0150 PIN 314159 https://bridge.example.org/enterprise. Reply 4 2026-123 to acknowledge", rendered.Short);
        Assert.Contains("http://localhost:5080/ack/sample-token", rendered.Text);
        Assert.Contains("<a href=\"http://localhost:5080/ack/sample-token\">", rendered.Html);
    }

    [Theory]
    [InlineData("INC-2026-000123", "4 2026-123")]
    [InlineData("INC-2027-004500", "4 2027-4500")]
    public void AckCode_IncidentNumber_IsYearAndSequenceWithoutLeadingZeros(string number, string code) => Assert.Equal(code, MessageRenderer.AckCode(number));

    [Theory]
    [InlineData("inc-2026-000123", "INC-2026-000123")]
    [InlineData(" INC-2026-123 ", "INC-2026-000123")]
    [InlineData("2026-123", "INC-2026-000123")]
    [InlineData("2026 123", "INC-2026-000123")]
    [InlineData("123", "123")]
    [InlineData("INC-2026-000000", "INC-2026-000000")]
    public void Normalise_IncidentNumberAsPeopleTypeIt_IsTheStoredForm(string typed, string normalised) =>
        Assert.Equal(normalised, Lifeline.Incidents.IncidentNumbers.Normalise(typed));

    [Fact]
    public void Check_EveryDefaultTemplate_IsValid()
    {
        foreach (var d in DefaultTemplates.All)
        {
            foreach (var part in new[] { d.Subject, d.TextBody, d.ShortForm })
            {
                Assert.Null(LiquidTemplates.Check(part));
            }
        }
    }
}
