using System.ComponentModel;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Features.Editorial;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Media;

/// <summary>/v1/admin/media: upload, read, describe (per edition) and delete media.</summary>
internal static class MediaAdminEndpoints
{
    public static RouteGroupBuilder MapMediaAdmin(this RouteGroupBuilder admin)
    {
        var media = admin.MapGroup("/media").WithTags("Admin: media").ProducesProblem(StatusCodes.Status403Forbidden);
        media.MapPost("/", MediaUpload.UploadMedia).WithName(nameof(MediaUpload.UploadMedia)).WithSummary("Upload a file")
            .WithDescription("multipart/form-data with the file in the part named `file`, and optionally `collection`, `credit` and `source` parts. "
                + "The type comes from the file's first bytes: JPEG, PNG, WebP, GIF, PDF, MP4, WebM or MP3 (SVG is refused). Identical bytes are stored once; each upload is its own media item.")
            .Accepts<IFormFile>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        media.MapPost("/videos", AddExternalVideo).WithName(nameof(AddExternalVideo)).WithSummary("Add a video hosted elsewhere")
            .WithDescription("{\"url\", \"collection\"?, \"credit\"?, \"source\"?, \"translations\"?}: a YouTube or Vimeo URL, or one of a host in Cms__VideoHosts. "
                + "Stored as media of kind video with its provider, id, embed URL and poster (no network call).")
            .Accepts<ExternalVideoWrite>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        media.MapGet("/", ListMediaForEditors).WithName(nameof(ListMediaForEditors)).WithSummary("List media, newest first")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        media.MapGet("/{id:long}", GetMediaForEditors).WithName(nameof(GetMediaForEditors)).WithSummary("Get a media item with every edition's texts")
            .ProducesProblem(StatusCodes.Status404NotFound);
        media.MapPut("/{id:long}", ReplaceMedia).WithName(nameof(ReplaceMedia)).WithSummary("Replace a media item's description")
            .WithDescription("Collection, credit, source and the per-edition texts; each edition whose texts change must be one of the key's. "
                + SharedRule + " Authors change only media they uploaded. Needs If-Match.")
            .Accepts<MediaWrite>("application/json").ProducesWriteProblems();
        media.MapPatch("/{id:long}", PatchMedia).WithName(nameof(PatchMedia)).WithSummary("Change part of a media item's description (JSON Merge Patch)")
            .WithDescription("e.g. {\"translations\":{\"fa\":{\"alt\":\"…\"}}}. Each edition whose texts change must be one of the key's. "
                + SharedRule + " Authors change only media they uploaded. Needs If-Match.")
            .Accepts<JsonObject>("application/merge-patch+json", "application/json").ProducesWriteProblems();
        media.MapDelete("/{id:long}", DeleteMedia).WithName(nameof(DeleteMedia)).WithSummary("Delete a media item")
            .WithDescription("Media that a post features or a gallery shows needs ?force=true (they lose it, and their versions move). Its file goes when no other item shares it. "
                + "Needs the rights on every edition that uses it (its texts, the posts that feature it, the galleries that show it). Needs If-Match.")
            .ProducesWriteProblems();
        return admin;
    }

    private const string SharedRule = "Collection, credit and source are seen by every edition that uses the item (its texts, the posts that feature it, "
        + "the galleries that show it): changing them needs the rights on all of those editions.";

    public const int MaxCreditLength = 300;
    private const int MaxTitleLength = 500;
    private const int MaxAltLength = 1000;
    private const int MaxCaptionLength = 2000;

    public static async Task<Results<Created<AdminMedia>, ProblemHttpResult, ValidationProblem>> AddExternalVideo(
        HttpContext http, NpgsqlDataSource db, IOptions<CmsOptions> options, CancellationToken ct)
    {
        var key = EditorKey.From(http.User);
        if (ToWrite(key) is { } refused)
        {
            return refused;
        }

        var (write, invalid) = await JsonBody.ReadAsync<ExternalVideoWrite>(http.Request, ct);
        if (invalid is not null)
        {
            return invalid;
        }

        if (ExternalVideos.Parse(write!.Url ?? "", options.Value.VideoHosts) is not { } video)
        {
            return JsonBody.Invalid("url", $"url must be a YouTube or Vimeo video page, or an https URL on an allowed host ({string.Join(", ", options.Value.VideoHosts.DefaultIfEmpty("none configured"))}).");
        }

        var description = new MediaWrite { Collection = write.Collection, Credit = write.Credit, Source = write.Source, Translations = write.Translations };
        var texts = Normalised(write.Translations);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await CheckAsync(conn, tx, description, texts, ct) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid media description");
        }

