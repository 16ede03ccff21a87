using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Nejat.Cms.Api.Database;

namespace Nejat.Cms.Api.Hosting;

/// <summary>
/// HTTP caching of the public API. Every public answer is versioned by its edition's content
/// version (<see cref="ContentVersions"/>): the version is the ETag, decides 304s without running the
/// handler, and is part of the output-cache key, so a write is visible on the very next read while
/// the other editions stay cached. Admin answers are never stored anywhere.
/// </summary>
internal static class PublicCaching
{
    private const string PolicyName = "public-content";
    private const string SurrogateKeysItem = "Nejat.SurrogateKeys";

    public static IServiceCollection AddPublicCaching(this IServiceCollection services)
    {
        services.AddOutputCache(options => options.AddPolicy(PolicyName, new PublicOutputCachePolicy()));
        services.AddOptions<OutputCacheOptions>().Configure<IOptions<CmsOptions>>((cache, cms) =>
            cache.SizeLimit = cms.Value.OutputCacheSizeMb * 1024L * 1024L);
        services.AddSingleton<ContentVersions>();
        services.AddHostedService(sp => sp.GetRequiredService<ContentVersions>());
        return services;
    }

    /// <summary>Public reads: versioned ETags, 304s, cache headers and the output cache.</summary>
    public static RouteGroupBuilder WithPublicCaching(this RouteGroupBuilder group)
    {
        group.CacheOutput(PolicyName);
        group.AddEndpointFilter(ConditionalGetAsync);
        group.WithMetadata(new CachedPublicly());
        return group;
    }

    /// <summary>Says that a route answers with the public cache headers and 304s, for the OpenAPI document.</summary>
    internal sealed record CachedPublicly;

