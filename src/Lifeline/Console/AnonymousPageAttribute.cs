using Lifeline.Server;

namespace Lifeline.Console;

/// <summary>
/// Marks a static page that anybody may post to without signing in (the customer survey): the page's endpoint gets
/// what <see cref="AnonymousTraffic.AsAnonymousEntry"/> gives the anonymous API endpoints — a share of the anonymous
/// concurrency limit and a small body limit — through the convention in <see cref="ConsoleSetup.MapConsole"/>.
/// Razor component endpoints are made by the framework from the pages' routes, so a page cannot be given endpoint
/// conventions one by one; its attributes, though, are its endpoint's metadata, which the convention reads.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AnonymousPageAttribute(long bodyLimit) : Attribute
{
    public long BodyLimit { get; } = bodyLimit;
}
