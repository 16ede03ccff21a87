using System.Text.RegularExpressions;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Nejat.Cms.Api.Database;
using Nejat.Cms.Api.Features.Editorial;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Media;

/// <summary>The collections: listed publicly, added by admins.</summary>
internal static partial class MediaCollectionEndpoints
{
    private const string ListSql = "SELECT slug, name FROM media_collections ORDER BY position, slug";

    public static RouteGroupBuilder MapMediaCollections(this RouteGroupBuilder v1)
    {
        v1.MapGet("/media/collections", ListCollections).WithName(nameof(ListCollections)).WithTags("Media")
            .WithSummary("List the media collections").WithDescription("The site's media sections and publications, in display order.");
        return v1;
    }

    public static RouteGroupBuilder MapMediaCollectionAdmin(this RouteGroupBuilder admin)
    {
        admin.MapPost("/media/collections", CreateCollection).WithName(nameof(CreateCollection)).WithTags("Admin: media")
            .WithSummary("Add a media collection (admin)").WithDescription("{\"slug\"?, \"name\"}: the slug is made from the name when left out.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return admin;
    }

    public static async Task<Ok<MediaCollectionInfo[]>> ListCollections(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok((await conn.QueryAsync<MediaCollectionRow>(new CommandDefinition(ListSql, cancellationToken: ct))).Select(r => r.ToInfo()).ToArray());
    }

    public static async Task<Results<Created<MediaCollectionInfo>, ProblemHttpResult, ValidationProblem>> CreateCollection(
        Body<MediaCollectionWrite> body, EditorKey key, HttpContext http, NpgsqlDataSource db, CancellationToken ct)
    {
        // Collections are the site's, shown in every edition: adding one is for admins of every edition.
        if (!key.IsAdmin || key.Editions is not null)
        {
            return EditorialProblems.Forbidden(key, "add media collections", "role admin of every edition (collections are shown in every edition)");
        }

        var write = body.Value;
        if (NameAndSlug.Errors(write.Name, write.Slug) is { Count: > 0 } errors)
        {
            return EditorialProblems.Invalid("collection", errors);
        }

        // Collection slugs appear in query strings: ASCII letters, digits and hyphens only.
        var wanted = NameAndSlug.SlugOf(write.Slug, write.Name!);
        if (!AsciiSlugPattern().IsMatch(wanted))
        {
            return JsonBody.Invalid("slug", "A collection's slug is ASCII: lower-case letters, digits and hyphens (give one when the name is not in Latin letters).");
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await SlugAllocation.ChooseAsync(conn, tx, SlugTable.MediaCollections, null, null, wanted, write.Slug is not null, ct) is not { } slug)
        {
            return EditorialProblems.Conflict("Slug taken", $"There is a collection '{wanted}' already.");
        }

        var created = await conn.QuerySingleAsync<MediaCollectionRow>(new CommandDefinition("""
            INSERT INTO media_collections (slug, name, position) VALUES (@Slug, @Name, (SELECT coalesce(max(position), 0) + 1 FROM media_collections))
            RETURNING slug, name
            """, new { Slug = slug, Name = write.Name!.Trim() }, tx, cancellationToken: ct));

        await Audit.RecordAsync(conn, tx, key, "media-collections.create", $"media/collections/{slug}", http, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/v1/media?collection={slug}", created.ToInfo());
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex AsciiSlugPattern();
}
