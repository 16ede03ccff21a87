using System.ComponentModel;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Nejat.Cms.Api.Hosting;

namespace Nejat.Cms.Api.Features.Posts;

/// <summary>
/// Writing posts (and pages, under /v1/admin/pages): create, replace, merge-patch, trash/restore/purge,
/// publish/unpublish/schedule, revisions and translations. Every change needs If-Match and keeps a
/// revision and an audit entry; <see cref="PostEditor"/> does the work.
/// </summary>
internal static class PostEditingEndpoints
{
    public static RouteGroupBuilder MapPostEditing(this RouteGroupBuilder admin, PostKind kind)
    {
        var (a, one) = (kind.Name, $"a {kind.Name}");
        var posts = admin.MapGroup($"/{kind.Plural}").WithTags($"Admin: {kind.Plural}").WithMetadata(kind)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        posts.MapPost("/", CreatePost)
            .WithName(kind.Operation(nameof(CreatePost))).WithSummary($"Create {one}")
            .WithDescription(kind == PostKind.Post
                ? "The import format's fields; slug from the title when left out; tags by slug or name (new ones are created); translationOf links it to a post in another edition. Authors create drafts only."
                : "A post's fields without tags; slug from the title when left out (slugs are shared with the edition's posts); translationOf links it to a page in another edition. Authors create drafts only.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithRequestExample(kind == PostKind.Post ? PostExamples.Write : PostExamples.Write.Replace(", \"tags\": [\"حقوق بشر\"]", "", StringComparison.Ordinal))
            .WithResponseExample(PostExamples.Saved.Replace("\"kind\": \"post\"", $"\"kind\": \"{kind.Name}\"", StringComparison.Ordinal));
        posts.MapPut("/{id:long}", ReplacePost)
            .WithName(kind.Operation(nameof(ReplacePost))).WithSummary($"Replace {one}'s content")
            .WithDescription("Needs If-Match. Status changes go through publish, unpublish and schedule.")
            .ProducesWriteProblems();
        posts.MapPatch("/{id:long}", PatchPost)
            .WithName(kind.Operation(nameof(PatchPost))).WithSummary($"Change some of {one}'s content (JSON Merge Patch)")
            .WithDescription("RFC 7396: members present replace, null removes. Needs If-Match.")
            .ProducesWriteProblems();
        posts.MapDelete("/{id:long}", DeletePost)
            .WithName(kind.Operation(nameof(DeletePost))).WithSummary($"Move {one} to the trash, or purge it from the trash")
            .WithDescription($"Trashed {kind.Plural} leave the public API at once; list them with status=trashed. ?purge=true deletes a trashed {a} for good (editor or admin). Needs If-Match.")
            .ProducesWriteProblems();
        posts.MapPost("/{id:long}/restore", RestorePost)
            .WithName(kind.Operation(nameof(RestorePost))).WithSummary($"Restore a trashed {a} as a draft")
            .WithDescription($"The {a} comes back with its content, slug and tags, as a draft: publish it to make it public again. Needs If-Match.")
            .ProducesWriteProblems();
        posts.MapPost("/{id:long}/publish", PublishPost)
            .WithName(kind.Operation(nameof(PublishPost))).WithSummary($"Publish {one} now")
            .WithDescription($"publishAt (optional, not in the future) sets the date shown; else the {a}'s date, or now. Needs If-Match.")
            .ProducesWriteProblems();
        posts.MapPost("/{id:long}/unpublish", UnpublishPost)
            .WithName(kind.Operation(nameof(UnpublishPost))).WithSummary($"Take {one} back to draft")
            .WithDescription($"The {a} leaves the public API at once and keeps its content as a draft. Needs If-Match.")
            .ProducesWriteProblems();
        posts.MapPost("/{id:long}/schedule", SchedulePost)
            .WithName(kind.Operation(nameof(SchedulePost))).WithSummary($"Schedule {one}")
            .WithDescription("It becomes public at publishAt (in the future) without any request, exactly once, whichever instance gets there first.")
            .ProducesWriteProblems();
        posts.MapGet("/{id:long}/revisions", ListRevisions)
            .WithName(kind.Operation(nameof(ListRevisions))).WithSummary($"List {one}'s revisions, newest first")
            .WithDescription($"Each revision is the {a}'s state after a write, with the key that made it and the action.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        posts.MapGet("/{id:long}/revisions/{number:int}", GetRevision)
            .WithName(kind.Operation(nameof(GetRevision))).WithSummary("Get one revision")
            .WithDescription($"The {a}'s content, slug, author, tags, status and date as that revision saved them.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        posts.MapPost("/{id:long}/revisions/{number:int}/restore", RestoreRevision)
            .WithName(kind.Operation(nameof(RestoreRevision))).WithSummary("Restore a revision's content (a new revision)")
            .WithDescription("Brings back content, slug, author and tags; status and date stay as they are. Needs If-Match.")
            .ProducesWriteProblems();
        posts.MapPost("/{id:long}/translations", LinkTranslation)
            .WithName(kind.Operation(nameof(LinkTranslation))).WithSummary($"Link {one} to its translation in another edition")
            .WithDescription("Both join one story (translationKey); a story has at most one post per edition. Needs If-Match for this post.")
            .ProducesWriteProblems();
        posts.MapDelete("/{id:long}/translations", UnlinkTranslation)
            .WithName(kind.Operation(nameof(UnlinkTranslation))).WithSummary($"Take {one} out of its story")
            .WithDescription($"The {a} leaves its translationKey: the other editions' posts no longer list it among their translations. Needs If-Match.")
            .ProducesWriteProblems();
        return admin;
    }

    public static Task<Results<Created<AdminPost>, ProblemHttpResult, ValidationProblem>> CreatePost(
        Body<PostWrite> body, PostEditor posts, CancellationToken ct) => posts.CreateAsync(body.Value, ct);

    public static Task<Results<Ok<AdminPost>, ProblemHttpResult, ValidationProblem>> ReplacePost(
        [Description("The post's id.")] long id, Body<PostWrite> body, PostEditor posts, CancellationToken ct) => posts.ReplaceAsync(id, body.Value, ct);

    public static Task<Results<Ok<AdminPost>, ProblemHttpResult, ValidationProblem>> PatchPost(
        [Description("The post's id.")] long id, Body<JsonObject> patch, PostEditor posts, CancellationToken ct) => posts.PatchAsync(id, patch.Value, ct);

    public static async Task<Results<Ok<AdminPost>, NoContent, ProblemHttpResult, ValidationProblem>> DeletePost(
        [Description("The post's id.")] long id,
        [Description("true: delete a trashed post for good (editor or admin).")] bool? purge,
        PostEditor posts, CancellationToken ct) =>
        purge is true
            ? (await posts.PurgeAsync(id, ct)).Result switch { NoContent gone => gone, var refusal => (ProblemHttpResult)refusal }
            : (await posts.TrashAsync(id, ct)).Result switch
            {
                Ok<AdminPost> trashed => trashed,
                ValidationProblem invalid => invalid,
                var refusal => (ProblemHttpResult)refusal,
            };

    public static Task<Results<Ok<AdminPost>, ProblemHttpResult, ValidationProblem>> RestorePost(
        [Description("The post's id.")] long id, PostEditor posts, CancellationToken ct) => posts.MoveAsync(id, PostMove.Restore, null, ct);

    public static Task<Results<Ok<AdminPost>, ProblemHttpResult, ValidationProblem>> PublishPost(
        [Description("The post's id.")] long id, Body<PublishRequest>? body, PostEditor posts, CancellationToken ct) =>
        posts.MoveAsync(id, PostMove.Publish, body?.Value, ct);

    public static Task<Results<Ok<AdminPost>, ProblemHttpResult, ValidationProblem>> UnpublishPost(
        [Description("The post's id.")] long id, PostEditor posts, CancellationToken ct) => posts.MoveAsync(id, PostMove.Unpublish, null, ct);

    public static Task<Results<Ok<AdminPost>, ProblemHttpResult, ValidationProblem>> SchedulePost(
        [Description("The post's id.")] long id, Body<PublishRequest> body, PostEditor posts, CancellationToken ct) =>
        posts.MoveAsync(id, PostMove.Schedule, body.Value, ct);

    public static Task<Results<Ok<PostRevision[]>, ProblemHttpResult>> ListRevisions(
        [Description("The post's id.")] long id, PostEditor posts, CancellationToken ct) => posts.ListRevisionsAsync(id, ct);

    public static Task<Results<Ok<PostRevision>, ProblemHttpResult>> GetRevision(
        [Description("The post's id.")] long id, [Description("The revision number (= the version it was).")] int number,
        PostEditor posts, CancellationToken ct) => posts.GetRevisionAsync(id, number, ct);

    public static Task<Results<Ok<AdminPost>, ProblemHttpResult, ValidationProblem>> RestoreRevision(
        [Description("The post's id.")] long id, [Description("The revision number to bring back.")] int number,
        PostEditor posts, CancellationToken ct) => posts.RestoreRevisionAsync(id, number, ct);

    public static Task<Results<Ok<AdminPost>, ProblemHttpResult, ValidationProblem>> LinkTranslation(
        [Description("The post's id.")] long id, Body<TranslationLinkRequest> body, PostEditor posts, CancellationToken ct) =>
        posts.LinkTranslationAsync(id, body.Value, ct);

    public static Task<Results<Ok<AdminPost>, ProblemHttpResult, ValidationProblem>> UnlinkTranslation(
        [Description("The post's id.")] long id, PostEditor posts, CancellationToken ct) => posts.UnlinkTranslationAsync(id, ct);
}
