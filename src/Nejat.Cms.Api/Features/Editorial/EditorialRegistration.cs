using Microsoft.AspNetCore.Authentication;

namespace Nejat.Cms.Api.Features.Editorial;

internal static class EditorialRegistration
{
    /// <summary>API-key authentication (<see cref="ApiKeyAuthentication"/>) and the authorization every admin route requires.</summary>
    public static IServiceCollection AddEditorial(this IServiceCollection services)
    {
        services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddAuthorization();
        return services;
    }
}
