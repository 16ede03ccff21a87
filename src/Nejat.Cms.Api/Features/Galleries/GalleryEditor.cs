using Mapster;
using Microsoft.AspNetCore.Http.HttpResults;
using Nejat.Cms.Api.Database;
using Nejat.Cms.Api.Features.Editorial;
using Nejat.Cms.Api.Hosting;
using Nejat.Cms.Api.Text;
using Npgsql;

namespace Nejat.Cms.Api.Features.Galleries;

/// <summary>
/// Writes galleries for one admin request: who asks, on which data source. Bound as a handler
/// parameter. Each edition's title is its editors'; the slug and the items are shared by every
/// edition the gallery has a title in, so changing them needs the rights on all of them. Every
/// change is audited, and changes to an existing gallery need If-Match.
/// </summary>
internal sealed class GalleryEditor(EditorKey key, NpgsqlDataSource db, HttpContext http)
{
    private const int MaxItems = 500;

    public static ValueTask<GalleryEditor?> BindAsync(HttpContext context) =>
        ValueTask.FromResult<GalleryEditor?>(new GalleryEditor(EditorKey.From(context.User), context.RequestServices.GetRequiredService<NpgsqlDataSource>(), context));

    public async Task<Results<Created<AdminGallery>, ProblemHttpResult, ValidationProblem>> CreateAsync(GalleryWrite write, CancellationToken ct)
    {
        if (Refuse(write.Titles?.Keys ?? Enumerable.Empty<string>()) is { } refused)
        {
            return refused;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var (id, conflict, invalid) = await SaveAsync(conn, tx, null, write, ct);
        if (id is null)
        {
            return invalid is null ? conflict! : invalid;
        }

        await Audit.RecordAsync(conn, tx, key, "galleries.create", $"galleries/{id}", http, ct);
        var gallery = await ReadAsync(conn, tx, id.Value, ct);
        await tx.CommitAsync(ct);
        Versions.Set(http.Response, gallery.Version);
        return TypedResults.Created($"/v1/admin/galleries/{id}", gallery);
    }

    public async Task<Results<Ok<AdminGallery>, ProblemHttpResult, ValidationProblem>> ReplaceAsync(long id, GalleryWrite write, CancellationToken ct)
    {
        var (opened, refusal) = await BeginChangeAsync(id, current => RefuseReplace(current, write), ct);
        if (opened is null)
        {
            return refusal!;
        }

        await using var change = opened;
        var (saved, conflict, invalid) = await SaveAsync(change.Connection, change.Transaction, change.Current, write, ct);
        if (saved is null)
        {
            return invalid is null ? conflict! : invalid;
        }

        await Audit.RecordAsync(change.Connection, change.Transaction, key, "galleries.update", $"galleries/{id}", http, ct);
        var gallery = await ReadAsync(change.Connection, change.Transaction, id, ct);
        await change.CommitAsync(ct);
        Versions.Set(http.Response, gallery.Version);
        return TypedResults.Ok(gallery);
    }

    public async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, CancellationToken ct)
    {
        var (opened, problem) = await BeginChangeAsync(id, current => Refuse(current.Titles.Keys), ct);
        if (opened is null)
        {
            return problem!;
        }

        await using var change = opened;
        await GalleryQueries.DeleteAsync(change.Connection, change.Transaction, id, ct);
        await Audit.RecordAsync(change.Connection, change.Transaction, key, "galleries.delete", $"galleries/{id}", http, ct);
        await change.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>Checks the write and stores it over <paramref name="current"/> (a new gallery when null); returns its id, or the 409 or 400.</summary>
    private static async Task<(long? Id, ProblemHttpResult? Conflict, ValidationProblem? Invalid)> SaveAsync(
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

        var found = await GalleryQueries.CountExistingAsync(conn, tx, titles.Keys.ToArray(), mediaIds, ct);
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
            return (null, null, EditorialProblems.Invalid("gallery", errors));
        }

        var wanted = write.Slug is not null ? Slug.Canonical(write.Slug) : current?.Slug ?? Slug.FromTitle(titles.OrderBy(t => t.Key, StringComparer.Ordinal).First().Value);
        if (await SlugAllocation.ChooseAsync(conn, tx, SlugTable.Galleries, null, current?.Id, wanted, chosen: current is not null || write.Slug is not null, ct) is not { } slug)
        {
            return (null, EditorialProblems.SlugTaken($"Another gallery has the slug '{wanted}'."), null);
        }

        return (await GalleryQueries.SaveAsync(conn, tx, current?.Id, slug, titles, mediaIds, ct), null, null);
    }

    /// <summary>
    /// Titles belong to their editions; the slug and the items are shared by every edition the gallery
    /// has a title in (before or after the change), so changing them needs the rights on all of them.
    /// </summary>
    private ProblemHttpResult? RefuseReplace(AdminGallery current, GalleryWrite write)
    {
        var after = write.Titles ?? [];
        var changedTitles = current.Titles.Keys.Union(after.Keys).Where(e => current.Titles.GetValueOrDefault(e) != after.GetValueOrDefault(e)?.Trim());
        if (Refuse(changedTitles) is { } refused)
        {
            return refused;
        }

        var editions = current.Titles.Keys.Union(after.Keys).ToArray();
        var sharedChanges = !(write.MediaIds ?? []).SequenceEqual(current.MediaIds)
            || write.Slug is not null && Slug.Canonical(write.Slug) != current.Slug;
        return sharedChanges && key.FirstForeign(editions) is not null
            ? EditorialProblems.SharedForbidden(key, "change this gallery's slug or items", editions)
            : null;
    }

    private ProblemHttpResult? Refuse(IEnumerable<string> editions) =>
        key.Role is not (Roles.Admin or Roles.Editor) ? EditorialProblems.Forbidden(key, "manage galleries", "role editor or admin")
        : editions.FirstOrDefault(e => !key.MayTouch(e)) is { } edition ? EditorialProblems.EditionForbidden(key, edition)
        : null;

    private Task<(VersionedChange<AdminGallery>? Change, ProblemHttpResult? Problem)> BeginChangeAsync(
        long id, Func<AdminGallery, ProblemHttpResult?> refuse, CancellationToken ct) =>
        VersionedChange<AdminGallery>.BeginAsync(http.Request, db,
            async (conn, tx) => (await GalleryQueries.GetAsync(conn, tx, id, ct, forUpdate: true))?.Adapt<AdminGallery>(Mappings.Config),
            gallery => gallery.Version, refuse, () => EditorialProblems.GalleryNotFound(id), $"Gallery {id}", ct);

    private static async Task<AdminGallery> ReadAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, CancellationToken ct) =>
        (await GalleryQueries.GetAsync(conn, tx, id, ct))!.Adapt<AdminGallery>(Mappings.Config);
}
