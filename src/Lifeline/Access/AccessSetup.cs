using Lifeline.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace Lifeline.Access;

public static class AccessSetup
{
    public static IServiceCollection AddAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BootstrapOptions>().Bind(configuration.GetSection(BootstrapOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentActor>();
        services.AddScoped<ContactDataGuard>();
        services.AddScoped<AdminBootstrap>();
        services.AddScoped<AccountService>();
        services.AddScoped<OwnAccount>();
        services.AddScoped<AccountAdministration>();
        services.AddScoped<AccessLogs>();
        services.AddOptions<SignInOptions>().Bind(configuration.GetSection(SignInOptions.Section)).ValidateDataAnnotations()
            .Validate(o => !o.UnknownMfaRoles.Any(), $"{SignInOptions.Section}:MfaRequiredForRoles names a role that does not exist; roles are {string.Join(", ", LifelineRoles.All)}.")
            .ValidateOnStart();
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<PasswordSignIn>();
        services.AddScoped<Mfa.SecondFactor>();
        services.AddSingleton<ApiTokenPrincipalCache>();
        // Keys that protect sign-in cookies live in the database, so every instance behind a load
        // balancer accepts the cookies of the others, and a restart does not sign everyone out.
        // Their keys are encrypted there with a certificate kept outside the database (KeyRingProtection).
        var certificate = KeyRingProtection.LoadOrCreate(KeyRingProtection.CertificatePath(configuration), configuration[$"{KeyRingProtection.Section}:CertificatePassword"]);
        services.AddDataProtection().SetApplicationName("Lifeline").PersistKeysToDbContext<LifelineDbContext>()
            .ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);

        services.AddIdentityCore<Account>(o =>
            {
                o.User.RequireUniqueEmail = false;
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                // Failed passwords slow further tries down (SignInThrottle) instead of locking: a lockout that anyone
                // can trigger by guessing wrong is a way to shut people out. A lockout end in the future now only
                // means an administrator disabled the account.
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddClaimsPrincipalFactory<AccountClaims>()
            .AddPasswordValidator<Passwords.WeakPasswordValidator>()
            .AddEntityFrameworkStores<LifelineDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        var authentication = services.AddAuthentication(o =>
            {
                o.DefaultScheme = "Lifeline";
                o.DefaultChallengeScheme = "Lifeline";
            })
            .AddPolicyScheme("Lifeline", "Bearer token or sign-in cookie", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiTokenAuthenticationHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        authentication.AddIdentityCookies();
        Oidc.OidcSetup.AddLifelineOidc(authentication, configuration);

        // Every cookie request checks the account's security stamp (one query, as a token request makes): new roles,
        // a sign-out, a password change or a disabled account take effect at once instead of when the cookie expires.
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.Zero;
            // A single sign-on stays one (the provider did the second factor: MfaEnrolmentGate lets it through).
            o.OnRefreshingPrincipal = context =>
            {
                Oidc.OidcSetup.KeepAuthenticationMethod(context);
                return Task.CompletedTask;
            };
        });
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "lifeline";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            // Secure whenever the browser came over HTTPS, also through a TLS proxy once Lifeline:ForwardedHeaders names it.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            // A console page sends a browser that is not signed in to the sign-in page, and back afterwards;
            // the API (and the console's live connection) answers 401/403 and redirects nowhere.
            o.LoginPath = "/signin";
            o.ReturnUrlParameter = "returnUrl";
            o.Events.OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => Answer(context, StatusCodes.Status403Forbidden);
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            // The endpoints' first gate; the services check the same role sets again, for the console and the CLI.
            .AddPolicy(AccessPolicies.Administer, p => p.RequireRole(LifelineRoles.Administrators))
            .AddPolicy(AccessPolicies.OpenAndCloseIncidents, p => p.RequireRole(LifelineRoles.IncidentDesk))
            .AddPolicy(AccessPolicies.RunIncidents, p => p.RequireRole(LifelineRoles.IncidentRunners))
            .AddPolicy(AccessPolicies.TriageIncidents, p => p.RequireRole(LifelineRoles.Triage))
            .AddPolicy(AccessPolicies.ReadReports, p => p.RequireRole(LifelineRoles.ReportReaders));
        return services;
    }

    private static Task Answer(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        var request = context.Request;
        var page = HttpMethods.IsGet(request.Method) && !request.Path.StartsWithSegments("/api") && !request.Path.StartsWithSegments("/_blazor")
            && !request.Path.StartsWithSegments("/openapi");
        if (page && status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Redirect(context.RedirectUri);
        }
        else
        {
            context.Response.StatusCode = status;
        }
        return Task.CompletedTask;
    }
}
