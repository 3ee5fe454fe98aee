using System.Diagnostics;
using Lifeline.Templates;

namespace Lifeline.Tests.Templates;

/// <summary>A template an admin wrote cannot cost more than its limits, and values in an HTML body cannot become markup.</summary>
public sealed class RenderLimitsTests
{
    private const string Loop4000By4000 = "{% for i in (1..4000) %}{% for j in (1..4000) %}x{% endfor %}{% endfor %}";

    private static MessageTemplate Template(string text, string? html = null) =>
        new("limits", "limits", "Subject", text, html, "Short", "test", DateTimeOffset.UnixEpoch);

    [Fact]
    public void Render_Loop4000By4000_FailsQuicklyNamingTheLimit()
    {
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<RenderLimitException>(() => MessageRenderer.Render(Template(Loop4000By4000), TemplateModel.Sample()));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        Assert.StartsWith("The template 'limits text' exceeded its render limit:", e.Message);
    }

    [Fact]
    public void Render_NestedLoopsEachWithinTheIterationLimit_StoppedByTime()
    {
        var text = "{% for i in (1..1000) %}{% for j in (1..1000) %}{% for k in (1..1000) %}{% endfor %}{% endfor %}{% endfor %}";
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<RenderLimitException>(() => MessageRenderer.Render(Template(text), TemplateModel.Sample()));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"took {clock.Elapsed}");
        Assert.True(e.OutOfTime);
        Assert.Contains("longer than 1000 ms", e.Message);
    }

    [Theory]
    [InlineData("{% assign x = 'ab' %}{% for i in (1..40) %}{% assign x = x | append: x %}{% endfor %}{{ x }}")]
    [InlineData("{% assign x = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' %}{% for i in (1..10) %}{% assign x = x | replace: 'a', x %}{% endfor %}")]
    [InlineData("{% capture x %}{% for i in (1..200) %}0123456789{% endfor %}{% endcapture %}{{ x | split: '' | join: x }}")]
    [InlineData("{{ 'abc' | times: 2000000000 }}")]
    public void Render_ValueThatDoubles_FailsOnItsLimitNotOnMemory(string text)
    {
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<RenderLimitException>(() => MessageRenderer.Render(Template(text), TemplateModel.Sample()));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        Assert.Contains("characters", e.Message);
        Assert.False(e.OutOfTime);
    }

    [Fact]
    public void Render_CaptureDoublingInHtml_FailsOnTheCapture()
    {
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<RenderLimitException>(() => MessageRenderer.Render(Template("T",
            "{% capture x %}ab{% endcapture %}{% for i in (1..40) %}{% capture x %}{{ x }}{{ x }}{% endcapture %}{% endfor %}{{ x }}"), TemplateModel.Sample()));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        Assert.Contains("exceeded its render limit: the capture 'x' longer than 65536 characters", e.Message);
    }

    [Fact]
    public void Render_OutputPastThePartsSize_Fails()
    {
        var e = Assert.Throws<RenderLimitException>(() => MessageRenderer.Render(
            new MessageTemplate("limits", "limits", "S", "T", null, "{% for i in (1..1000) %}0123456789{% endfor %}", "test", DateTimeOffset.UnixEpoch),
            TemplateModel.Sample()));
        Assert.Contains("the short form longer than 1600 characters", e.Message);
    }

    [Fact]
    public void Render_TitleWithScript_EscapedInHtmlButNotInText()
    {
        var sample = TemplateModel.Sample();
        var model = sample with { Incident = sample.Incident with { Title = "<script>alert('x')</script> & more" }, Instruction = null };
        var rendered = MessageRenderer.Render(Template("{{ incident.title }}", "<p>{{ incident.title }}</p><p>{{ incident.title | escape }}</p>"), model);

        Assert.NotNull(rendered.Html);
        Assert.DoesNotContain("<script>", rendered.Html);
        Assert.Contains("<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more</p>", rendered.Html);
        // Escaped by hand as well: still once, not twice.
        Assert.Equal(2, rendered.Html.Split("&lt;script&gt;").Length - 1);
        Assert.Equal("<script>alert('x')</script> & more\n", rendered.Text);
    }

    [Theory]
    [InlineData("{% include 'x' %}", "include")]
    [InlineData("Hi\n{% render 'footer' %}", "render")]
    public void Check_IncludeOrRender_RefusedWithTheReason(string source, string tag)
    {
        var problem = LiquidTemplates.Check(source);
        Assert.NotNull(problem);
        Assert.Contains($"'{{% {tag} %}}' cannot work here: templates are stored in Lifeline, not in files", problem.Message);
    }

    [Fact]
    public void Check_BlocksNestedTooDeep_Refused()
    {
        var source = string.Concat(Enumerable.Repeat("{% if incident.title %}", 17)) + string.Concat(Enumerable.Repeat("{% endif %}", 17));
        Assert.Contains("nested more than 16", LiquidTemplates.Check(source)!.Message);
    }
}
