using System.ComponentModel;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Database;
using Nejat.Cms.Api.Features.Editorial;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Tags;

/// <summary>A tag as editors see it: with its id, version and published-post count.</summary>
public sealed record AdminTag(long Id, string Edition, string Slug, string Name, int PostCount, int Version);

public sealed record TagWrite(string? Edition, string? Slug, string? Name);

/// <summary>/v1/admin/tags: editors and admins of an edition manage its tags.</summary>
internal static class TagAdminEndpoints
{
    public static RouteGroupBuilder MapTagAdmin(this RouteGroupBuilder admin)
    {
        var tags = admin.MapGroup("/tags").WithTags("Admin: tags").ProducesProblem(StatusCodes.Status403Forbidden);
        tags.MapGet("/", ListTagsForEditors).WithName(nameof(ListTagsForEditors)).WithSummary("List an edition's tags")
            .ProducesProblem(StatusCodes.Status404NotFound);
        tags.MapGet("/{id:long}", GetTagForEditors).WithName(nameof(GetTagForEditors)).WithSummary("Get a tag")
            .ProducesProblem(StatusCodes.Status404NotFound);
        tags.MapPost("/", CreateTag).WithName(nameof(CreateTag)).WithSummary("Create a tag")
            .WithDescription("Slug from the name when left out.").Accepts<TagWrite>("application/json")
            .ProducesProblem(StatusCodes.Status409Conflict);
        tags.MapPut("/{id:long}", UpdateTag).WithName(nameof(UpdateTag)).WithSummary("Rename a tag (its posts keep it)")
            .WithDescription("Needs If-Match.").Accepts<TagWrite>("application/json").ProducesWriteProblems();
        tags.MapDelete("/{id:long}", DeleteTag).WithName(nameof(DeleteTag)).WithSummary("Delete a tag")
            .WithDescription("A tag that posts carry needs ?force=true (it is taken off them). Needs If-Match.").ProducesWriteProblems();
        return admin;
    }

    private const string Columns = "id, edition, slug, name, post_count, version";

