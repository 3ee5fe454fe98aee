using System.Net;
using System.Text.Json;

namespace Lifeline.Tests.Infrastructure;

/// <summary>Directory data made through the API, with names no other test uses.</summary>
public static class TestData
{
    public static string Unique(string prefix) => $"{prefix} {Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>
    /// A fictitious number (555-0160 to 555-0199, valid for libphonenumber) that no demo person or team has: the demo uses 555-0100 to 0125 and 0150 to
    /// 0152, and a test that gives someone a cell phone on a shared server must not give them the Help Desk's published line.
    /// </summary>
    public static string UniquePhone() => $"+1860555{Random.Shared.Next(160, 200):D4}";

    public static async Task<JsonElement> CreatePersonAsync(this HttpClient admin, string name, params object[] contactMethods) =>
        await admin.PostJson("/api/v1/people", new { name, title = "Tester", timeZone = "America/New_York", contactMethods })
            .ExpectAsync(HttpStatusCode.Created);

    public static async Task<JsonElement> CreateTeamAsync(this HttpClient admin, string name, params Guid[] memberIds) =>
        await admin.PostJson("/api/v1/teams", new { name, kind = "Resolver", members = memberIds.Select(id => new { personId = id, isLead = false }) })
            .ExpectAsync(HttpStatusCode.Created);

    public static async Task<JsonElement> CreateAreaAsync(this HttpClient admin, string name, Guid managerId, params Guid[] teamIds) =>
        await admin.PostJson("/api/v1/service-areas", new { name, managerId, defaultTeamIds = teamIds })
            .ExpectAsync(HttpStatusCode.Created);

    public static async Task<JsonElement> CreateServiceAsync(this HttpClient admin, string name, Guid areaId) =>
        await admin.PostJson("/api/v1/services", new { name, serviceAreaId = areaId }).ExpectAsync(HttpStatusCode.Created);

    public static Guid Id(this JsonElement element) => element.GetProperty("id").GetGuid();

    public static int Total(this JsonElement page) => page.GetProperty("total").GetInt32();

    public static IReadOnlyList<JsonElement> Items(this JsonElement page) => [.. page.GetProperty("items").EnumerateArray()];
}
