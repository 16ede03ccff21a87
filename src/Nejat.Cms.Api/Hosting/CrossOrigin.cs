using Microsoft.Extensions.Options;

namespace Nejat.Cms.Api.Hosting;

/// <summary>
/// CORS: browsers may read the public API from the configured origins (any by default) and call the
/// admin API only from origins an operator names. Preflights are answered by the CORS middleware and
/// may be cached by the browser for an hour.
/// </summary>
internal static class CrossOrigin
{
    public const string PublicPolicy = "public";
    public const string AdminPolicy = "admin";

    public static IServiceCollection AddCrossOrigin(this IServiceCollection services)
    {
        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>().Configure<IOptions<CmsOptions>>((cors, cms) =>
        {
            cors.AddPolicy(PublicPolicy, policy =>
            {
                Origins(policy, cms.Value.CorsOrigins).WithMethods("GET", "HEAD")
                    .WithHeaders("If-None-Match", "If-Modified-Since")
                    .WithExposedHeaders("ETag", "Last-Modified", "Location")
                    .SetPreflightMaxAge(TimeSpan.FromHours(1));
            });
            cors.AddPolicy(AdminPolicy, policy =>
            {
                Origins(policy, cms.Value.AdminCorsOrigins).WithMethods("GET", "POST", "PUT", "PATCH", "DELETE")
                    .WithHeaders("Authorization", "Content-Type", "If-Match")
                    .WithExposedHeaders("ETag", "Location")
                    .SetPreflightMaxAge(TimeSpan.FromHours(1));
            });
        });
        return services;
    }

    private static Microsoft.AspNetCore.Cors.Infrastructure.CorsPolicyBuilder Origins(
        Microsoft.AspNetCore.Cors.Infrastructure.CorsPolicyBuilder policy, string[] origins) =>
        origins.Contains("*") ? policy.AllowAnyOrigin() : policy.WithOrigins(origins);
}