    public static async Task<Results<Ok<ListEnvelope<AdminTag>>, ProblemHttpResult, ValidationProblem>> ListTagsForEditors(
        [Description("The edition whose tags to list.")] string edition,
        [Description("Page number, from 1. Default 1.")] QueryInteger? page,
        [Description("Tags per page, from 1 to the configured maximum. Default 10.")] QueryInteger? perPage,
        HttpContext http, NpgsqlDataSource db, IOptions<CmsOptions> options, CancellationToken ct)
    {
        var key = EditorKey.From(http.User);
        if (PageRequest.Invalid(page, perPage, options.Value, out var paging) is { } invalid)
        {
            return invalid;
        }

        if (!key.MayTouch(edition))
        {
            return EditorialProblems.EditionForbidden(key, edition);
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var results = await conn.QueryMultipleAsync(new CommandDefinition($"""
            SELECT EXISTS (SELECT 1 FROM editions WHERE code = @Edition);
            SELECT count(*) FROM tags WHERE edition = @Edition;
            SELECT {Columns} FROM tags WHERE edition = @Edition ORDER BY name COLLATE "und-x-icu", id LIMIT @Limit OFFSET @Offset;
            """, new { Edition = edition, Limit = paging.Size, paging.Offset }, cancellationToken: ct));
        if (!await results.ReadSingleAsync<bool>())
        {
            return Problems.EditionNotFound(edition);
        }

        var total = await results.ReadSingleAsync<long>();
        return TypedResults.Ok(ListEnvelope.Create((await results.ReadAsync<AdminTag>()).ToArray(), paging, total, http.Request));
    }

    public static async Task<Results<Ok<AdminTag>, ProblemHttpResult>> GetTagForEditors(
        [Description("The tag's id.")] long id, HttpContext http, NpgsqlDataSource db, CancellationToken ct)
    {
        var key = EditorKey.From(http.User);
        await using var conn = await db.OpenConnectionAsync(ct);
        var tag = await GetAsync(conn, null, id, ct);
        if (tag is null)
        {
            return TagNotFound(id);
        }

        if (!key.MayTouch(tag.Edition))
        {
            return EditorialProblems.EditionForbidden(key, tag.Edition);
        }

        Versions.Set(http.Response, tag.Version);
        return TypedResults.Ok(tag);
    }

    public static async Task<Results<Created<AdminTag>, ProblemHttpResult, ValidationProblem>> CreateTag(
        HttpContext http, NpgsqlDataSource db, CancellationToken ct)
    {
        var key = EditorKey.From(http.User);
        var (write, invalid) = await JsonBody.ReadAsync<TagWrite>(http.Request, ct);
        if (invalid is not null)
        {
            return invalid;
        }

        if (Check(write!, null) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid tag");
        }

        if (Refuse(key, write!.Edition!) is { } refused)
        {
            return refused;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (!await conn.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM editions WHERE code = @Edition)", write, tx, cancellationToken: ct)))
        {
            return JsonBody.Invalid("edition", $"There is no edition '{write.Edition}'.");
        }

        var wanted = SlugOf(write);
        if (await SlugAllocation.ChooseAsync(conn, tx, SlugTable.Tags, write.Edition, null, wanted, write.Slug is not null, ct) is not { } slug)
        {
            return SlugTaken(write.Edition!, wanted);
        }

        var tag = await conn.QuerySingleAsync<AdminTag>(new CommandDefinition($"""
            INSERT INTO tags (edition, slug, name) VALUES (@Edition, @Slug, @Name)
            RETURNING {Columns}
            """, new { write.Edition, Slug = slug, Name = write.Name!.Trim() }, tx, cancellationToken: ct));

        await Audit.RecordAsync(conn, tx, key, "tags.create", $"tags/{tag.Id}", http, ct);
        await tx.CommitAsync(ct);
        Versions.Set(http.Response, tag.Version);
        return TypedResults.Created($"/v1/admin/tags/{tag.Id}", tag);
    }

    public static async Task<Results<Ok<AdminTag>, ProblemHttpResult, ValidationProblem>> UpdateTag(
        [Description("The tag's id.")] long id, HttpContext http, NpgsqlDataSource db, CancellationToken ct)
    {
        var key = EditorKey.From(http.User);
        var (write, invalid) = await JsonBody.ReadAsync<TagWrite>(http.Request, ct);
        if (invalid is not null)
        {
            return invalid;
        }

        var (opened, problem) = await BeginChangeAsync(http, db, id, key, ct);
        if (opened is null)
        {
            return problem!;
        }

        await using var change = opened;
        var (conn, tx, tag) = (change.Connection, change.Transaction, change.Current);

        if (Check(write! with { Edition = write!.Edition ?? tag.Edition }, tag) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid tag");
        }

        var wanted = write.Slug is null ? tag.Slug : SlugOf(write);
        if (await SlugAllocation.ChooseAsync(conn, tx, SlugTable.Tags, tag.Edition, id, wanted, chosen: true, ct) is not { } slug)
        {
            return SlugTaken(tag.Edition, wanted);
        }

        var updated = await conn.QuerySingleAsync<AdminTag>(new CommandDefinition($"""
            UPDATE tags SET slug = @Slug, name = @Name, version = version + 1, updated_at = now()
            WHERE id = @Id
            RETURNING {Columns}
            """, new { Id = id, Slug = slug, Name = write.Name!.Trim() }, tx, cancellationToken: ct));
        await Audit.RecordAsync(conn, tx, key, "tags.update", $"tags/{id}", http, ct);
        await change.CommitAsync(ct);
        Versions.Set(http.Response, updated.Version);
        return TypedResults.Ok(updated);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteTag(
        [Description("The tag's id.")] long id,
        [Description("true: delete it even though posts carry it (it is taken off them).")] bool? force,
        HttpContext http, NpgsqlDataSource db, CancellationToken ct)
    {
        var key = EditorKey.From(http.User);
        var (opened, problem) = await BeginChangeAsync(http, db, id, key, ct);
        if (opened is null)
        {
            return problem!;
        }

        await using var change = opened;
        var (conn, tx, tag) = (change.Connection, change.Transaction, change.Current);

        var carriers = await conn.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM post_tags WHERE tag_id = @Id", new { Id = id }, tx, cancellationToken: ct));
        if (carriers > 0 && force is not true)
        {
            return EditorialProblems.Conflict("Tag in use", $"{carriers} post(s) carry the tag '{tag.Slug}'; delete with ?force=true to take it off them.");
        }

        // Posts that lose the tag change, so their versions move (an editor holding an old ETag gets a 412).
        await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE posts SET version = version + 1, updated_at = now() WHERE id IN (SELECT post_id FROM post_tags WHERE tag_id = @Id);
            DELETE FROM tags WHERE id = @Id;
            """, new { Id = id }, tx, cancellationToken: ct));
        await Audit.RecordAsync(conn, tx, key, carriers > 0 ? "tags.delete-forced" : "tags.delete", $"tags/{id}", http, ct);
        await change.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    private static Task<(VersionedChange<AdminTag>? Change, ProblemHttpResult? Problem)> BeginChangeAsync(
        HttpContext http, NpgsqlDataSource db, long id, EditorKey key, CancellationToken ct) =>
        VersionedChange<AdminTag>.BeginAsync(http.Request, db, (conn, tx) => GetAsync(conn, tx, id, ct, forUpdate: true),
            tag => tag.Version, tag => Refuse(key, tag.Edition), () => TagNotFound(id), $"Tag {id}", ct);

    private static Task<AdminTag?> GetAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, long id, CancellationToken ct, bool forUpdate = false) =>
        conn.QuerySingleOrDefaultAsync<AdminTag>(new CommandDefinition(
            $"SELECT {Columns} FROM tags WHERE id = @Id{(forUpdate ? " FOR UPDATE" : "")}", new { Id = id }, tx, cancellationToken: ct));

    private static Dictionary<string, string[]> Check(TagWrite write, AdminTag? current)
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

    private static ProblemHttpResult? Refuse(EditorKey key, string edition) =>
        !key.MayTouch(edition) ? EditorialProblems.EditionForbidden(key, edition)
        : key.Role is Roles.Admin or Roles.Editor ? null
        : EditorialProblems.Forbidden(key, "manage tags", "role editor or admin");

    private static ProblemHttpResult TagNotFound(long id) => EditorialProblems.NotFound("Tag not found", $"There is no tag with id {id}.");

    private static ProblemHttpResult SlugTaken(string edition, string slug) =>
        EditorialProblems.Conflict("Slug taken", $"Edition '{edition}' already has a tag with the slug '{slug}'.");
}
