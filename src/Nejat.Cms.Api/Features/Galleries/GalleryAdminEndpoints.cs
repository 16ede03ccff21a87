using System.ComponentModel;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Database;
using Nejat.Cms.Api.Features.Editorial;
using Nejat.Cms.Api.Hosting;
using Nejat.Cms.Api.Text;
using Npgsql;

namespace Nejat.Cms.Api.Features.Galleries;

/// <summary>A gallery as editors see it: every edition's title, its media ids in order, its version.</summary>
public sealed record AdminGallery
{
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public IReadOnlyDictionary<string, string> Titles { get; init; } = new Dictionary<string, string>();
    public long[] MediaIds { get; init; } = [];
    public int Version { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
}

/// <summary>The body of POST and PUT /v1/admin/galleries: titles keyed by edition code, media ids in display order.</summary>
public sealed record GalleryWrite
{
    /// <summary>Left out: made from the first title.</summary>
    public string? Slug { get; init; }
    public Dictionary<string, string>? Titles { get; init; }
    public long[]? MediaIds { get; init; }
}

internal sealed record GalleryAdminRow
{
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public string[] TitleEditions { get; init; } = [];
    public string[] TitleTexts { get; init; } = [];
    public long[] MediaIds { get; init; } = [];
    public int Version { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
}

/// <summary>/v1/admin/galleries: editors and admins arrange media into galleries; each edition's title is its editors'.</summary>
internal static class GalleryAdminEndpoints
{
    private const int MaxItems = 500;

    private const string Columns = """
        g.id, g.slug,
        coalesce((SELECT array_agg(t.edition ORDER BY t.edition) FROM gallery_titles t WHERE t.gallery_id = g.id), '{}') AS title_editions,
        coalesce((SELECT array_agg(t.title ORDER BY t.edition) FROM gallery_titles t WHERE t.gallery_id = g.id), '{}') AS title_texts,
        coalesce((SELECT array_agg(i.media_id ORDER BY i.position) FROM gallery_items i WHERE i.gallery_id = g.id), '{}') AS media_ids,
        g.version, g.created_at, g.updated_at
        """;

    public static RouteGroupBuilder MapGalleryAdmin(this RouteGroupBuilder admin)
    {
        var galleries = admin.MapGroup("/galleries").WithTags("Admin: galleries").ProducesProblem(StatusCodes.Status403Forbidden);
        galleries.MapGet("/", ListGalleriesForEditors).WithName(nameof(ListGalleriesForEditors)).WithSummary("List galleries, newest first")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        galleries.MapGet("/{id:long}", GetGalleryForEditors).WithName(nameof(GetGalleryForEditors)).WithSummary("Get a gallery")
            .ProducesProblem(StatusCodes.Status404NotFound);
        galleries.MapPost("/", CreateGallery).WithName(nameof(CreateGallery)).WithSummary("Create a gallery")
            .WithDescription("{\"slug\"?, \"titles\": {\"fa\": \"…\"}, \"mediaIds\": [3, 1, 2]}. Titles only in the key's editions.")
            .Accepts<GalleryWrite>("application/json").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        galleries.MapPut("/{id:long}", ReplaceGallery).WithName(nameof(ReplaceGallery)).WithSummary("Replace a gallery's slug, titles and items")
            .WithDescription("Each edition whose title changes must be one of the key's; a new slug or other items need the rights on every edition the gallery has a title in (every edition shows them). "
                + "A slug left out stays as it is. Needs If-Match.")
            .Accepts<GalleryWrite>("application/json").ProducesWriteProblems();
        galleries.MapDelete("/{id:long}", DeleteGallery).WithName(nameof(DeleteGallery)).WithSummary("Delete a gallery (its media stay)")
            .WithDescription("Needs the rights on every edition it has a title in. Needs If-Match.").ProducesWriteProblems();
        return admin;
    }

