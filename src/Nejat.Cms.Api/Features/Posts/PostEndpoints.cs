using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Hosting;

namespace Nejat.Cms.Api.Features.Posts;

/// <summary>Public posts: the list, one post, related posts (<see cref="PublishedPosts"/> reads them).</summary>
internal static class PostEndpoints
{
    public static RouteGroupBuilder MapPosts(this RouteGroupBuilder v1)
    {
        var posts = v1.MapGroup("/{edition}/posts").WithTags("Posts");

        posts.MapGet("/", ListPosts)
            .WithName(nameof(ListPosts))
            .WithSummary("List published posts, newest first")
            .WithDescription("Paged with page and perPage; filter by tag and/or author slug, and by publishedAt with from (inclusive) and to (exclusive). "
                + "Ties in publishedAt are ordered by id, newest first. Each post has its displayDate in the edition's calendar, digits and time zone, "
                + "and its language and direction.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithResponseExample(PostExamples.List);

        posts.MapGet("/{slug}", GetPost)
            .WithName(nameof(GetPost))
            .WithSummary("Get one published post")
            .WithDescription("The full post with bodyHtml and its newer/older neighbours in the edition. Unicode slugs may be sent raw or percent-encoded. A slug the post had before it was renamed answers 301 with the current URL.")
            .Produces(StatusCodes.Status301MovedPermanently)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithResponseExample(PostExamples.Post);

        posts.MapGet("/{slug}/related", ListRelatedPosts)
            .WithName(nameof(ListRelatedPosts))
            .WithSummary("List posts related to a published post")
            .WithDescription("Other published posts of the edition that share tags with this one, most shared tags first, then newest; "
                + "each of the post's tags offers its newest " + PostQueries.RelatedPerTag + " posts. When fewer than limit share a tag, "
                + "the edition's newest posts fill the list. Never the post itself, drafts, scheduled posts or pages. "
                + "A slug the post had before it was renamed answers 301 with the current URL.")
            .Produces(StatusCodes.Status301MovedPermanently)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return v1;
    }

    public static async Task<Results<Ok<ListEnvelope<PostSummary>>, ProblemHttpResult, ValidationProblem>> ListPosts(
        [Description("Edition code, e.g. `fa`.")] string edition, [AsParameters] PostListQuery query,
        PublishedPosts posts, IOptions<CmsOptions> options, HttpRequest request, CancellationToken ct) =>
        query.Invalid(options.Value, out var list) is { } invalid ? invalid : await posts.ListAsync(edition, list, request, ct);

    public static Task<Results<Ok<Post>, RedirectHttpResult, ProblemHttpResult>> GetPost(
        [Description("Edition code, e.g. `fa`.")] string edition,
        [Description("The post's slug in that edition.")] string slug,
        PublishedPosts posts, HttpRequest request, CancellationToken ct) => posts.GetAsync(edition, slug, request, ct);

    public static async Task<Results<Ok<RelatedPostList>, RedirectHttpResult, ProblemHttpResult, ValidationProblem>> ListRelatedPosts(
        [Description("Edition code, e.g. `fa`.")] string edition,
        [Description("The post's slug in that edition.")] string slug,
        [Description("How many posts, from 1 to 20. Default 5.")][Range(1, PublishedPosts.MaxRelated)][DefaultValue(PublishedPosts.DefaultRelated)] QueryInteger? limit,
        PublishedPosts posts, HttpRequest request, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var size = QueryInteger.Bounded(limit, "limit", PublishedPosts.MaxRelated, PublishedPosts.DefaultRelated, errors);
        return Problems.InvalidQuery(errors) is { } invalid ? invalid
            : (await posts.RelatedAsync(edition, slug, size, request, ct)).Result switch
            {
                Ok<RelatedPostList> ok => ok,
                RedirectHttpResult moved => moved,
                var missing => (ProblemHttpResult)missing,
            };
    }
}
