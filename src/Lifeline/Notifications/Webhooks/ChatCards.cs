using System.Text.Json.Nodes;
using Lifeline.Notifications.Delivery;

namespace Lifeline.Notifications.Webhooks;

/// <summary>
/// What chat tools accept today. Microsoft Teams webhooks made with Workflows take only Adaptive Cards (the legacy
/// MessageCard is refused), in a message attachment; Slack takes Block Kit, with the top-level <c>text</c> as the
/// notification's fallback. Both carry the incident's link as a button when the message has one.
/// </summary>
public static class ChatCards
{
    /// <summary>Block Kit's documented limits: header text, section text, button text and URL, blocks per message.</summary>
    public const int SlackHeaderMax = 150, SlackSectionMax = 3000, SlackButtonTextMax = 75, SlackUrlMax = 3000, SlackBlocksMax = 50;

    /// <summary>Teams refuses messages past about 28 KB; the card's text is kept well inside it.</summary>
    public const int TeamsTextMax = 20_000;

    private const string LinkTitle = "Open the incident";

    public static JsonObject Teams(RenderedMessage message)
    {
        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["body"] = new JsonArray
            {
                new JsonObject { ["type"] = "TextBlock", ["text"] = message.Subject, ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true },
                new JsonObject { ["type"] = "TextBlock", ["text"] = Cut(message.Text, TeamsTextMax), ["wrap"] = true },
            },
        };
        if (WebLink(message.Link) is { } link)
        {
            card["actions"] = new JsonArray { new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = LinkTitle, ["url"] = link } };
        }
        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray
            {
                new JsonObject { ["contentType"] = "application/vnd.microsoft.card.adaptive", ["contentUrl"] = null, ["content"] = card },
            },
        };
    }

    public static JsonObject Slack(RenderedMessage message)
    {
        var blocks = new JsonArray
        {
            new JsonObject { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = Cut(OneLine(message.Subject), SlackHeaderMax) } },
        };
        var link = WebLink(message.Link) is { Length: <= SlackUrlMax } url ? url : null;
        var room = SlackBlocksMax - blocks.Count - (link is null ? 0 : 1);
        foreach (var part in Chunks(Escape(message.Text), SlackSectionMax).Take(room))
        {
            blocks.Add(new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = part } });
        }
        if (link is not null)
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "actions",
                ["elements"] = new JsonArray
                {
                    new JsonObject { ["type"] = "button", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = LinkTitle }, ["url"] = link },
                },
            });
        }
        return new JsonObject { ["text"] = $"*{Escape(message.Subject)}*\n{Escape(Cut(message.Text, 3000))}", ["blocks"] = blocks };
    }

    // Slack reads &, < and > as its own markup (links, mentions) in mrkdwn.
    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    /// <summary>Pieces of at most <paramref name="max"/> characters, cut at a line break where there is one, never inside an escape.</summary>
    private static IEnumerable<string> Chunks(string text, int max)
    {
        var rest = text.Length == 0 ? " " : text;
        while (rest.Length > max)
        {
            var cut = rest.LastIndexOf('\n', max - 1);
            if (cut < max / 2)
            {
                cut = max;
                var amp = rest.LastIndexOf('&', cut - 1, Math.Min(cut, 5));
                if (amp >= 0 && rest.IndexOf(';', amp) >= cut)
                {
                    cut = amp;
                }
            }
            yield return rest[..cut];
            rest = rest[cut..].TrimStart('\n');
        }
        if (rest.Length > 0)
        {
            yield return rest;
        }
    }

    private static string? WebLink(string? link) =>
        Uri.TryCreate(link, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? link : null;
}
