using System.Text.Json.Nodes;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Features.Editorial;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Posts;

/// <summary>
/// Writes posts (and pages) for one admin request: who asks, for which kind, on which data source.
/// Bound as a handler parameter, so handlers read their input and make one call. Every change goes the
/// same way — If-Match, lock, rights, version, validation, slug and tags, save with revision and audit,
/// commit — here; status moves, revisions and translations have files of their own (PostWorkflow.cs,
/// PostRevisions.cs, PostTranslations.cs).
/// </summary>
internal sealed partial class PostEditor(
    EditorKey key, PostKind kind, NpgsqlDataSource db, ContentVersions versions, CmsOptions options, TimeProvider clock, HttpContext http)
{
    public static ValueTask<PostEditor?> BindAsync(HttpContext context)
    {
        var services = context.RequestServices;
        return ValueTask.FromResult<PostEditor?>(new PostEditor(EditorKey.From(context.User), PostKind.Of(context), services.GetRequiredService<NpgsqlDataSource>(),
            services.GetRequiredService<ContentVersions>(), services.GetRequiredService<IOptions<CmsOptions>>().Value, services.GetRequiredService<TimeProvider>(), context));
    }

    public async Task<Results<Created<AdminPost>, ProblemHttpResult, ValidationProblem>> CreateAsync(PostWrite write, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (PostValidation.Check(write, null, kind, options.MaxBodyHtmlLength, now) is { Count: > 0 } errors)
        {
            return EditorialProblems.Invalid(kind.Name, errors);
        }

        var state = PostValidation.Apply(write, null, now) with { Kind = kind.Name };
        if ((state.Status == "draft" ? PostRights.ToEdit(key, state.Edition, "draft", key.KeyId, key.AccountId) : PostRights.ToPublish(key, state.Edition)) is { } refused)
        {
            return refused;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await ReferenceErrorsAsync(conn, tx, state, ct) is { Count: > 0 } referenceErrors)
        {
            return EditorialProblems.Invalid(kind.Name, referenceErrors);
        }

        if (write.TranslationOf is { } otherId)
        {
            var (story, problem) = await JoinStoryAsync(conn, tx, state.Edition, null, otherId, ct);
            if (problem is not null)
            {
                return problem;
            }

            state = state with { TranslationKey = story };
        }

        var (resolved, slugTaken) = await PostCommands.ResolveAsync(conn, tx, null, state, write.HasSlug, ct);
        if (resolved is null)
        {
            return SlugTaken(state.Edition, slugTaken!);
        }

        if (await StoryConflictAsync(conn, tx, null, resolved, ct) is { } storyConflict)
        {
            return storyConflict;
        }

        var post = await PostCommands.SaveAsync(conn, tx, null, null, resolved, key, key.Name, "create", http.TraceIdentifier, ct);
        await tx.CommitAsync(ct);
        Versions.Set(http.Response, post.Version);
        return TypedResults.Created($"/v1/admin/{kind.Plural}/{post.Id}", post);
    }

    public Task<Results<Ok<AdminPost>, ProblemHttpResult, ValidationProblem>> ReplaceAsync(long id, PostWrite write, CancellationToken ct) =>
        EditAsync(id, _ => (write, null), ct);

    public Task<Results<Ok<AdminPost>, ProblemHttpResult, ValidationProblem>> PatchAsync(long id, JsonObject patch, CancellationToken ct) =>
        EditAsync(id, current => JsonMergePatch.Merge(current.ToWrite(), patch, http), ct);

    /// <summary>
    /// The shape of every change to an existing post: If-Match, lock, rights, version, the change,
    /// validation, slug and tags, save, commit. <paramref name="change"/> returns the new body, or the
    /// 400 of a change that cannot apply (a merge patch that makes the post invalid).
    /// </summary>
    private async Task<Results<Ok<AdminPost>, ProblemHttpResult, ValidationProblem>> EditAsync(
        long id, Func<PostState, (PostWrite? Write, ValidationProblem? Problem)> change, CancellationToken ct,
        string action = "update", long? translationOf = null)
    {
        var (opened, problem) = await BeginChangeAsync(id, locked => PostRights.ToEdit(key, locked.Post.Edition, locked.Post.Status, locked.CreatedByKey, locked.CreatedByAccount), ct);
        if (opened is null)
        {
            return problem!;
        }

        await using var edit = opened;
        var (conn, tx) = (edit.Connection, edit.Transaction);
        var current = PostState.Of(edit.Current.Post);
        var (write, invalid) = change(current);
        if (invalid is not null)
        {
            return invalid;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (PostValidation.Check(write!, current, kind, options.MaxBodyHtmlLength, now) is { Count: > 0 } errors)
        {
            return EditorialProblems.Invalid(kind.Name, errors);
        }

        var state = PostValidation.Apply(write!, current, now);
        if (await ReferenceErrorsAsync(conn, tx, state, ct) is { Count: > 0 } referenceErrors)
        {
            return EditorialProblems.Invalid(kind.Name, referenceErrors);
        }

        if (translationOf is { } otherId)
        {
            var (story, storyProblem) = await JoinStoryAsync(conn, tx, state.Edition, id, otherId, ct);
            if (storyProblem is not null)
            {
                return storyProblem;
            }

            state = state with { TranslationKey = story };
        }

        var (resolved, slugTaken) = await PostCommands.ResolveAsync(conn, tx, id, state, write!.HasSlug && write.Slug != current.Slug, ct);
        if (resolved is null)
        {
            return SlugTaken(state.Edition, slugTaken!);
        }

        if (await StoryConflictAsync(conn, tx, id, resolved, ct) is { } storyConflict)
        {
            return storyConflict;
        }

        return await SaveAsync(edit, id, current, resolved, action, ct);
    }

    /// <summary>Saves the next version of a locked post, commits, and answers with it and its ETag.</summary>
    private async Task<Results<Ok<AdminPost>, ProblemHttpResult, ValidationProblem>> SaveAsync(
        VersionedChange<LockedPost> change, long id, PostState current, PostState next, string action, CancellationToken ct)
    {
        var saved = await PostCommands.SaveAsync(change.Connection, change.Transaction, id, current, next, key, key.Name, action, http.TraceIdentifier, ct);
        await change.CommitAsync(ct);
        Versions.Set(http.Response, saved.Version);
        return TypedResults.Ok(saved);
    }

    /// <summary>A post locked for a change, with the key or account that created it (authors may change only their own).</summary>
    private sealed record LockedPost(AdminPostRow Post, long? CreatedByKey, long? CreatedByAccount);

    private Task<(VersionedChange<LockedPost>? Change, ProblemHttpResult? Problem)> BeginChangeAsync(
        long id, Func<LockedPost, ProblemHttpResult?> refuse, CancellationToken ct) =>
        VersionedChange<LockedPost>.BeginAsync(http.Request, db,
            async (conn, tx) => await PostCommands.LockAsync(conn, tx, id, ct) is { } locked && await GetOfKindAsync(conn, tx, id, ct) is { } post
                ? new LockedPost(post, locked.CreatedByKey, locked.CreatedByAccount)
                : null,
            locked => locked.Post.Version, refuse, () => NotFound(id), $"{kind.Title} {id}", ct);

    /// <summary>The post or page behind this route's id: a page's id under /posts (or the reverse) is not found.</summary>
    private async Task<AdminPostRow?> GetOfKindAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, long id, CancellationToken ct) =>
        await PostCommands.GetAsync(conn, tx, id, ct) is { } post && post.Kind == kind.Name ? post : null;

    /// <summary>The post of this kind, when the key may read its edition; else the 404 or 403.</summary>
    private async Task<(AdminPostRow? Post, ProblemHttpResult? Problem)> ReadableAsync(NpgsqlConnection conn, long id, CancellationToken ct) =>
        await GetOfKindAsync(conn, null, id, ct) is not { } post ? (null, NotFound(id))
        : !key.MayTouch(post.Edition) ? (null, EditorialProblems.EditionForbidden(key, post.Edition))
        : (post, null);

    private static async Task<Dictionary<string, string[]>> ReferenceErrorsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, PostState state, CancellationToken ct)
    {
        // The featured media is locked against deletion until this write commits.
        var found = await conn.QuerySingleAsync<(bool Edition, bool Author, bool Media)>(new CommandDefinition("""
            SELECT EXISTS (SELECT 1 FROM editions WHERE code = @Edition),
                   @Author::text IS NULL OR EXISTS (SELECT 1 FROM authors WHERE slug = @Author),
                   @FeaturedMediaId::bigint IS NULL OR EXISTS (SELECT 1 FROM media WHERE id = @FeaturedMediaId FOR KEY SHARE)
            """, new { state.Edition, state.Author, state.FeaturedMediaId }, tx, cancellationToken: ct));
        var errors = new Dictionary<string, string[]>();
        if (!found.Edition)
        {
            errors["edition"] = [$"There is no edition '{state.Edition}'."];
        }

        if (!found.Author)
        {
            errors["author"] = [$"There is no author '{state.Author}'."];
        }

        if (!found.Media)
        {
            errors["featuredMediaId"] = [$"There is no media item {state.FeaturedMediaId}."];
        }

        return errors;
    }

    private ProblemHttpResult NotFound(long id) => EditorialProblems.NotFound($"{kind.Title} not found", $"There is no {kind.Name} with id {id}.");

    private static ProblemHttpResult SlugTaken(string edition, string slug) =>
        EditorialProblems.Conflict("Slug taken", $"Edition '{edition}' already has a post or page with the slug '{slug}' (the trash counts too); choose another slug or leave it out.");
}
