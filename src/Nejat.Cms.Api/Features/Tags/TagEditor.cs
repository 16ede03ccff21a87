using Mapster;
using Microsoft.AspNetCore.Http.HttpResults;
using Nejat.Cms.Api.Database;
using Nejat.Cms.Api.Features.Editorial;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Tags;

/// <summary>
/// Writes tags for one admin request: who asks, on which data source. Bound as a handler parameter,
/// so handlers read their input and make one call. Editors and admins of a tag's edition manage it;
/// every change is audited, and changes to an existing tag need If-Match.
/// </summary>
internal sealed class TagEditor(EditorKey key, NpgsqlDataSource db, HttpContext http)
{
    public static ValueTask<TagEditor?> BindAsync(HttpContext context) =>
        ValueTask.FromResult<TagEditor?>(new TagEditor(EditorKey.From(context.User), context.RequestServices.GetRequiredService<NpgsqlDataSource>(), context));

    public async Task<Results<Created<AdminTag>, ProblemHttpResult, ValidationProblem>> CreateAsync(TagWrite write, CancellationToken ct)
    {
        if (Check(write, null) is { Count: > 0 } errors)
        {
            return EditorialProblems.Invalid("tag", errors);
        }

        if (Refuse(write.Edition!) is { } refused)
        {
            return refused;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (!await TagQueries.EditionExistsAsync(conn, tx, write.Edition!, ct))
        {
            return JsonBody.Invalid("edition", $"There is no edition '{write.Edition}'.");
        }

        var wanted = SlugOf(write);
        if (await SlugAllocation.ChooseAsync(conn, tx, SlugTable.Tags, write.Edition, null, wanted, write.Slug is not null, ct) is not { } slug)
        {
            return SlugTaken(write.Edition!, wanted);
        }

        var tag = await TagQueries.InsertAsync(conn, tx, write.Edition!, slug, write.Name!.Trim(), ct);
        await Audit.RecordAsync(conn, tx, key, "tags.create", $"tags/{tag.Id}", http, ct);
        await tx.CommitAsync(ct);
        Versions.Set(http.Response, tag.Version);
        return TypedResults.Created($"/v1/admin/tags/{tag.Id}", tag.Adapt<AdminTag>(Mappings.Config));
    }

    public async Task<Results<Ok<AdminTag>, ProblemHttpResult, ValidationProblem>> RenameAsync(long id, TagWrite write, CancellationToken ct)
    {
        var (opened, problem) = await BeginChangeAsync(id, ct);
        if (opened is null)
        {
            return problem!;
        }

        await using var change = opened;
        var (conn, tx, tag) = (change.Connection, change.Transaction, change.Current);
        if (Check(write with { Edition = write.Edition ?? tag.Edition }, tag) is { Count: > 0 } errors)
        {
            return EditorialProblems.Invalid("tag", errors);
        }

        var wanted = write.Slug is null ? tag.Slug : SlugOf(write);
        if (await SlugAllocation.ChooseAsync(conn, tx, SlugTable.Tags, tag.Edition, id, wanted, chosen: true, ct) is not { } slug)
        {
            return SlugTaken(tag.Edition, wanted);
        }

        var renamed = await TagQueries.RenameAsync(conn, tx, id, slug, write.Name!.Trim(), ct);
        await Audit.RecordAsync(conn, tx, key, "tags.update", $"tags/{id}", http, ct);
        await change.CommitAsync(ct);
        Versions.Set(http.Response, renamed.Version);
        return TypedResults.Ok(renamed.Adapt<AdminTag>(Mappings.Config));
    }

    /// <summary>Deletes a tag; one that posts carry only when <paramref name="force"/> (it is taken off them).</summary>
    public async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, bool force, CancellationToken ct)
    {
        var (opened, problem) = await BeginChangeAsync(id, ct);
        if (opened is null)
        {
            return problem!;
        }

        await using var change = opened;
        var (conn, tx, tag) = (change.Connection, change.Transaction, change.Current);
        var carriers = await TagQueries.CarriersAsync(conn, tx, id, ct);
        if (carriers > 0 && !force)
        {
            return EditorialProblems.TagInUse(tag.Slug, carriers);
        }

        await TagQueries.DeleteAsync(conn, tx, id, ct);
        await Audit.RecordAsync(conn, tx, key, carriers > 0 ? "tags.delete-forced" : "tags.delete", $"tags/{id}", http, ct);
        await change.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    private Task<(VersionedChange<AdminTagRow>? Change, ProblemHttpResult? Problem)> BeginChangeAsync(long id, CancellationToken ct) =>
        VersionedChange<AdminTagRow>.BeginAsync(http.Request, db, (conn, tx) => TagQueries.GetAsync(conn, tx, id, ct, forUpdate: true),
            tag => tag.Version, tag => Refuse(tag.Edition), () => EditorialProblems.TagNotFound(id), $"Tag {id}", ct);

    private ProblemHttpResult? Refuse(string edition) => EditorialProblems.UnlessEditorOf(key, edition, "manage tags");

    private static Dictionary<string, string[]> Check(TagWrite write, AdminTagRow? current)
    {
        var errors = NameAndSlug.Errors(write.Name, write.Slug);
        if (string.IsNullOrWhiteSpace(write.Edition))
        {
            errors["edition"] = ["edition is required."];
        }
        else if (current is not null && write.Edition != current.Edition)
        {
            errors["edition"] = [$"A tag cannot move to another edition (it is in '{current.Edition}')."];
        }

        return errors;
    }

    private static string SlugOf(TagWrite write) => NameAndSlug.SlugOf(write.Slug, write.Name!);

    private static ProblemHttpResult SlugTaken(string edition, string slug) =>
        EditorialProblems.SlugTaken($"Edition '{edition}' already has a tag with the slug '{slug}'.");
}
