using System.Text.Json.Nodes;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Features.Editorial;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Media;

/// <summary>
/// Media work for one admin request: who asks, on which data source and store. Bound as a handler
/// parameter, so handlers read their input and make one call. Reading, adding videos, describing and
/// deleting are here; the upload, which streams a file into the store, is in MediaUpload.cs.
/// </summary>
internal sealed partial class MediaEditor(
    EditorKey key, NpgsqlDataSource db, IMediaStorage storage, Renditions renditions, ImageWorkers imageWorkers, CmsOptions options, HttpContext http)
{
    public static ValueTask<MediaEditor?> BindAsync(HttpContext context)
    {
        var services = context.RequestServices;
        return ValueTask.FromResult<MediaEditor?>(new MediaEditor(EditorKey.From(context.User), services.GetRequiredService<NpgsqlDataSource>(),
            services.GetRequiredService<IMediaStorage>(), services.GetRequiredService<Renditions>(), services.GetRequiredService<ImageWorkers>(),
            services.GetRequiredService<IOptions<CmsOptions>>().Value, context));
    }

    public async Task<Results<Ok<ListEnvelope<AdminMedia>>, ProblemHttpResult, ValidationProblem>> ListAsync(MediaFilter filter, PageQuery paging, CancellationToken ct)
    {
        if (filter.Invalid(paging, options, out var page) is { } invalid)
        {
            return invalid;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var (list, problem) = await MediaQueries.ListAsync(conn, filter, null, page, http.Request, ct);
        return list is null ? problem!
            : TypedResults.Ok(new ListEnvelope<AdminMedia>(await AdminMediaQueries.WithTextsAsync(conn, null, list.Items, ct), list.Page, list.Links));
    }

    public async Task<Results<Ok<AdminMedia>, ProblemHttpResult>> GetAsync(long id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        if (await AdminMediaQueries.GetAsync(conn, null, id, ct) is not { } media)
        {
            return Problems.MediaNotFound(id);
        }

        Versions.Set(http.Response, media.Version);
        return TypedResults.Ok(media);
    }

    public async Task<Results<Created<AdminMedia>, ProblemHttpResult, ValidationProblem>> AddExternalVideoAsync(ExternalVideoWrite write, CancellationToken ct)
    {
        if (RefuseDescribing() is { } refused)
        {
            return refused;
        }

        if (ExternalVideos.Parse(write.Url ?? "", options.VideoHosts) is not { } video)
        {
            return JsonBody.Invalid("url", $"url must be a YouTube or Vimeo video page, or an https URL on an allowed host ({string.Join(", ", options.VideoHosts.DefaultIfEmpty("none configured"))}).");
        }

        var description = new MediaWrite { Collection = write.Collection, Credit = write.Credit, Source = write.Source, Translations = write.Translations };
        var texts = MediaDescriptions.Normalised(write.Translations);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await MediaDescriptions.CheckAsync(conn, tx, description, texts, ct) is { Count: > 0 } errors)
        {
            return MediaDescriptions.Invalid(errors);
        }

        if (texts.Keys.FirstOrDefault(edition => !key.MayTouch(edition)) is { } forbidden)
        {
            return EditorialProblems.EditionForbidden(key, forbidden);
        }

        var id = await conn.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO media (kind, collection, credit, source, provider, provider_id, source_url, embed_url, thumbnail_url, created_by_key, created_by_account)
            VALUES ('video', @Collection, @Credit, @Source, @Provider, @Id, @Url, @EmbedUrl, @ThumbnailUrl, @KeyId, @AccountId)
            RETURNING id
            """, new
        {
            Collection = MediaDescriptions.Blank(write.Collection),
            Credit = MediaDescriptions.Blank(write.Credit),
            Source = MediaDescriptions.Blank(write.Source),
            video.Provider,
            video.Id,
            video.Url,
            video.EmbedUrl,
            video.ThumbnailUrl,
            key.KeyId,
            key.AccountId,
        }, tx, cancellationToken: ct));
        await MediaDescriptions.ReplaceTextsAsync(conn, tx, id, texts, ct);
        return TypedResults.Created($"/v1/admin/media/{id}", await CommitNewAsync(conn, tx, id, "media.add-video", ct));
    }

    public Task<Results<Ok<AdminMedia>, ProblemHttpResult, ValidationProblem>> ReplaceAsync(long id, MediaWrite write, CancellationToken ct) =>
        EditAsync(id, _ => (write, null), ct);

    public Task<Results<Ok<AdminMedia>, ProblemHttpResult, ValidationProblem>> PatchAsync(long id, JsonObject patch, CancellationToken ct) =>
        EditAsync(id, current => JsonMergePatch.Merge(MediaDescriptions.Of(current), patch, http), ct);

    public async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, bool force, CancellationToken ct)
    {
        var (opened, problem) = await BeginChangeAsync(id, RefuseDeleting, ct);
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
        if (posts + galleries > 0 && !force)
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

    /// <summary>
    /// The shape of every change to a description: If-Match, lock, rights, version, the change, checks,
    /// save, commit. <paramref name="change"/> returns the new description, or the 400 of a merge patch
    /// that makes it invalid.
    /// </summary>
    private async Task<Results<Ok<AdminMedia>, ProblemHttpResult, ValidationProblem>> EditAsync(
        long id, Func<AdminMedia, (MediaWrite? Write, ValidationProblem? Problem)> change, CancellationToken ct)
    {
        var (opened, problem) = await BeginChangeAsync(id, RefuseDescribing, ct);
        if (opened is null)
        {
            return problem!;
        }

        await using var edit = opened;
        var (conn, tx, current) = (edit.Connection, edit.Transaction, edit.Current);
        var (write, invalid) = change(current);
        if (invalid is not null)
        {
            return invalid;
        }

        var texts = MediaDescriptions.Normalised(write!.Translations);
        if (await MediaDescriptions.CheckAsync(conn, tx, write, texts, ct) is { Count: > 0 } errors)
        {
            return MediaDescriptions.Invalid(errors);
        }

        if (await RefuseChangeAsync(conn, tx, current, write, texts, ct) is { } refused)
        {
            return refused;
        }

        var (collection, credit, source) = (MediaDescriptions.Blank(write.Collection), MediaDescriptions.Blank(write.Credit), MediaDescriptions.Blank(write.Source));
        await MediaDescriptions.DescribeAsync(conn, tx, id, collection, credit, source, ct);
        await MediaDescriptions.ReplaceTextsAsync(conn, tx, id, texts, ct);
        await Audit.RecordAsync(conn, tx, key, "media.update", $"media/{id}", http, ct);
        var updated = (await AdminMediaQueries.GetAsync(conn, tx, id, ct))!;
        await edit.CommitAsync(ct);
        Versions.Set(http.Response, updated.Version);
        return TypedResults.Ok(updated);
    }

    /// <summary>
    /// Authors change only media they uploaded; collection, credit and source are seen by every edition
    /// that uses the item, so changing them needs the rights on all of those; each edition's texts belong
    /// to that edition's editors.
    /// </summary>
    private async Task<ProblemHttpResult?> RefuseChangeAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, AdminMedia current, MediaWrite write, SortedDictionary<string, MediaText> texts, CancellationToken ct)
    {
        var usage = await UsageAsync(conn, tx, current.Id, ct);
        if (key.Role == Roles.Author && !key.Made(usage.CreatedByKey, usage.CreatedByAccount))
        {
            return EditorialProblems.Forbidden(key, "change this media item", "role editor or admin (authors change only media they uploaded)");
        }

        if ((MediaDescriptions.Blank(write.Collection), MediaDescriptions.Blank(write.Credit), MediaDescriptions.Blank(write.Source)) != (current.Collection, current.Credit, current.Source)
            && key.FirstForeign(usage.Editions) is not null)
        {
            return EditorialProblems.SharedForbidden(key, "change this media item's collection, credit or source", usage.Editions);
        }

        var before = MediaDescriptions.Normalised(current.Translations);
        return texts.Keys.Union(before.Keys).Order(StringComparer.Ordinal)
            .FirstOrDefault(edition => texts.GetValueOrDefault(edition) != before.GetValueOrDefault(edition) && !key.MayTouch(edition)) is { } forbidden
            ? EditorialProblems.EditionForbidden(key, forbidden)
            : null;
    }

    /// <summary>Audits a new item, reads it in the transaction and commits; the response carries its ETag.</summary>
    private async Task<AdminMedia> CommitNewAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, string action, CancellationToken ct)
    {
        await Audit.RecordAsync(conn, tx, key, action, $"media/{id}", http, ct);
        var media = (await AdminMediaQueries.GetAsync(conn, tx, id, ct))!;
        await tx.CommitAsync(ct);
        Versions.Set(http.Response, media.Version);
        return media;
    }

    /// <summary>Who uploaded a media item, and the editions that use it: its texts', its featuring posts' and its galleries' titles'.</summary>
    // Properties, not a positional record: Dapper matches constructors by exact column type, and Npgsql reports text[] as System.Array.
    private sealed record MediaUsageRow
    {
        public long? CreatedByKey { get; init; }
        public long? CreatedByAccount { get; init; }
        public string[] Editions { get; init; } = [];
    }

    private static Task<MediaUsageRow> UsageAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, CancellationToken ct) =>
        conn.QuerySingleAsync<MediaUsageRow>(new CommandDefinition("""
            SELECT m.created_by_key, m.created_by_account,
                   ARRAY(SELECT t.edition FROM media_translations t WHERE t.media_id = m.id
                         UNION SELECT p.edition FROM posts p WHERE p.featured_media_id = m.id
                         UNION SELECT g.edition FROM gallery_items i JOIN gallery_titles g ON g.gallery_id = i.gallery_id WHERE i.media_id = m.id) AS editions
            FROM media m WHERE m.id = @Id
            """, new { Id = id }, tx, cancellationToken: ct));

    private ProblemHttpResult? RefuseDescribing() =>
        key.Role is Roles.Admin or Roles.Editor or Roles.Author ? null
        : EditorialProblems.Forbidden(key, "upload or describe media", "role author, editor or admin");

    private ProblemHttpResult? RefuseDeleting() =>
        key.Role is Roles.Admin or Roles.Editor ? null
        : EditorialProblems.Forbidden(key, "delete media", "role editor or admin");

    private Task<(VersionedChange<AdminMedia>? Change, ProblemHttpResult? Problem)> BeginChangeAsync(long id, Func<ProblemHttpResult?> refuse, CancellationToken ct) =>
        VersionedChange<AdminMedia>.BeginAsync(http.Request, db, (conn, tx) => AdminMediaQueries.GetAsync(conn, tx, id, ct, forUpdate: true),
            media => media.Version, _ => refuse(), () => Problems.MediaNotFound(id), $"Media {id}", ct);
}