    public static async Task<Results<Ok<ListEnvelope<AdminGallery>>, ValidationProblem>> ListGalleriesForEditors(
        [Description("Page number, from 1. Default 1.")] QueryInteger? page,
        [Description("Galleries per page, from 1 to the configured maximum. Default 10.")] QueryInteger? perPage,
        HttpRequest request, NpgsqlDataSource db, IOptions<CmsOptions> options, CancellationToken ct)
    {
        if (PageRequest.Invalid(page, perPage, options.Value, out var paging) is { } invalid)
        {
            return invalid;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var results = await conn.QueryMultipleAsync(new CommandDefinition($"""
            SELECT count(*) FROM galleries;
            SELECT {Columns} FROM galleries g ORDER BY g.id DESC LIMIT @Limit OFFSET @Offset;
            """, new { Limit = paging.Size, paging.Offset }, cancellationToken: ct));
        var total = await results.ReadSingleAsync<long>();
        var items = (await results.ReadAsync<GalleryAdminRow>()).Select(ToAdmin).ToArray();
        return TypedResults.Ok(ListEnvelope.Create(items, paging, total, request));
    }

    public static async Task<Results<Ok<AdminGallery>, ProblemHttpResult>> GetGalleryForEditors(
        [Description("The gallery's id.")] long id, HttpResponse response, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        if (await GetAsync(conn, null, id, ct) is not { } gallery)
        {
            return GalleryNotFound(id);
        }

        Versions.Set(response, gallery.Version);
        return TypedResults.Ok(gallery);
    }

    public static async Task<Results<Created<AdminGallery>, ProblemHttpResult, ValidationProblem>> CreateGallery(
        HttpContext http, NpgsqlDataSource db, CancellationToken ct)
    {
        var key = EditorKey.From(http.User);
        var (write, invalid) = await JsonBody.ReadAsync<GalleryWrite>(http.Request, ct);
        if (invalid is not null)
        {
            return invalid;
        }

        if (Refuse(key, write!.Titles?.Keys ?? Enumerable.Empty<string>()) is { } refused)
        {
            return refused;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var (slug, conflict, badWrite) = await SaveAsync(conn, tx, null, write, ct);
        if (conflict is not null || badWrite is not null)
        {
            return badWrite is null ? conflict! : badWrite;
        }

        var id = await conn.ExecuteScalarAsync<long>(new CommandDefinition("SELECT id FROM galleries WHERE slug = @Slug", new { Slug = slug }, tx, cancellationToken: ct));
        await Audit.RecordAsync(conn, tx, key, "galleries.create", $"galleries/{id}", http, ct);
        var gallery = (await GetAsync(conn, tx, id, ct))!;
        await tx.CommitAsync(ct);
        Versions.Set(http.Response, gallery.Version);
        return TypedResults.Created($"/v1/admin/galleries/{id}", gallery);
    }

    public static async Task<Results<Ok<AdminGallery>, ProblemHttpResult, ValidationProblem>> ReplaceGallery(
        [Description("The gallery's id.")] long id, HttpContext http, NpgsqlDataSource db, CancellationToken ct)
    {
        var key = EditorKey.From(http.User);
        var (write, invalid) = await JsonBody.ReadAsync<GalleryWrite>(http.Request, ct);
        if (invalid is not null)
        {
            return invalid;
        }

        var (opened, refusal) = await BeginChangeAsync(http, db, id, key, current => RefuseReplace(key, current, write!), ct);
        if (opened is null)
        {
            return refusal!;
        }

        await using var change = opened;
        var (_, conflict, badWrite) = await SaveAsync(change.Connection, change.Transaction, change.Current, write!, ct);
        if (conflict is not null || badWrite is not null)
        {
            return badWrite is null ? conflict! : badWrite;
        }

        await Audit.RecordAsync(change.Connection, change.Transaction, key, "galleries.update", $"galleries/{id}", http, ct);
        var gallery = (await GetAsync(change.Connection, change.Transaction, id, ct))!;
        await change.CommitAsync(ct);
        Versions.Set(http.Response, gallery.Version);
        return TypedResults.Ok(gallery);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteGallery(
        [Description("The gallery's id.")] long id, HttpContext http, NpgsqlDataSource db, CancellationToken ct)
    {
        var key = EditorKey.From(http.User);
        var (opened, problem) = await BeginChangeAsync(http, db, id, key, current => Refuse(key, current.Titles.Keys), ct);
        if (opened is null)
        {
            return problem!;
        }

        await using var change = opened;
        await change.Connection.ExecuteAsync(new CommandDefinition("DELETE FROM galleries WHERE id = @Id", new { Id = id }, change.Transaction, cancellationToken: ct));
        await Audit.RecordAsync(change.Connection, change.Transaction, key, "galleries.delete", $"galleries/{id}", http, ct);
        await change.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>Checks the write and stores it over <paramref name="current"/> (a new gallery when null); returns its slug, or the 400/409.</summary>
    private static async Task<(string? Slug, ProblemHttpResult? Conflict, ValidationProblem? Invalid)> SaveAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, AdminGallery? current, GalleryWrite write, CancellationToken ct)
    {
        var titles = (write.Titles ?? []).Where(t => !string.IsNullOrWhiteSpace(t.Value))
            .ToDictionary(t => t.Key, t => t.Value.Trim(), StringComparer.Ordinal);
        var mediaIds = write.MediaIds ?? [];
        var errors = new Dictionary<string, string[]>();
        if (titles.Count == 0)
        {
            errors["titles"] = ["titles needs a title in at least one edition."];
        }
        else if (titles.FirstOrDefault(t => t.Value.Length > 500) is { Key: { } longTitle })
        {
            errors[$"titles.{longTitle}"] = ["A title is at most 500 characters."];
        }

        if (write.Slug is not null && Slug.Problem(Slug.Canonical(write.Slug)) is { } slugProblem)
        {
            errors["slug"] = [$"slug {slugProblem}."];
        }

        var distinctMedia = mediaIds.Distinct().Count();
        if (mediaIds.Length > MaxItems || distinctMedia != mediaIds.Length)
        {
            errors["mediaIds"] = [$"mediaIds is at most {MaxItems} distinct media ids."];
        }

        var found = await conn.QuerySingleAsync<(long Editions, long Media)>(new CommandDefinition("""
            SELECT (SELECT count(*) FROM editions WHERE code = ANY(@Editions)),
                   (SELECT count(*) FROM (SELECT id FROM media WHERE id = ANY(@Ids) FOR KEY SHARE) m)
            """, new { Editions = titles.Keys.ToArray(), Ids = mediaIds }, tx, cancellationToken: ct));
        if (found.Editions != titles.Count)
        {
            errors["titles"] = ["titles names an edition that does not exist."];
        }

        if (found.Media != distinctMedia)
        {
            errors["mediaIds"] = ["mediaIds names a media item that does not exist."];
        }

        if (errors.Count > 0)
        {
            return (null, null, TypedResults.ValidationProblem(errors, title: "Invalid gallery"));
        }

        var wanted = write.Slug is not null ? Slug.Canonical(write.Slug) : current?.Slug ?? Slug.FromTitle(titles.OrderBy(t => t.Key, StringComparer.Ordinal).First().Value);
        if (await SlugAllocation.ChooseAsync(conn, tx, SlugTable.Galleries, null, current?.Id, wanted, chosen: current is not null || write.Slug is not null, ct) is not { } slug)
        {
            return (null, EditorialProblems.Conflict("Slug taken", $"Another gallery has the slug '{wanted}'."), null);
        }

        var galleryId = await conn.ExecuteScalarAsync<long>(new CommandDefinition(current is null
            ? "INSERT INTO galleries (slug) VALUES (@Slug) RETURNING id"
            : "UPDATE galleries SET slug = @Slug, version = version + 1, updated_at = now() WHERE id = @Id RETURNING id",
            new { current?.Id, Slug = slug }, tx, cancellationToken: ct));

        await conn.ExecuteAsync(new CommandDefinition("""
            DELETE FROM gallery_titles WHERE gallery_id = @Id;
            INSERT INTO gallery_titles (gallery_id, edition, title) SELECT @Id, * FROM unnest(@Editions::text[], @Titles::text[]);
            DELETE FROM gallery_items WHERE gallery_id = @Id;
            INSERT INTO gallery_items (gallery_id, position, media_id) SELECT @Id, (w.ord - 1)::smallint, w.media_id FROM unnest(@Ids::bigint[]) WITH ORDINALITY AS w(media_id, ord);
            """, new { Id = galleryId, Editions = titles.Keys.ToArray(), Titles = titles.Values.ToArray(), Ids = mediaIds }, tx, cancellationToken: ct));
        return (slug, null, null);
    }

    private static IEnumerable<string> ChangedEditions(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        before.Keys.Union(after.Keys).Where(e => before.GetValueOrDefault(e) != after.GetValueOrDefault(e)?.Trim());

    /// <summary>
    /// Titles belong to their editions; the slug and the items are shared by every edition the gallery
    /// has a title in (before or after the change), so changing them needs the rights on all of them.
    /// </summary>
    private static ProblemHttpResult? RefuseReplace(EditorKey key, AdminGallery current, GalleryWrite write)
    {
        if (Refuse(key, ChangedEditions(current.Titles, write.Titles ?? [])) is { } refused)
        {
            return refused;
        }

        var editions = current.Titles.Keys.Union(write.Titles?.Keys ?? Enumerable.Empty<string>()).ToArray();
        var sharedChanges = !(write.MediaIds ?? []).SequenceEqual(current.MediaIds)
            || write.Slug is not null && Slug.Canonical(write.Slug) != current.Slug;
        return sharedChanges && key.FirstForeign(editions) is not null
            ? EditorialProblems.SharedForbidden(key, "change this gallery's slug or items", editions)
            : null;
    }

    private static ProblemHttpResult? Refuse(EditorKey key, IEnumerable<string> editions) =>
        key.Role is not (Roles.Admin or Roles.Editor) ? EditorialProblems.Forbidden(key, "manage galleries", "role editor or admin")
        : editions.FirstOrDefault(e => !key.MayTouch(e)) is { } edition ? EditorialProblems.EditionForbidden(key, edition)
        : null;

    private static Task<(VersionedChange<AdminGallery>? Change, ProblemHttpResult? Problem)> BeginChangeAsync(
        HttpContext http, NpgsqlDataSource db, long id, EditorKey key, Func<AdminGallery, ProblemHttpResult?> refuse, CancellationToken ct) =>
        VersionedChange<AdminGallery>.BeginAsync(http.Request, db, (conn, tx) => GetAsync(conn, tx, id, ct, forUpdate: true),
            gallery => gallery.Version, refuse, () => GalleryNotFound(id), $"Gallery {id}", ct);

    private static async Task<AdminGallery?> GetAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, long id, CancellationToken ct, bool forUpdate = false)
    {
        var row = await conn.QuerySingleOrDefaultAsync<GalleryAdminRow>(new CommandDefinition(
            $"SELECT {Columns} FROM galleries g WHERE g.id = @Id{(forUpdate ? " FOR UPDATE OF g" : "")}", new { Id = id }, tx, cancellationToken: ct));
        return row is null ? null : ToAdmin(row);
    }

    private static AdminGallery ToAdmin(GalleryAdminRow row) => new()
    {
        Id = row.Id,
        Slug = row.Slug,
        Titles = row.TitleEditions.Zip(row.TitleTexts).ToDictionary(t => t.First, t => t.Second, StringComparer.Ordinal),
        MediaIds = row.MediaIds,
        Version = row.Version,
        CreatedAt = row.CreatedAt,
        UpdatedAt = row.UpdatedAt,
    };

    private static ProblemHttpResult GalleryNotFound(long id) => EditorialProblems.NotFound("Gallery not found", $"There is no gallery with id {id}.");
}
