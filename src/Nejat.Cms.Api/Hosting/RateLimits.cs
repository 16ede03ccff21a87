using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Nejat.Cms.Api.Hosting;

/// <summary>
/// Abuse limits where work is expensive, with ASP.NET Core's rate limiter (token buckets: a steady
/// rate, and bursts of five seconds' worth). Public answers the output cache does not hold, and more
/// tightly searches, count per client address, read through the trusted proxies' X-Forwarded-For;
/// admin writes and uploads count per API key. The limiter runs after the output cache, so an answer
/// from the cache is never refused. A refusal is a 429 problem with Retry-After. Clients in the exempt
/// networks (this machine by default: the site's own server-side renderer, monitoring, benchmarks)
/// are never limited.
/// </summary>
internal static class RateLimits
{
    public const string PublicPolicy = "public";
    public const string AdminPolicy = "admin";

    public static IServiceCollection AddRateLimits(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<CmsOptions>>((forwarded, cms) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Behind a CDN and a load balancer a request crosses several trusted hops: walk back through all of them.
            forwarded.ForwardLimit = null;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var network in CmsOptions.Networks(cms.Value.TrustedProxies))
            {
                forwarded.KnownIPNetworks.Add(network);
            }
        });
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(PublicPolicy, Partition(static (http, cms) => IsSearch(http.Request)
                ? ("search", cms.SearchesPerSecond, TimeSpan.FromSeconds(1))
                : ("read", cms.PublicRequestsPerSecond, TimeSpan.FromSeconds(1))));
            limiter.AddPolicy(AdminPolicy, Partition(static (http, cms) =>
                HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) ? null
                : http.Request.Path.Equals("/v1/admin/media", StringComparison.OrdinalIgnoreCase) && HttpMethods.IsPost(http.Request.Method)
                    ? ("upload", cms.UploadsPerMinute, TimeSpan.FromMinutes(1))
                    : ("write", cms.AdminWritesPerSecond, TimeSpan.FromSeconds(1))));
            limiter.OnRejected = RejectAsync;
        });
        return services;
    }

    /// <summary>Forwarded headers first, so that everything after sees the client's own address.</summary>
    public static IApplicationBuilder UseClientAddresses(this IApplicationBuilder app) => app.UseForwardedHeaders();

    /// <summary>
    /// A policy whose bucket is per client: the API key or signed-in person when the request carries one, else the
    /// client address. <paramref name="budget"/> names the kind of request and its rate (null: not limited).
    /// </summary>
    private static Func<HttpContext, RateLimitPartition<string>> Partition(
        Func<HttpContext, CmsOptions, (string Kind, int PerPeriod, TimeSpan Period)?> budget) => http =>
    {
        var cms = http.RequestServices.GetRequiredService<IOptions<CmsOptions>>().Value;
        var address = http.Connection.RemoteIpAddress;
        if (address is null || IsExempt(address, cms) || budget(http, cms) is not { } limit)
        {
            return RateLimitPartition.GetNoLimiter("unlimited");
        }

        var client = http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value is { } caller ? caller : $"address:{address}";
        // A steady rate of one token every period / rate, and a bucket for a burst of five periods' worth
        // (uploads: one minute's worth).
        var burst = limit.Period >= TimeSpan.FromMinutes(1) ? limit.PerPeriod : limit.PerPeriod * 5;
        return RateLimitPartition.GetTokenBucketLimiter($"{limit.Kind}:{client}", _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = limit.PerPeriod,
            ReplenishmentPeriod = limit.Period,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    };

    private static bool IsExempt(IPAddress address, CmsOptions cms)
    {
        var normal = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return cms.ExemptNetworks.Any(network => network.Contains(normal));
    }

    /// <summary>Searches cost more than other reads: the search routes, and any list filtered by text (q).</summary>
    private static bool IsSearch(HttpRequest request) =>
        request.Path.Value?.Contains("/search", StringComparison.Ordinal) == true || !string.IsNullOrWhiteSpace(request.Query["q"]);

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"This client has made more requests of this kind than the service takes; try again in {seconds} s. "
                    + "Answers already cached are never refused.",
            },
        });
    }
}
