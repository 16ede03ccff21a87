using Microsoft.AspNetCore.Authentication;
using Nejat.Cms.Api.Features.Editorial;

namespace Nejat.Cms.Api.Features.Accounts;

internal static class AccountsRegistration
{
    /// <summary>The scheme every admin route authenticates with: the key when one is sent, else the session cookie.</summary>
    public const string KeyOrSessionScheme = "KeyOrSession";

    /// <summary>
    /// Session authentication (<see cref="SessionAuthentication"/>) beside the API keys of
    /// <see cref="EditorialRegistration.AddEditorial"/> (call that first): a request with an
    /// Authorization header is a program's, authenticated by its key alone (and needs no CSRF token); one
    /// with the session cookie to /v1/admin or /v1/auth is a person's. Other routes never read the cookie.
    /// </summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddAuthentication(options => options.DefaultScheme = KeyOrSessionScheme)
            .AddScheme<AuthenticationSchemeOptions, SessionAuthentication>(SessionAuthentication.SchemeName, null)
            .AddPolicyScheme(KeyOrSessionScheme, null, policy => policy.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.Count == 0 && http.Request.Cookies.ContainsKey(Sessions.CookieName)
                && (http.Request.Path.StartsWithSegments("/v1/admin") || http.Request.Path.StartsWithSegments("/v1/auth"))
                    ? SessionAuthentication.SchemeName
                    : ApiKeyAuthentication.SchemeName);
        return services;
    }
}
