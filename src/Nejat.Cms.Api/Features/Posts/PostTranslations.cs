using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Nejat.Cms.Api.Features.Editorial;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Posts;

/// <summary>Body of POST …/translations: the post (in another edition) that tells the same story.</summary>
public sealed record TranslationLinkRequest(long? PostId);

/// <summary>Translations: posts of one story (translationKey), at most one per edition.</summary>
internal sealed partial class PostEditor
{
    public async Task<Results<Ok<AdminPost>, ProblemHttpResult, ValidationProblem>> LinkTranslationAsync(long id, TranslationLinkRequest request, CancellationToken ct) =>
        request.PostId is not { } otherId
            ? JsonBody.Invalid("postId", "postId is required: the id of the post in another edition.")
            : await EditAsync(id, current => (current.ToWrite() with { Status = null }, null), ct, action: "link-translation", translationOf: otherId);

    public Task<Results<Ok<AdminPost>, ProblemHttpResult, ValidationProblem>> UnlinkTranslationAsync(long id, CancellationToken ct) =>
        EditAsync(id, current => (current.ToWrite() with { Status = null, TranslationKey = null }, null), ct, action: "unlink-translation");

    /// <summary>The story key the post joins by translating <paramref name="otherId"/>; the other post gets one if it had none.</summary>
    private async Task<(string? Story, ProblemHttpResult? Problem)> JoinStoryAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, string edition, long? id, long otherId, CancellationToken ct)
    {
        // A page translates a page, a post a post.
        var other = await PostCommands.GetAsync(conn, tx, otherId, ct);
        if (other is null || other.Id == id || other.Kind != kind.Name)
        {
            return (null, EditorialProblems.NotFound("Translation not found", $"There is no other {kind.Name} with id {otherId} to link."));
        }

        if (other.Edition == edition)
        {
            return (null, EditorialProblems.Conflict("Same edition", $"Post {otherId} is in edition '{edition}' too; a translation is in another edition."));
        }

        if (other.TranslationKey is { } story)
        {
            return (story, null);
        }

        if (PostRights.ToPublish(key, other.Edition) is { } refused)
        {
            // Giving the other post a story key changes it: only editors of its edition may.
            return (null, refused);
        }

        // The other post changes too, so it is locked and saved like any change: new version, revision, audit.
        story = $"story-{otherId}";
        await PostCommands.LockAsync(conn, tx, otherId, ct);
        var otherState = PostState.Of(other);
        await PostCommands.SaveAsync(conn, tx, otherId, otherState, otherState with { TranslationKey = story },
            key, key.Name, "link-translation", http.TraceIdentifier, ct);
        return (story, null);
    }

    private static async Task<ProblemHttpResult?> StoryConflictAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long? id, PostState state, CancellationToken ct)
    {
        if (state.TranslationKey is null)
        {
            return null;
        }

        var clash = await conn.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            "SELECT id FROM posts WHERE translation_key = @TranslationKey AND edition = @Edition AND id IS DISTINCT FROM @Id",
            new { state.TranslationKey, state.Edition, Id = id }, tx, cancellationToken: ct));
        return clash is { } other
            ? EditorialProblems.Conflict("Translation exists", $"The story '{state.TranslationKey}' already has post {other} in edition '{state.Edition}'; a story has one post per edition.")
            : null;
    }
}
