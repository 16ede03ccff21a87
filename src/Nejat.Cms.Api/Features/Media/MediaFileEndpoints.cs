using System.ComponentModel;
using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Media;

/// <summary>
/// The files behind media, at content-addressed URLs: a URL's bytes never change, so responses are
/// cacheable for a year, with the hash as a strong ETag (If-None-Match gives a 304) and byte Range
/// support (206) for video, audio and PDF. Only the hash, a width and a known extension reach the store,
/// and each file has one spelling of its URL: any other (a width with a leading zero, percent-encoding)
/// is a 404, so no cache holds a file under several names.
/// </summary>
internal static partial class MediaFileEndpoints
{
    private const string CacheForever = "public, max-age=31536000, immutable";

    private const string StoredSql = "SELECT content_type, width, height FROM media WHERE sha256 = @Sha256 LIMIT 1";

    public static RouteGroupBuilder MapMediaFiles(this RouteGroupBuilder v1)
    {
        var files = v1.MapGroup("/files").WithTags("Media");
        files.MapGet("/{file}", GetFile).WithName(nameof(GetFile)).WithSummary("Get a stored file as uploaded (not JPEG, PNG or WebP images: those are served as renditions)")
            .WithDescription("{sha256}.{extension}, as given in a media item's url. Supports byte Range and If-None-Match. Documents, video and audio come inline (a PDF opens in the browser) with Content-Security-Policy: sandbox, so no script in them runs with this site's rights.")
            .Produces<Stream>(StatusCodes.Status200OK, "application/pdf", "video/mp4", "video/webm", "audio/mpeg", "image/gif")
            .Produces(StatusCodes.Status206PartialContent).Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);
        files.MapGet("/{sha256}/{rendition}", GetRendition).WithName(nameof(GetRendition)).WithSummary("Get an image rendition")
            .WithDescription("{sha256}/{width}.{jpg|png|webp}, exactly as given in a media item's renditions (the width in decimal without leading zeros): upright, metadata stripped, never wider than the original; WebP only where both sides fit its 16383 pixels. Made on first request if not made yet.")
            .Produces<Stream>(StatusCodes.Status200OK, "image/jpeg", "image/png", "image/webp")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return v1;
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> GetFile(
        [Description("The file's SHA-256 in lower-case hex, a dot and its extension.")] string file,
        HttpContext http, NpgsqlDataSource db, IMediaStorage storage, CancellationToken ct)
    {
        if (FileNamePattern().Match(file) is not { Success: true } name || !IsCanonical(http, file))
        {
            return FileNotFound();
        }

        var sha256 = name.Groups["sha"].Value;
        var stored = await StoredAsync(db, sha256, ct);
        if (stored?.ContentType is not { } contentType || FileSniffing.OfContentType(contentType) is not { HasRenditions: false } type
            || type.Extension != name.Groups["ext"].Value || storage.OpenRead(sha256) is not { } content)
        {
            return FileNotFound();
        }

        return Serve(http, content, type, $"\"{sha256}\"", file);
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> GetRendition(
        [Description("The image's SHA-256 in lower-case hex.")] string sha256,
        [Description("The rendition: its width, a dot and its format's extension, e.g. `768.webp`.")] string rendition,
        HttpContext http, NpgsqlDataSource db, Renditions renditions, CancellationToken ct)
    {
        if (!LocalMediaStorage.Sha256Pattern().IsMatch(sha256) || RenditionPattern().Match(rendition) is not { Success: true } name
            || !IsCanonical(http, $"{sha256}/{rendition}"))
        {
            return FileNotFound();
        }

        var width = int.Parse(name.Groups["width"].Value, NumberStyles.None, CultureInfo.InvariantCulture); // at most 9 digits
        var stored = await StoredAsync(db, sha256, ct);
        if (stored is not { ContentType: { } contentType, Width: { } fullWidth, Height: { } fullHeight }
            || FileSniffing.OfContentType(contentType) is not { HasRenditions: true } type
            || !MediaUrls.WidthsFor(fullWidth).Contains(width)
            || MediaUrls.FormatsAt(type, fullWidth, fullHeight, width).FirstOrDefault(f => f.Extension == name.Groups["ext"].Value) is not { } format
            || await renditions.OpenAsync(new StoredImage(sha256, type, fullWidth, fullHeight), width, format, ct) is not { } content)
        {
            return FileNotFound();
        }

        return Serve(http, content, format, $"\"{sha256}-{rendition}\"", rendition);
    }

    private static FileStreamHttpResult Serve(HttpContext http, Stream content, FileType type, string etag, string fileName)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = CacheForever;
        headers.XContentTypeOptions = "nosniff";
        if (type.Kind != MediaKinds.Image)
        {
            // Inline, not attachment: a book's or a newsletter's PDF opens in the browser, as a publisher wants it to.
            // The sandbox runs the document (a PDF's scripts, or anything a browser would render as a page) in an
            // origin of its own, without this site's cookies or storage.
            headers.ContentSecurityPolicy = "sandbox";
            headers.ContentDisposition = new ContentDispositionHeaderValue("inline") { FileName = fileName }.ToString();
        }

        // ASP.NET Core takes a single range of any unit for bytes; RFC 9110 (14.2) has a server ignore a range
        // unit it does not know, and answer the whole file.
        if (RangeHeaderValue.TryParse(http.Request.Headers.Range.ToString(), out var range)
            && !range.Unit.Equals("bytes", StringComparison.OrdinalIgnoreCase))
        {
            http.Request.Headers.Range = default;
        }

        return TypedResults.Stream(content, type.ContentType, entityTag: new EntityTagHeaderValue(etag), enableRangeProcessing: true);
    }

    /// <summary>Whether the request's path, as sent (before percent-decoding), ends in exactly these route values.</summary>
    private static bool IsCanonical(HttpContext http, string tail) =>
        (http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "").Split('?')[0].EndsWith("/" + tail, StringComparison.Ordinal);

    private static async Task<StoredRow?> StoredAsync(NpgsqlDataSource db, string sha256, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<StoredRow>(new CommandDefinition(StoredSql, new { Sha256 = sha256 }, cancellationToken: ct));
    }

    private static ProblemHttpResult FileNotFound() =>
        Problems.FileNotFound();

    private sealed record StoredRow(string? ContentType, int? Width, int? Height);

    [GeneratedRegex("^(?<sha>[0-9a-f]{64})\\.(?<ext>[a-z0-9]{2,4})\\z")]
    private static partial Regex FileNamePattern();

    // One spelling per width: decimal digits without a leading zero or sign.
    [GeneratedRegex("^(?<width>[1-9][0-9]{0,8})\\.(?<ext>jpg|png|webp)\\z")]
    private static partial Regex RenditionPattern();
}
