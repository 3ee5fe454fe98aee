using System.Net;
using Lifeline.Notifications.Webhooks;

namespace Lifeline.Tests.Notifications.Webhooks;

/// <summary>Which addresses a webhook may connect to; no traffic, the policy alone.</summary>
public sealed class WebhookAddressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.0.9", "loopback")]
    [InlineData("::1", "loopback")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("10.0.0.5", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("::ffff:10.1.2.3", "private")]
    [InlineData("fc00::1", "private")]
    [InlineData("fd12:3456::1", "private")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("::ffff:169.254.169.254", "link-local")]
    [InlineData("64:ff9b::a9fe:a9fe", "link-local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("100.64.0.1", "carrier-grade NAT")]
    [InlineData("100.127.255.254", "carrier-grade NAT")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("::", "unspecified")]
    [InlineData("224.0.0.251", "multicast")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("2002:0a00:0001::1", "private")]
    public void Refusal_InternalAddress_Refused(string address, string says) =>
        Assert.Contains(says, WebhookAddressPolicy.Refusal(IPAddress.Parse(address), allowLoopback: false), StringComparison.Ordinal);

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("192.169.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:93.184.215.14")]
    public void Refusal_PublicAddress_Allowed(string address) =>
        Assert.Null(WebhookAddressPolicy.Refusal(IPAddress.Parse(address), allowLoopback: false));

    [Theory]
    [InlineData("127.0.0.1", null)]
    [InlineData("::1", null)]
    [InlineData("::ffff:127.0.0.1", null)]
    [InlineData("10.0.0.5", "private")]
    [InlineData("169.254.169.254", "link-local")]
    public void Refusal_LoopbackAllowed_AllowsOnlyLoopback(string address, string? says)
    {
        var refusal = WebhookAddressPolicy.Refusal(IPAddress.Parse(address), allowLoopback: true);
        if (says is null)
        {
            Assert.Null(refusal);
        }
        else
        {
            Assert.Contains(says, refusal, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TryValidateUrl_DefaultOptions_AcceptsPublicHttpsOnly()
    {
        var strict = new WebhookOptions();
        Assert.True(WebhookAddressPolicy.TryValidateUrl(" https://hooks.example.org/lifeline?token=abc ", strict, out var normalised, out _));
        Assert.Equal("https://hooks.example.org/lifeline?token=abc", normalised);
        Assert.False(WebhookAddressPolicy.TryValidateUrl("http://hooks.example.org/lifeline", strict, out _, out _));
        Assert.False(WebhookAddressPolicy.TryValidateUrl("https://0x7f.0.0.1/hook", strict, out _, out _));
        Assert.False(WebhookAddressPolicy.TryValidateUrl("https://2130706433/hook", strict, out _, out _));
        var local = new WebhookOptions { AllowPlainHttp = true, AllowLoopback = true };
        Assert.True(WebhookAddressPolicy.TryValidateUrl("http://127.0.0.1:5000/hooks/x", local, out _, out _));
        Assert.False(WebhookAddressPolicy.TryValidateUrl("http://10.0.0.5/hooks/x", local, out _, out _));
        Assert.False(WebhookAddressPolicy.TryValidateUrl("ftp://hooks.example.org/x", local, out _, out _));
    }
}
