using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lifeline.Notifications.Delivery;
using Lifeline.Notifications.Webhooks;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Notifications.Webhooks;

/// <summary>
/// The Teams payload is checked by the Adaptive Cards library's own parser and validation (npm <c>adaptivecards</c>, run by
/// node; ./test.sh installs it), the Slack payload against Block Kit's documented limits.
/// </summary>
public sealed class ChatCardsTests
{
    private const string Link = "https://lifeline.example.org/incidents/INC-2026-000123";

    public static TheoryData<string, string, string?> Messages() => new()
    {
        { "INC-2026-000123 Severity 1: E-mail down", "E-mail is down for everyone.\nBridge: +1 860 555 0100 PIN 4242#\nAcknowledge: reply 1234.", Link },
        { "[DRILL] INC-2026-000124 <b>Severity</b> & \"quotes\"", "Markdown *bold* _italic_ <!channel> & <https://evil.example|click>", Link },
        { "No link", "A notice without an incident page.", null },
        { new string('S', 400), string.Join('\n', Enumerable.Repeat(new string('x', 900) + " & <y>", 200)), Link },
    };

    [Theory, MemberData(nameof(Messages))]
    public async Task Teams_AdaptiveCard_ParsesAndValidatesWithoutProblems(string subject, string text, string? link)
    {
        var script = Path.Combine(CardsDirectory, "validate-card.js");
        TestEnvironment.Require(File.Exists("/usr/bin/node") && System.IO.Directory.Exists(Path.Combine(CardsDirectory, "node_modules", "adaptivecards")),
            "node with the adaptivecards package (npm ci in tests/Lifeline.Tests/Notifications/Webhooks/cards)");
        var payload = ChatCards.Teams(new RenderedMessage(subject, text, null, "short", link));

        var result = await RunNodeAsync(script, payload.ToJsonString());

        Assert.Empty(result.GetProperty("problems").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("1.4", result.GetProperty("version").GetString());
        Assert.Equal(link is null ? 0 : 1, result.GetProperty("actions").GetInt32());
        var card = payload["attachments"]![0]!["content"]!;
        Assert.Equal(subject, card["body"]![0]!["text"]!.GetValue<string>());
        if (link is not null)
        {
            Assert.Equal(link, card["actions"]![0]!["url"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Teams_BrokenCard_IsCaughtByTheValidator()
    {
        // The check itself can fail: a card with an element type Adaptive Cards does not know.
        var script = Path.Combine(CardsDirectory, "validate-card.js");
        TestEnvironment.Require(File.Exists("/usr/bin/node") && System.IO.Directory.Exists(Path.Combine(CardsDirectory, "node_modules", "adaptivecards")),
            "node with the adaptivecards package (npm ci in tests/Lifeline.Tests/Notifications/Webhooks/cards)");
        var payload = ChatCards.Teams(new RenderedMessage("s", "t", null, "short", Link));
        payload["attachments"]![0]!["content"]!["body"]!.AsArray().Add(new JsonObject { ["type"] = "Marquee" });

        var result = await RunNodeAsync(script, payload.ToJsonString());

        Assert.NotEmpty(result.GetProperty("problems").EnumerateArray());
    }

    [Theory, MemberData(nameof(Messages))]
    public void Slack_BlockKit_WithinTheDocumentedLimits(string subject, string text, string? link)
    {
        var payload = ChatCards.Slack(new RenderedMessage(subject, text, null, "short", link));

        Assert.False(string.IsNullOrWhiteSpace(payload["text"]!.GetValue<string>()));
        var blocks = payload["blocks"]!.AsArray();
        Assert.InRange(blocks.Count, 2, ChatCards.SlackBlocksMax);
        var header = blocks[0]!;
        Assert.Equal("header", header["type"]!.GetValue<string>());
        Assert.Equal("plain_text", header["text"]!["type"]!.GetValue<string>());
        Assert.InRange(header["text"]!["text"]!.GetValue<string>().Length, 1, ChatCards.SlackHeaderMax);
        Assert.DoesNotContain('\n', header["text"]!["text"]!.GetValue<string>());
        foreach (var section in blocks.Where(b => b!["type"]!.GetValue<string>() == "section"))
        {
            var mrkdwn = section!["text"]!["text"]!.GetValue<string>();
            Assert.InRange(mrkdwn.Length, 1, ChatCards.SlackSectionMax);
            // &, < and > are Slack's markup in mrkdwn: only their escapes may appear.
            Assert.DoesNotContain('<', mrkdwn);
            Assert.DoesNotContain('>', mrkdwn);
        }
        var actions = blocks.Where(b => b!["type"]!.GetValue<string>() == "actions").ToList();
        if (link is null)
        {
            Assert.Empty(actions);
        }
        else
        {
            var button = Assert.Single(Assert.Single(actions)!["elements"]!.AsArray())!;
            Assert.Equal("button", button["type"]!.GetValue<string>());
            Assert.InRange(button["text"]!["text"]!.GetValue<string>().Length, 1, ChatCards.SlackButtonTextMax);
            Assert.Equal(link, button["url"]!.GetValue<string>());
        }
        var shown = string.Concat(blocks.Where(b => b!["type"]!.GetValue<string>() == "section").Select(b => b!["text"]!["text"]!.GetValue<string>()));
        var firstLine = text.Split('\n')[0].Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);
        Assert.StartsWith(firstLine[..Math.Min(100, firstLine.Length)], shown, StringComparison.Ordinal);
    }

    private static string CardsDirectory
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Lifeline.slnx")))
            {
                directory = directory.Parent;
            }
            Assert.NotNull(directory);
            return Path.Combine(directory.FullName, "tests", "Lifeline.Tests", "Notifications", "Webhooks", "cards");
        }
    }

    private static async Task<JsonElement> RunNodeAsync(string script, string input)
    {
        using var node = Process.Start(new ProcessStartInfo("/usr/bin/node", [script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(script)!,
        })!;
        await node.StandardInput.WriteAsync(input);
        node.StandardInput.Close();
        var output = await node.StandardOutput.ReadToEndAsync();
        var error = await node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        Assert.True(node.ExitCode == 0, $"node exited {node.ExitCode}: {error}");
        return JsonDocument.Parse(output).RootElement.Clone();
    }
}
