using System.ComponentModel;
using Mapster;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Features.Editorial;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Tags;

/// <summary>/v1/admin/tags: editors and admins of an edition manage its tags (<see cref="TagEditor"/> writes them).</summary>
internal static class TagAdminEndpoints
{
    public static RouteGroupBuilder MapTagAdmin(this RouteGroupBuilder admin)
    {
        var tags = admin.MapGroup("/tags").WithTags("Admin: tags").ProducesProblem(StatusCodes.Status403Forbidden);
        tags.MapGet("/", ListTagsForEditors).WithName(nameof(ListTagsForEditors)).WithSummary("List an edition's tags")
            .WithDescription("Every tag of the edition, paged, with its post count and the version to send in If-Match.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        tags.MapGet("/{id:long}", GetTagForEditors).WithName(nameof(GetTagForEditors)).WithSummary("Get a tag")
            .WithDescription("With its version, also sent as the ETag, for If-Match.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        tags.MapPost("/", CreateTag).WithName(nameof(CreateTag)).WithSummary("Create a tag")
            .WithDescription("Slug from the name when left out.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        tags.MapPut("/{id:long}", UpdateTag).WithName(nameof(UpdateTag)).WithSummary("Rename a tag (its posts keep it)")
            .WithDescription("Needs If-Match.").ProducesWriteProblems();
        tags.MapDelete("/{id:long}", DeleteTag).WithName(nameof(DeleteTag)).WithSummary("Delete a tag")
            .WithDescription("A tag that posts carry needs ?force=true (it is taken off them). Needs If-Match.").ProducesWriteProblems();
        return admin;
    }

    public static async Task<Results<Ok<ListEnvelope<AdminTag>>, ProblemHttpResult, ValidationProblem>> ListTagsForEditors(
        [Description("The edition whose tags to list.")] string edition, [AsParameters] PageQuery paging,
        EditorKey key, ContentVersions editions, NpgsqlDataSource db, IOptions<CmsOptions> options, HttpRequest request, CancellationToken ct)
    {
        if (paging.Invalid(options.Value, out var page) is { } invalid)
        {
            return invalid;
        }

        if (!key.MayTouch(edition))
        {
            return EditorialProblems.EditionForbidden(key, edition);
        }

        // The edition is a query parameter here, not a route value that the admin group resolves.
        if (edition == ContentVersions.GlobalScope || editions.Of(edition) is null)
        {
            return Problems.EditionNotFound(edition);
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var tags = await ListEnvelope.ReadAsync<AdminTagRow>(conn, TagQueries.ListForEditors, new { Edition = edition }, page, request, ct);
        return TypedResults.Ok(tags.Adapt<ListEnvelope<AdminTag>>(Mappings.Config));
    }

    public static async Task<Results<Ok<AdminTag>, ProblemHttpResult>> GetTagForEditors(
        [Description("The tag's id.")] long id, EditorKey key, NpgsqlDataSource db, HttpResponse response, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        if (await TagQueries.GetAsync(conn, null, id, ct) is not { } tag)
        {
            return EditorialProblems.TagNotFound(id);
        }

        if (!key.MayTouch(tag.Edition))
        {
            return EditorialProblems.EditionForbidden(key, tag.Edition);
        }

        Versions.Set(response, tag.Version);
        return TypedResults.Ok(tag.Adapt<AdminTag>(Mappings.Config));
    }

    public static Task<Results<Created<AdminTag>, ProblemHttpResult, ValidationProblem>> CreateTag(
        Body<TagWrite> body, TagEditor tags, CancellationToken ct) => tags.CreateAsync(body.Value, ct);

    public static Task<Results<Ok<AdminTag>, ProblemHttpResult, ValidationProblem>> UpdateTag(
        [Description("The tag's id.")] long id, Body<TagWrite> body, TagEditor tags, CancellationToken ct) => tags.RenameAsync(id, body.Value, ct);

    public static Task<Results<NoContent, ProblemHttpResult>> DeleteTag(
        [Description("The tag's id.")] long id,
        [Description("true: delete it even though posts carry it (it is taken off them).")] bool? force,
        TagEditor tags, CancellationToken ct) => tags.DeleteAsync(id, force is true, ct);
}
