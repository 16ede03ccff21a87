using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Hosting;
using Nejat.Cms.Api.Text;

namespace Nejat.Cms.Api.Features.Posts;

/// <summary>/v1/admin/posts (and pages): every status, within the editions the key may touch.</summary>
internal static class PostAdminEndpoints
{
    public static RouteGroupBuilder MapPostAdmin(this RouteGroupBuilder admin, PostKind kind)
    {
        var posts = admin.MapGroup($"/{kind.Plural}").WithTags($"Admin: {kind.Plural}").WithMetadata(kind);

        posts.MapGet("/", ListPostsForEditors)
            .WithName(kind.Operation(nameof(ListPostsForEditors)))
            .WithSummary($"List {kind.Plural} of every status")
            .WithDescription("Most recently changed first. Only the editions the key may touch; filter by edition, status, author, tag, title text and story (translationKey: the story's posts in the editions the key may touch).")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        posts.MapGet("/{id:long}", GetPostForEditors)
            .WithName(kind.Operation(nameof(GetPostForEditors)))
            .WithSummary($"Get a {kind.Name} of any status")
            .WithDescription("The response's ETag is the post's version, for If-Match on later writes.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return admin;
    }

    public static async Task<Results<Ok<ListEnvelope<AdminPostSummary>>, ProblemHttpResult, ValidationProblem>> ListPostsForEditors(
        [AsParameters] AdminPostListQuery query, PostEditor posts, IOptions<CmsOptions> options, CancellationToken ct) =>
        query.Invalid(options.Value, out var list) is { } invalid ? invalid : await posts.ListAsync(list, ct);

    public static Task<Results<Ok<AdminPost>, ProblemHttpResult>> GetPostForEditors(
        [Description("The post's id.")] long id, PostEditor posts, CancellationToken ct) => posts.GetAsync(id, ct);
}

/// <summary>The query parameters of the editors' posts list, bound with [AsParameters].</summary>
public sealed record AdminPostListQuery(
    [property: FromQuery(Name = "page"), Description("Page number, from 1. Default 1.")] QueryInteger? Page,
    [property: FromQuery(Name = "perPage"), Description("Posts per page, from 1 to the configured maximum. Default 10.")] QueryInteger? PerPage,
    [property: FromQuery(Name = "edition"), Description("Only this edition (one the key may touch).")] string? Edition,
    [property: FromQuery(Name = "status"), Description("Only this status: draft, scheduled, published, or trashed (the trash, otherwise left out).")] string? Status,
    [property: FromQuery(Name = "author"), Description("Only posts by this author slug.")] string? Author,
    [property: FromQuery(Name = "tag"), Description("Only posts with this tag slug (needs edition).")] string? Tag,
    [property: FromQuery(Name = "q"), Description("Only posts whose title contains this text (case-insensitive).")] string? Q,
    [property: FromQuery(Name = "translationKey"), Description("Only the posts of this story (their translationKey): its translations in the editions the key may touch, at most one per edition.")] string? TranslationKey)
{
    private static readonly string[] Statuses = ["draft", "scheduled", "published", "trashed"];

    /// <summary>The list asked for, or the 400 naming the first bad parameter.</summary>
    internal ValidationProblem? Invalid(CmsOptions options, out AdminPostListRequest request)
    {
        request = new AdminPostListRequest(default, Edition, Status, Author is null ? null : Slug.Canonical(Author),
            Tag is null ? null : Slug.Canonical(Tag), string.IsNullOrWhiteSpace(Q) ? null : Q.Trim(), string.IsNullOrEmpty(TranslationKey) ? null : TranslationKey);
        if (PageRequest.Invalid(Page, PerPage, options, out var paging) is { } invalid)
        {
            return invalid;
        }

        request = request with { Paging = paging };
        return Problems.InvalidQuery(
            Status is not null && !Statuses.Contains(Status, StringComparer.Ordinal) ? new() { ["status"] = [$"status must be one of {string.Join(", ", Statuses)}; got '{Status}'."] }
            : Tag is not null && Edition is null ? new() { ["tag"] = ["tag needs edition: tag slugs are per edition."] }
            : []);
    }
}

/// <summary>A checked editors' list request; null filters are not applied.</summary>
internal sealed record AdminPostListRequest(PageRequest Paging, string? Edition, string? Status, string? Author, string? Tag, string? Text, string? TranslationKey);
