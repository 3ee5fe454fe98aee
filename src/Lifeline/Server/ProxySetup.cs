using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;

namespace Lifeline.Server;

/// <summary>
/// Lifeline behind a TLS-terminating proxy: the client's address and scheme from the proxies named in
/// <see cref="ForwardedHeadersSettings"/> (so the sign-in cookie is <c>Secure</c> when the browser used HTTPS, and the
/// throttle and audit see the real client), and HSTS when <see cref="HttpsOptions.Hsts"/> is on.
/// </summary>
public static class ProxySetup
{
    public static IServiceCollection AddProxyAndHttps(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HttpsOptions>().Bind(configuration.GetSection(HttpsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        var proxies = configuration.GetSection(ForwardedHeadersSettings.Section).Get<ForwardedHeadersSettings>() ?? new();
        services.AddOptions<ForwardedHeadersSettings>().Bind(configuration.GetSection(ForwardedHeadersSettings.Section))
            .Validate(p => p.KnownProxies.All(a => IPAddress.TryParse(a, out _)), $"{ForwardedHeadersSettings.Section}:KnownProxies must be IP addresses.")
            .Validate(p => p.KnownNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _)), $"{ForwardedHeadersSettings.Section}:KnownNetworks must be networks such as 10.0.0.0/24.")
            .ValidateOnStart();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the configured proxies, not ASP.NET Core's default of loopback.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var address in proxies.KnownProxies)
            {
                if (IPAddress.TryParse(address, out var ip))
                {
                    o.KnownProxies.Add(ip);
                }
            }
            foreach (var network in proxies.KnownNetworks)
            {
                if (System.Net.IPNetwork.TryParse(network, out var parsed))
                {
                    o.KnownIPNetworks.Add(parsed);
                }
            }
        });
        services.AddHsts(_ => { });
        services.AddOptions<HstsOptions>().Configure<IOptions<HttpsOptions>>((hsts, https) =>
        {
            hsts.MaxAge = https.Value.HstsMaxAge;
            hsts.IncludeSubDomains = https.Value.HstsIncludeSubDomains;
        });
        return services;
    }

    /// <summary>First in the pipeline, so everything after sees the client's address and scheme.</summary>
    public static IApplicationBuilder UseProxyAndHttps(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetRequiredService<IOptions<ForwardedHeadersSettings>>().Value.Any)
        {
            app.UseForwardedHeaders();
        }
        if (app.ApplicationServices.GetRequiredService<IOptions<HttpsOptions>>().Value.Hsts)
        {
            // Only on HTTPS answers, and not for localhost (ASP.NET Core's exclusions).
            app.UseHsts();
        }
        return app;
    }
}
