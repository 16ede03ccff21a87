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
            .ProducesProblem(StatusCodes.Status404NotFound);

        return v1;
    }

    public static async Task<Results<Ok<ListEnvelope<Tag>>, ValidationProblem>> ListTags(
        [Description("Edition code, e.g. `fa`.")] string edition,
        [AsParameters] PageQuery paging,
        HttpRequest request,
        NpgsqlDataSource db,
        IOptions<CmsOptions> options,
        CancellationToken ct)
    {
        if (paging.Invalid(options.Value, out var page) is { } invalid)
        {
            return invalid;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var tags = (await ListEnvelope.ReadAsync<TagRow>(conn, TagQueries.List, new { Edition = edition }, page, request, ct))
            .Adapt<ListEnvelope<Tag>>(Mappings.Config);
        request.HttpContext.AddSurrogateKeys(tags.Items.Select(t => $"tag:{edition}/{PublicCaching.KeyPart(t.Slug)}"));
        return TypedResults.Ok(tags);
    }

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