        if (texts.Keys.FirstOrDefault(edition => !key.MayTouch(edition)) is { } forbidden)
        {
            return EditorialProblems.EditionForbidden(key, forbidden);
        }

        var id = await conn.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO media (kind, collection, credit, source, provider, provider_id, source_url, embed_url, thumbnail_url, created_by_key)
            VALUES ('video', @Collection, @Credit, @Source, @Provider, @Id, @Url, @EmbedUrl, @ThumbnailUrl, @KeyId)
            RETURNING id
            """, new
        {
            Collection = Blank(write.Collection),
            Credit = Blank(write.Credit),
            Source = Blank(write.Source),
            video.Provider,
            video.Id,
            video.Url,
            video.EmbedUrl,
            video.ThumbnailUrl,
            KeyId = key.Id,
        }, tx, cancellationToken: ct));
        await ReplaceTextsAsync(conn, tx, id, texts, ct);
        await Audit.RecordAsync(conn, tx, key, "media.add-video", $"media/{id}", http, ct);
        var media = (await MediaData.GetAsync(conn, tx, id, ct))!;
        await tx.CommitAsync(ct);
        Versions.Set(http.Response, media.Version);
        return TypedResults.Created($"/v1/admin/media/{id}", media);
    }

    public static async Task<Results<Ok<ListEnvelope<AdminMedia>>, ProblemHttpResult, ValidationProblem>> ListMediaForEditors(
        [Description("Only media of this collection, e.g. `newsletter`.")] string? collection,
        [Description("Only media of this kind: image, video, audio or document.")] string? kind,
        [Description("Page number, from 1. Default 1.")] QueryInteger? page,
        [Description("Items per page, from 1 to the configured maximum. Default 10.")] QueryInteger? perPage,
        HttpContext http, NpgsqlDataSource db, IOptions<CmsOptions> options, CancellationToken ct)
    {
        if (MediaQueries.InvalidList(collection, kind, page, perPage, options.Value, out var paging) is { } invalid)
        {
            return invalid;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var (problem, total, rows) = await MediaQueries.ListAsync(conn, collection, kind, null, paging, ct);
        if (problem is not null)
        {
            return problem;
        }

        return TypedResults.Ok(ListEnvelope.Create(await MediaData.WithTextsAsync(conn, null, rows, ct), paging, total, http.Request));
    }

    public static async Task<Results<Ok<AdminMedia>, ProblemHttpResult>> GetMediaForEditors(
        [Description("The media item's id.")] long id, HttpContext http, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        if (await MediaData.GetAsync(conn, null, id, ct) is not { } media)
        {
            return Problems.MediaNotFound(id);
        }

        Versions.Set(http.Response, media.Version);
        return TypedResults.Ok(media);
    }

    public static async Task<Results<Ok<AdminMedia>, ProblemHttpResult, ValidationProblem>> ReplaceMedia(
        [Description("The media item's id.")] long id, HttpContext http, NpgsqlDataSource db, CancellationToken ct)
    {
        var (write, invalid) = await JsonBody.ReadAsync<MediaWrite>(http.Request, ct);
        return invalid is not null ? invalid : await EditAsync(id, http, db, _ => write!, ct);
    }

    public static async Task<Results<Ok<AdminMedia>, ProblemHttpResult, ValidationProblem>> PatchMedia(
        [Description("The media item's id.")] long id, HttpContext http, NpgsqlDataSource db, CancellationToken ct)
    {
        var (patch, invalid) = await JsonBody.ReadAsync<JsonObject>(http.Request, ct, "application/merge-patch+json");
        if (invalid is not null)
        {
            return invalid;
        }

        ValidationProblem? problem = null;
        var result = await EditAsync(id, http, db, current =>
        {
            (var merged, problem) = JsonMergePatch.Merge(ToWrite(current), patch!, http);
            return merged;
        }, ct);
        return problem is null ? result : problem;
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteMedia(
        [Description("The media item's id.")] long id,
        [Description("true: delete it even though posts feature it (they lose it).")] bool? force,
        HttpContext http, NpgsqlDataSource db, CancellationToken ct)
    {
        var key = EditorKey.From(http.User);
        var (opened, problem) = await BeginChangeAsync(http, db, id, key, ToDelete, ct);
        if (opened is null)
        {
            return problem!;
        }

        await using var change = opened;
        var (conn, tx) = (change.Connection, change.Transaction);
        var usage = await UsageAsync(conn, tx, id, ct);
        if (key.FirstForeign(usage.Editions) is not null)
        {
            return EditorialProblems.SharedForbidden(key, "delete this media item", usage.Editions);
        }

        var (posts, galleries) = await conn.QuerySingleAsync<(long, long)>(new CommandDefinition("""
            SELECT (SELECT count(*) FROM posts WHERE featured_media_id = @Id), (SELECT count(DISTINCT gallery_id) FROM gallery_items WHERE media_id = @Id)
            """, new { Id = id }, tx, cancellationToken: ct));
        if (posts + galleries > 0 && force is not true)
        {
            return EditorialProblems.Conflict("Media in use", $"{posts} post(s) feature media {id} and {galleries} gallery(ies) show it; delete with ?force=true to take it off them.");
        }

        // Posts and galleries that lose it change, so their versions move. The file itself goes with
        // the media sweeper once no row names it.
        await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE posts SET featured_media_id = NULL, version = version + 1, updated_at = now() WHERE featured_media_id = @Id;
            UPDATE galleries SET version = version + 1, updated_at = now() WHERE id IN (SELECT gallery_id FROM gallery_items WHERE media_id = @Id);
            DELETE FROM gallery_items WHERE media_id = @Id;
            DELETE FROM media WHERE id = @Id;
            """, new { Id = id }, tx, cancellationToken: ct));
        await Audit.RecordAsync(conn, tx, key, posts + galleries > 0 ? "media.delete-forced" : "media.delete", $"media/{id}", http, ct);
        await change.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<AdminMedia>, ProblemHttpResult, ValidationProblem>> EditAsync(
        long id, HttpContext http, NpgsqlDataSource db, Func<AdminMedia, MediaWrite?> writeOf, CancellationToken ct)
    {
        var key = EditorKey.From(http.User);
        var (opened, problem) = await BeginChangeAsync(http, db, id, key, ToWrite, ct);
        if (opened is null)
        {
            return problem!;
        }

        await using var change = opened;
        var (conn, tx, current) = (change.Connection, change.Transaction, change.Current);
        if (writeOf(current) is not { } write)
        {
            return JsonBody.Invalid("body", "Not a valid media description.");
        }

        var texts = Normalised(write.Translations);
        if (await CheckAsync(conn, tx, write, texts, ct) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid media description");
        }

        var usage = await UsageAsync(conn, tx, id, ct);
        if (key.Role == Roles.Author && usage.CreatedByKey != key.Id)
        {
            return EditorialProblems.Forbidden(key, "change this media item", "role editor or admin (authors change only media they uploaded)");
        }

        if ((Blank(write.Collection), Blank(write.Credit), Blank(write.Source)) != (current.Collection, current.Credit, current.Source)
            && key.FirstForeign(usage.Editions) is not null)
        {
            return EditorialProblems.SharedForbidden(key, "change this media item's collection, credit or source", usage.Editions);
        }

        // Each edition's texts belong to that edition's editors.
        var before = Normalised(current.Translations);
        foreach (var edition in texts.Keys.Union(before.Keys).Order(StringComparer.Ordinal))
        {
            if (texts.GetValueOrDefault(edition) != before.GetValueOrDefault(edition) && !key.MayTouch(edition))
            {
                return EditorialProblems.EditionForbidden(key, edition);
            }
        }

        await conn.ExecuteAsync(new CommandDefinition(
            "UPDATE media SET collection = @Collection, credit = @Credit, source = @Source, version = version + 1, updated_at = now() WHERE id = @Id",
            new { Id = id, Collection = Blank(write.Collection), Credit = Blank(write.Credit), Source = Blank(write.Source) }, tx, cancellationToken: ct));
        await ReplaceTextsAsync(conn, tx, id, texts, ct);
        await Audit.RecordAsync(conn, tx, key, "media.update", $"media/{id}", http, ct);
        var updated = (await MediaData.GetAsync(conn, tx, id, ct))!;
        await change.CommitAsync(ct);
        Versions.Set(http.Response, updated.Version);
        return TypedResults.Ok(updated);
    }

    /// <summary>Who uploaded a media item, and the editions that use it: its texts', its featuring posts' and its galleries' titles'.</summary>
    // Properties, not a positional record: Dapper matches constructors by exact column type, and Npgsql reports text[] as System.Array.
    private sealed record MediaUsage
    {
        public long? CreatedByKey { get; init; }
        public string[] Editions { get; init; } = [];
    }

    private static Task<MediaUsage> UsageAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, CancellationToken ct) =>
        conn.QuerySingleAsync<MediaUsage>(new CommandDefinition("""
            SELECT m.created_by_key,
                   ARRAY(SELECT t.edition FROM media_translations t WHERE t.media_id = m.id
                         UNION SELECT p.edition FROM posts p WHERE p.featured_media_id = m.id
                         UNION SELECT g.edition FROM gallery_items i JOIN gallery_titles g ON g.gallery_id = i.gallery_id WHERE i.media_id = m.id) AS editions
            FROM media m WHERE m.id = @Id
            """, new { Id = id }, tx, cancellationToken: ct));

    private static Task<int> ReplaceTextsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, SortedDictionary<string, MediaText> texts, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("""
            DELETE FROM media_translations WHERE media_id = @Id;
            INSERT INTO media_translations (media_id, edition, title, alt, caption)
            SELECT @Id, * FROM unnest(@Editions::text[], @Titles::text[], @Alts::text[], @Captions::text[]);
            """, new
        {
            Id = id,
            Editions = texts.Keys.ToArray(),
            Titles = texts.Values.Select(t => t.Title).ToArray(),
            Alts = texts.Values.Select(t => t.Alt).ToArray(),
            Captions = texts.Values.Select(t => t.Caption).ToArray(),
        }, tx, cancellationToken: ct));

    private static MediaWrite ToWrite(AdminMedia media) => new()
    {
        Collection = media.Collection,
        Credit = media.Credit,
        Source = media.Source,
        Translations = media.Translations.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal),
    };

    /// <summary>Texts trimmed, missing ones empty, editions with no text at all left out.</summary>
    private static SortedDictionary<string, MediaText> Normalised(IReadOnlyDictionary<string, MediaText>? translations)
    {
        var texts = new SortedDictionary<string, MediaText>(StringComparer.Ordinal);
        foreach (var (edition, text) in translations ?? new Dictionary<string, MediaText>())
        {
            var normal = new MediaText(text?.Title?.Trim() ?? "", text?.Alt?.Trim() ?? "", text?.Caption?.Trim() ?? "");
            if (normal is not { Title: "", Alt: "", Caption: "" })
            {
                texts[edition] = normal;
            }
        }

        return texts;
    }

    /// <summary>Field checks; collection and editions must exist.</summary>
    internal static async Task<Dictionary<string, string[]>> CheckAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, MediaWrite write, IReadOnlyDictionary<string, MediaText> texts, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (Blank(write.Collection) is { } collection && !await CollectionExistsAsync(conn, tx, collection, ct))
        {
            errors["collection"] = [$"There is no collection '{collection}'."];
        }

        if (write.Credit is { Length: > MaxCreditLength })
        {
            errors["credit"] = [$"credit is at most {MaxCreditLength} characters."];
        }

        if (write.Source is { Length: > MaxCreditLength })
        {
            errors["source"] = [$"source is at most {MaxCreditLength} characters."];
        }

        // Uploads carry no texts: no need to read the editions for them.
        var known = texts.Count == 0 ? []
            : (await conn.QueryAsync<string>(new CommandDefinition("SELECT code FROM editions", transaction: tx, cancellationToken: ct))).ToHashSet(StringComparer.Ordinal);
        foreach (var (edition, text) in texts)
        {
            var problem = !known.Contains(edition) ? $"There is no edition '{edition}'."
                : text.Title!.Length > MaxTitleLength ? $"title is at most {MaxTitleLength} characters."
                : text.Alt!.Length > MaxAltLength ? $"alt is at most {MaxAltLength} characters."
                : text.Caption!.Length > MaxCaptionLength ? $"caption is at most {MaxCaptionLength} characters."
                : null;
            if (problem is not null)
            {
                errors[$"translations.{edition}"] = [problem];
            }
        }

        return errors;
    }

    private static Task<bool> CollectionExistsAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string collection, CancellationToken ct) =>
        conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM media_collections WHERE slug = @Collection)", new { Collection = collection }, tx, cancellationToken: ct));

    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static ProblemHttpResult? ToWrite(EditorKey key) =>
        key.Role is Roles.Admin or Roles.Editor or Roles.Author ? null
        : EditorialProblems.Forbidden(key, "upload or describe media", "role author, editor or admin");

    private static ProblemHttpResult? ToDelete(EditorKey key) =>
        key.Role is Roles.Admin or Roles.Editor ? null
        : EditorialProblems.Forbidden(key, "delete media", "role editor or admin");

    private static Task<(VersionedChange<AdminMedia>? Change, ProblemHttpResult? Problem)> BeginChangeAsync(
        HttpContext http, NpgsqlDataSource db, long id, EditorKey key, Func<EditorKey, ProblemHttpResult?> refuse, CancellationToken ct) =>
        VersionedChange<AdminMedia>.BeginAsync(http.Request, db, (conn, tx) => MediaData.GetAsync(conn, tx, id, ct, forUpdate: true),
            media => media.Version, _ => refuse(key), () => Problems.MediaNotFound(id), $"Media {id}", ct);

}
