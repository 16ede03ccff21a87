using System.ComponentModel;
using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Npgsql;

namespace Nejat.Cms.Api.Features.Media;

/// <summary>
/// The files behind media, at content-addressed URLs: a URL's bytes never change, so responses are
/// cacheable for a year, with the hash as a strong ETag (If-None-Match gives a 304) and Range support
/// (206) for video, audio and PDF. Only the hash, a width and a known extension reach the store.
/// </summary>
internal static partial class MediaFileEndpoints
{
    private const string CacheForever = "public, max-age=31536000, immutable";

    private const string StoredSql = "SELECT content_type, width, height FROM media WHERE sha256 = @Sha256 LIMIT 1";

    public static RouteGroupBuilder MapMediaFiles(this RouteGroupBuilder v1)
    {
        var files = v1.MapGroup("/files").WithTags("Media");
        files.MapGet("/{file}", GetFile).WithName(nameof(GetFile)).WithSummary("Get a stored file as uploaded (not JPEG, PNG or WebP images: those are served as renditions)")
            .WithDescription("{sha256}.{extension}, as given in a media item's url. Supports Range and If-None-Match.")
            .Produces(StatusCodes.Status200OK, null, "application/pdf", "video/mp4", "video/webm", "audio/mpeg", "image/gif")
            .Produces(StatusCodes.Status206PartialContent).Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);
        files.MapGet("/{sha256}/{rendition}", GetRendition).WithName(nameof(GetRendition)).WithSummary("Get an image rendition")
            .WithDescription("{sha256}/{width}.{jpg|png|webp}, as given in a media item's renditions: upright, metadata stripped, never wider than the original; WebP only where both sides fit its 16383 pixels. Made on first request if not made yet.")
            .Produces(StatusCodes.Status200OK, null, "image/jpeg", "image/png", "image/webp")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return v1;
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> GetFile(
        [Description("The file's SHA-256 in lower-case hex, a dot and its extension.")] string file,
        HttpResponse response, NpgsqlDataSource db, IMediaStorage storage, CancellationToken ct)
    {
        if (FileNamePattern().Match(file) is not { Success: true } name)
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

        return Serve(response, content, type.ContentType, $"\"{sha256}\"");
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> GetRendition(
        [Description("The image's SHA-256 in lower-case hex.")] string sha256,
        [Description("The rendition: its width, a dot and its format's extension, e.g. `768.webp`.")] string rendition,
        HttpResponse response, NpgsqlDataSource db, Renditions renditions, CancellationToken ct)
    {
        if (!LocalMediaStorage.Sha256Pattern().IsMatch(sha256) || RenditionPattern().Match(rendition) is not { Success: true } name
            || !int.TryParse(name.Groups["width"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var width))
        {
            return FileNotFound();
        }

        var stored = await StoredAsync(db, sha256, ct);
        if (stored is not { ContentType: { } contentType, Width: { } fullWidth, Height: { } fullHeight }
            || FileSniffing.OfContentType(contentType) is not { HasRenditions: true } type
            || !MediaUrls.WidthsFor(fullWidth).Contains(width)
            || MediaUrls.FormatsAt(type, fullWidth, fullHeight, width).FirstOrDefault(f => f.Extension == name.Groups["ext"].Value) is not { } format
            || await renditions.OpenAsync(new StoredImage(sha256, type, fullWidth, fullHeight), width, format, ct) is not { } content)
        {
            return FileNotFound();
        }

        return Serve(response, content, format.ContentType, $"\"{sha256}-{rendition}\"");
    }

    private static FileStreamHttpResult Serve(HttpResponse response, Stream content, string contentType, string etag)
    {
        response.Headers.CacheControl = CacheForever;
        response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Stream(content, contentType, entityTag: new EntityTagHeaderValue(etag), enableRangeProcessing: true);
    }

    private static async Task<StoredRow?> StoredAsync(NpgsqlDataSource db, string sha256, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<StoredRow>(new CommandDefinition(StoredSql, new { Sha256 = sha256 }, cancellationToken: ct));
    }

    private static ProblemHttpResult FileNotFound() =>
        TypedResults.Problem("No such file. File URLs come from media items (GET /v1/media).", statusCode: StatusCodes.Status404NotFound, title: "File not found");

    private sealed record StoredRow(string? ContentType, int? Width, int? Height);

    [GeneratedRegex("^(?<sha>[0-9a-f]{64})\\.(?<ext>[a-z0-9]{2,4})$")]
    private static partial Regex FileNamePattern();

    [GeneratedRegex("^(?<width>[0-9]{1,5})\\.(?<ext>jpg|png|webp)$")]
    private static partial Regex RenditionPattern();
}
