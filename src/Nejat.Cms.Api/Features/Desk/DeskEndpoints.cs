using System.Collections.Frozen;
using Microsoft.Net.Http.Headers;
using Nejat.Cms.Api.Hosting;

namespace Nejat.Cms.Api.Features.Desk;

/// <summary>
/// The editors' desk (docs/desk.md) at /admin: index.html and its hashed assets, nothing else. The desk
/// routes by hash (/admin/#/posts/fa), so no fallback route is needed. These are not API operations, so
/// they are left out of the OpenAPI document (and so of the tests that walk it); the tests that walk the
/// endpoint data source look only under /v1.
/// </summary>
internal static class DeskEndpoints
{
    // Scripts only from this origin (no inline script, no eval). Styles allow inline because the component
    // library sets CSS variables in style attributes and <style> elements; style cannot run code.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https://i.ytimg.com; "
        + "connect-src 'self'; font-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private const string CacheForever = "public, max-age=31536000, immutable";

    public static IEndpointRouteBuilder MapDesk(this IEndpointRouteBuilder app)
    {
        var files = DeskFiles.Load();
        var desk = app.MapGroup("/admin").ExcludeFromDescription().AnswerHead().RequireRateLimiting(RateLimits.PublicPolicy);
        // Matches "/admin" and "/admin/" alike (routing ignores a trailing slash).
        desk.MapGet("/", (HttpContext http) => Serve(http, files, "index.html"));
        desk.MapGet("/assets/{file}", (string file, HttpContext http) => Serve(http, files, $"assets/{file}"));
        return app;
    }

    private static IResult Serve(HttpContext http, FrozenDictionary<string, DeskFile> files, string path)
    {
        if (!files.TryGetValue(path, out var file))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                detail: files.Count == 0 ? "The desk is not built into this service: see docs/desk.md." : $"The desk has no file {path}.");
        }

        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        // Hashed asset names never change their bytes; index.html names the current ones, so it is revalidated.
        headers.CacheControl = path == "index.html" ? "no-cache" : CacheForever;
        headers.ETag = file.ETag;
        headers.Vary = HeaderNames.AcceptEncoding;
        if (http.Request.Headers.IfNoneMatch == file.ETag)
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        if (file.Brotli is { } brotli && http.Request.Headers.AcceptEncoding.Any(e => e?.Contains("br", StringComparison.Ordinal) == true))
        {
            headers.ContentEncoding = "br";
            return TypedResults.Bytes(brotli, file.ContentType);
        }

        return TypedResults.Bytes(file.Bytes, file.ContentType);
    }
}
