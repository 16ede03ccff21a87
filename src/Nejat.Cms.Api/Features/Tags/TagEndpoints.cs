using System.ComponentModel;
using Dapper;
using Mapster;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Hosting;
using Nejat.Cms.Api.Text;
using Npgsql;

namespace Nejat.Cms.Api.Features.Tags;

/// <summary>/v1/{edition}/tags: an edition's tags for readers.</summary>
internal static class TagEndpoints
{
    public static RouteGroupBuilder MapTags(this RouteGroupBuilder v1)
    {
        var tags = v1.MapGroup("/{edition}/tags").WithTags("Tags");

        tags.MapGet("/", ListTags)
            .WithName(nameof(ListTags))
            .WithSummary("List an edition's tags")
            .WithDescription("Alphabetical by name, paged, each with the number of its published posts.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        tags.MapGet("/{slug}", GetTag)
            .WithName(nameof(GetTag))
            .WithSummary("Get one tag")
            .WithDescription("By slug (Unicode slugs percent-encoded in the URL), with the number of its published posts.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return v1;
    }

    public static Task<Results<Ok<ListEnvelope<Tag>>, ValidationProblem>> ListTags(
        [Description("Edition code, e.g. `fa`.")] string edition,
        [AsParameters] PageQuery paging,
        HttpRequest request,
        NpgsqlDataSource db,
        IOptions<CmsOptions> options,
        CancellationToken ct) =>
        ListEnvelope.AnswerAsync<TagRow, Tag>(db, TagQueries.List, new { Edition = edition }, paging, options.Value, request, ct,
            t => $"tag:{edition}/{PublicCaching.KeyPart(t.Slug)}");

    public static async Task<Results<Ok<Tag>, ProblemHttpResult>> GetTag(
        [Description("Edition code, e.g. `fa`.")] string edition,
        [Description("The tag's slug in that edition.")] string slug,
        NpgsqlDataSource db,
        CancellationToken ct)
    {
        slug = Slug.Canonical(slug);
        await using var conn = await db.OpenConnectionAsync(ct);
        var tag = await conn.QuerySingleOrDefaultAsync<TagRow>(new CommandDefinition(TagQueries.BySlug, new { Edition = edition, Slug = slug }, cancellationToken: ct));
        return tag is null ? Problems.TagNotFound(edition, slug) : TypedResults.Ok(tag.Adapt<Tag>(Mappings.Config));
    }
}