    /// <summary>
    /// Admin answers carry drafts and secrets: no cache may keep them. A write's answer is sent only
    /// after the content versions have caught up with it, so the writer's next read sees the write.
    /// </summary>
    public static RouteGroupBuilder WithAdminCaching(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            http.Response.Headers.CacheControl = "private, no-store";
            var result = await next(context);
            if (!HttpMethods.IsGet(http.Request.Method))
            {
                await http.RequestServices.GetRequiredService<ContentVersions>().RefreshAsync(http.RequestAborted);
            }

            return result;
        });
        return group;
    }

    /// <summary>The header on answers served while the database does not answer: how many seconds they may be out of date.</summary>
    public const string StaleHeader = "X-Stale-Seconds";

    /// <summary>
    /// While the database does not answer, the output cache keeps serving what it holds; such answers
    /// say for how long they may have missed changes (the time since the database last answered).
    /// </summary>
    public static IApplicationBuilder UseStaleAnswerHeader(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var database = context.RequestServices.GetRequiredService<DatabaseStatus>();
        if (database.UnreachableSince is { } since)
        {
            context.Response.OnStarting(() =>
            {
                if (context.Response.StatusCode < StatusCodes.Status400BadRequest)
                {
                    var seconds = (long)Math.Ceiling((context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow() - since).TotalSeconds);
                    context.Response.Headers[StaleHeader] = seconds.ToString(CultureInfo.InvariantCulture);
                }

                return Task.CompletedTask;
            });
        }

        return next(context);
    });

    /// <summary>Names content in the response for the Surrogate-Key header, so a CDN can purge exactly.</summary>
    public static void AddSurrogateKeys(this HttpContext http, IEnumerable<string> keys)
    {
        if (http.Items[SurrogateKeysItem] is not HashSet<string> set)
        {
            http.Items[SurrogateKeysItem] = set = new HashSet<string>(StringComparer.Ordinal);
        }

        set.UnionWith(keys);
    }

    /// <summary>A surrogate key part for a slug: percent-encoded, as header values are ASCII.</summary>
    public static string KeyPart(string slug) => Uri.EscapeDataString(slug);

    /// <summary>The content scope of a request: its edition, or the global scope for editions and authors.</summary>
    internal static string ScopeOf(HttpContext http) => http.GetRouteValue("edition") as string ?? ContentVersions.GlobalScope;

    private static async ValueTask<object?> ConditionalGetAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var scope = ScopeOf(http);
        if (http.RequestServices.GetRequiredService<ContentVersions>().Of(scope) is not { } version)
        {
            return await next(context); // an unknown edition: the handler answers 404
        }

        var etag = new EntityTagHeaderValue($"\"{(scope == ContentVersions.GlobalScope ? "all" : scope)}.{version.Number.ToString(CultureInfo.InvariantCulture)}\"", isWeak: true);
        var options = http.RequestServices.GetRequiredService<IOptions<CmsOptions>>().Value;
        if (IsNotModified(http.Request, etag, version))
        {
            SetHeaders(http, etag, version, scope, options);
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var result = await next(context);
        // Results<Ok<T>, ProblemHttpResult, …> wraps the result the handler chose. Problems say their
        // status; answers that say none (file and redirect results) are content too.
        var chosen = result is INestedHttpResult nested ? nested.Result : result;
        if (chosen is not IStatusCodeHttpResult { StatusCode: not (null or StatusCodes.Status200OK) })
        {
            SetHeaders(http, etag, version, scope, options);
        }

        return result;
    }

    private static bool IsNotModified(HttpRequest request, EntityTagHeaderValue etag, ContentVersion version)
    {
        var headers = request.GetTypedHeaders();
        if (headers.IfNoneMatch is { Count: > 0 } ifNoneMatch)
        {
            return ifNoneMatch.Any(candidate => candidate.Equals(EntityTagHeaderValue.Any) || candidate.Compare(etag, useStrongComparison: false));
        }

        // HTTP dates have whole seconds.
        return headers.IfModifiedSince is { } since && version.ChangedAt.ToUnixTimeSeconds() <= since.ToUnixTimeSeconds();
    }

    private static void SetHeaders(HttpContext http, EntityTagHeaderValue etag, ContentVersion version, string scope, CmsOptions options)
    {
        var headers = http.Response.GetTypedHeaders();
        headers.ETag = etag;
        headers.LastModified = version.ChangedAt;
        http.Response.Headers.CacheControl = string.Create(CultureInfo.InvariantCulture,
            $"public, max-age={(long)options.CacheMaxAge.TotalSeconds}, s-maxage={(long)options.CacheSharedMaxAge.TotalSeconds}, stale-while-revalidate={(long)options.CacheStaleWhileRevalidate.TotalSeconds}");
        http.Response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
        var keys = http.Items[SurrogateKeysItem] as HashSet<string> ?? [];
        http.Response.Headers["Surrogate-Key"] = string.Join(' ', keys.Prepend(scope == ContentVersions.GlobalScope ? "all" : $"edition:{scope}"));
    }

    /// <summary>
    /// Keys cached public answers on everything that changes them — path, every query value, the
    /// Accept-Encoding (answers are stored compressed) and the content version — and tags them with
    /// their scope for eviction. Only 200s and 301s are kept.
    /// </summary>
    private sealed class PublicOutputCachePolicy : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var http = context.HttpContext;
            var scope = ScopeOf(http);
            var version = http.RequestServices.GetRequiredService<ContentVersions>().Of(scope);
            var enabled = http.RequestServices.GetRequiredService<IOptions<CmsOptions>>().Value.OutputCache
                && (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
                && version is not null;
            context.EnableOutputCaching = enabled;
            context.AllowCacheLookup = enabled;
            context.AllowCacheStorage = enabled;
            context.AllowLocking = true;
            if (enabled)
            {
                context.CacheVaryByRules.QueryKeys = "*";
                context.CacheVaryByRules.HeaderNames = HeaderNames.AcceptEncoding;
                context.CacheVaryByRules.VaryByValues["content-version"] = version!.Value.Number.ToString(CultureInfo.InvariantCulture);
                context.Tags.Add(ContentVersions.Tag(scope));
                context.ResponseExpirationTimeSpan = TimeSpan.FromHours(1);
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            context.HttpContext.RequestServices.GetRequiredService<CmsMetrics>().OutputCacheLookup(hit: true);
            return ValueTask.CompletedTask;
        }

        // Called only for answers the cache did not have (when caching is on for the request).
        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            context.HttpContext.RequestServices.GetRequiredService<CmsMetrics>().OutputCacheLookup(hit: false);
            if (context.HttpContext.Response.StatusCode is not (StatusCodes.Status200OK or StatusCodes.Status301MovedPermanently))
            {
                context.AllowCacheStorage = false;
            }

            return ValueTask.CompletedTask;
        }
    }
}
