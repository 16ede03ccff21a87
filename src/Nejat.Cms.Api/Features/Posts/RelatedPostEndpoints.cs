using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Nejat.Cms.Api.Features.Media;
using Nejat.Cms.Api.Hosting;
using Nejat.Cms.Api.Text;
using Npgsql;

namespace Nejat.Cms.Api.Features.Posts;

/// <summary>Posts related to one post, for a "Related posts" box beside it.</summary>
public sealed record RelatedPostList(IReadOnlyList<PostSummary> Items);

internal static class RelatedPostEndpoints
{
    public const int DefaultLimit = 5;
    public const int MaxLimit = 20;

    public static async Task<Results<Ok<RelatedPostList>, RedirectHttpResult, ProblemHttpResult, ValidationProblem>> ListRelatedPosts(
        [Description("Edition code, e.g. `fa`.")] string edition,
        [Description("The post's slug in that edition.")] string slug,
        [Description("How many posts, from 1 to 20. Default 5.")][Range(1, MaxLimit)][DefaultValue(DefaultLimit)] QueryInteger? limit,
        HttpRequest request,
        NpgsqlDataSource db,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var size = QueryInteger.Bounded(limit, "limit", MaxLimit, DefaultLimit, errors);
        if (Problems.InvalidQuery(errors) is { } invalid)
        {
            return invalid;
        }

        slug = Slug.Canonical(slug);
        await using var conn = await db.OpenConnectionAsync(ct);
        if (await conn.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
                PostQueries.IdBySlug, new { Edition = edition, Slug = slug }, cancellationToken: ct)) is not { } postId)
        {
            if (await PostEndpoints.CurrentSlugAsync(conn, edition, slug, ct) is { } current)
            {
                return TypedResults.Redirect(
                    $"/v1/{Uri.EscapeDataString(edition)}/posts/{Uri.EscapeDataString(current)}/related{request.QueryString}", permanent: true);
            }

            return await PostEndpoints.NotFoundAsync(conn, edition, slug, ct);
        }

        var rows = (await conn.QueryAsync<PostSummaryRow>(new CommandDefinition(
            PostQueries.Related,
            new { Edition = edition, PostId = postId, PerTag = PostQueries.RelatedPerTag, Limit = size },
            cancellationToken: ct))).ToArray();
        // Their featured media in one more query, as lists do.
        var media = await MediaQueries.ByIdsAsync(conn, rows.Select(r => r.FeaturedMediaId).OfType<long>(), edition, ct);
        var items = rows.Select(row => row.ToSummary(media)).ToArray();
        // The answer also changes with the post's own tags.
        request.HttpContext.AddSurrogateKeys(items.SelectMany(PostEndpoints.SurrogateKeys).Prepend($"post:{postId}"));
        return TypedResults.Ok(new RelatedPostList(items));
    }
}
