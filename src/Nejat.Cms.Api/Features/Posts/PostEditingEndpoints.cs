using System.ComponentModel;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Features.Editorial;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Posts;

/// <summary>Body of POST …/publish and …/schedule.</summary>
public sealed record PublishRequest(DateTimeOffset? PublishAt);

/// <summary>Body of POST …/translations: the post (in another edition) that tells the same story.</summary>
public sealed record TranslationLinkRequest(long? PostId);

/// <summary>A kept version of a post.</summary>
public sealed record PostRevision(int Number, DateTime CreatedAt, string KeyName, string Action, PostState State);

/// <summary>
/// Writing posts: create, replace, merge-patch, trash/restore/purge, publish/unpublish/schedule,
/// revisions and translations. Every change needs If-Match and keeps a revision and an audit entry.
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
            .Accepts<PostWrite>("application/json").ProducesProblem(StatusCodes.Status409Conflict);
        posts.MapPut("/{id:long}", ReplacePost)
            .WithName(kind.Operation(nameof(ReplacePost))).WithSummary($"Replace {one}'s content")
            .WithDescription("Needs If-Match. Status changes go through publish, unpublish and schedule.")
            .Accepts<PostWrite>("application/json").ProducesEditProblems();
        posts.MapPatch("/{id:long}", PatchPost)
            .WithName(kind.Operation(nameof(PatchPost))).WithSummary($"Change some of {one}'s content (JSON Merge Patch)")
            .WithDescription("RFC 7396: members present replace, null removes. Needs If-Match.")
            .Accepts<JsonObject>("application/merge-patch+json", "application/json").ProducesEditProblems();
        posts.MapDelete("/{id:long}", DeletePost)
            .WithName(kind.Operation(nameof(DeletePost))).WithSummary($"Move {one} to the trash, or purge it from the trash")
            .WithDescription($"Trashed {kind.Plural} leave the public API at once; list them with status=trashed. ?purge=true deletes a trashed {a} for good (editor or admin). Needs If-Match.")
            .ProducesEditProblems();
        posts.MapPost("/{id:long}/restore", RestorePost)
            .WithName(kind.Operation(nameof(RestorePost))).WithSummary($"Restore a trashed {a} as a draft").ProducesEditProblems();
        posts.MapPost("/{id:long}/publish", PublishPost)
            .WithName(kind.Operation(nameof(PublishPost))).WithSummary($"Publish {one} now")
            .WithDescription($"publishAt (optional, not in the future) sets the date shown; else the {a}'s date, or now. Needs If-Match.")
            .Accepts<PublishRequest>("application/json").ProducesEditProblems();
        posts.MapPost("/{id:long}/unpublish", UnpublishPost)
            .WithName(kind.Operation(nameof(UnpublishPost))).WithSummary($"Take {one} back to draft").ProducesEditProblems();
        posts.MapPost("/{id:long}/schedule", SchedulePost)
            .WithName(kind.Operation(nameof(SchedulePost))).WithSummary($"Schedule {one}")
            .WithDescription("It becomes public at publishAt (in the future) without any request, exactly once, whichever instance gets there first.")
            .Accepts<PublishRequest>("application/json").ProducesEditProblems();
        posts.MapGet("/{id:long}/revisions", ListRevisions)
            .WithName(kind.Operation(nameof(ListRevisions))).WithSummary($"List {one}'s revisions, newest first").ProducesProblem(StatusCodes.Status404NotFound);
        posts.MapGet("/{id:long}/revisions/{number:int}", GetRevision)
            .WithName(kind.Operation(nameof(GetRevision))).WithSummary("Get one revision").ProducesProblem(StatusCodes.Status404NotFound);
        posts.MapPost("/{id:long}/revisions/{number:int}/restore", RestoreRevision)
            .WithName(kind.Operation(nameof(RestoreRevision))).WithSummary("Restore a revision's content (a new revision)")
            .WithDescription("Brings back content, slug, author and tags; status and date stay as they are. Needs If-Match.")
            .ProducesEditProblems();
        posts.MapPost("/{id:long}/translations", LinkTranslation)
            .WithName(kind.Operation(nameof(LinkTranslation))).WithSummary($"Link {one} to its translation in another edition")
            .WithDescription("Both join one story (translationKey); a story has at most one post per edition. Needs If-Match for this post.")
            .Accepts<TranslationLinkRequest>("application/json").ProducesEditProblems();
        posts.MapDelete("/{id:long}/translations", UnlinkTranslation)
            .WithName(kind.Operation(nameof(UnlinkTranslation))).WithSummary($"Take {one} out of its story").ProducesEditProblems();
        return admin;
    }

    private static RouteHandlerBuilder ProducesEditProblems(this RouteHandlerBuilder route) => route
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed)
        .ProducesProblem(StatusCodes.Status428PreconditionRequired);

    public static async Task<Results<Created<AdminPost>, ProblemHttpResult, ValidationProblem>> CreatePost(
        HttpContext http, NpgsqlDataSource db, IOptions<CmsOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var key = EditorKey.From(http.User);
        var kind = PostKind.Of(http);
        var (write, invalid) = await JsonBody.ReadAsync<PostWrite>(http.Request, ct);
        if (invalid is not null)
        {
            return invalid;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var errors = PostValidation.Check(write!, null, kind, options.Value.MaxBodyHtmlLength, now);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: $"Invalid {kind.Name}");
        }

        var state = PostValidation.Apply(write!, null, now) with { Kind = kind.Name };
        if ((state.Status == "draft" ? PostRights.ToEdit(key, state.Edition, "draft", key.Id) : PostRights.ToPublish(key, state.Edition)) is { } refused)
        {
            return refused;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await ReferenceErrorsAsync(conn, tx, state, ct) is { Count: > 0 } referenceErrors)
        {
            return TypedResults.ValidationProblem(referenceErrors, title: $"Invalid {kind.Name}");
        }

        if (write!.TranslationOf is { } otherId)
        {
            var (story, problem) = await JoinStoryAsync(conn, tx, key, kind, state.Edition, null, otherId, http, ct);
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

    public static async Task<Results<Ok<AdminPost>, ProblemHttpResult, ValidationProblem>> ReplacePost(
        [Description("The post's id.")] long id, HttpContext http, NpgsqlDataSource db, IOptions<CmsOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var (write, invalid) = await JsonBody.ReadAsync<PostWrite>(http.Request, ct);
        return invalid is not null ? invalid : await EditAsync(id, http, db, options.Value, clock, _ => write!, ct);
    }

    public static async Task<Results<Ok<AdminPost>, ProblemHttpResult, ValidationProblem>> PatchPost(
        [Description("The post's id.")] long id, HttpContext http, NpgsqlDataSource db, IOptions<CmsOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var (patch, invalid) = await JsonBody.ReadAsync<JsonObject>(http.Request, ct, "application/merge-patch+json");
        if (invalid is not null)
        {
            return invalid;
        }

        ValidationProblem? problem = null;
        var result = await EditAsync(id, http, db, options.Value, clock, current =>
        {
            (var merged, problem) = JsonMergePatch.Merge(current.ToWrite(), patch!, http);
            return merged;
        }, ct);
        return problem is null ? result : problem;
    }

    public static Task<Results<Ok<AdminPost>, ProblemHttpResult, ValidationProblem>> PublishPost(
        [Description("The post's id.")] long id, HttpContext http, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct) =>
        WorkflowAsync(id, http, db, clock, "publish", needsBody: false, (current, request, now) =>
            request?.PublishAt?.UtcDateTime > now ? ("publishAt", "publishAt is in the future: schedule the post instead.")
            : current.Status == "trashed" ? ("status", "A trashed post must be restored before it is published.")
            : null,
            (current, request, now) => current with
            {
                Status = "published",
                PublishedAt = request?.PublishAt?.UtcDateTime ?? (current.PublishedAt <= now ? current.PublishedAt : null) ?? now,
            }, ct);

    public static Task<Results<Ok<AdminPost>, ProblemHttpResult, ValidationProblem>> UnpublishPost(
        [Description("The post's id.")] long id, HttpContext http, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct) =>
        WorkflowAsync(id, http, db, clock, "unpublish", needsBody: false,
            (current, _, _) => current.Status is "published" or "scheduled" ? null : ("status", $"Only a published or scheduled post can be unpublished; it is '{current.Status}'."),
            (current, _, _) => current with { Status = "draft" }, ct);

    public static Task<Results<Ok<AdminPost>, ProblemHttpResult, ValidationProblem>> SchedulePost(
        [Description("The post's id.")] long id, HttpContext http, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct) =>
        WorkflowAsync(id, http, db, clock, "schedule", needsBody: true, (current, request, now) =>
            request?.PublishAt is not { } at || at.UtcDateTime <= now ? ("publishAt", "publishAt is required and must be in the future.")
            : current.Status == "trashed" ? ("status", "A trashed post must be restored before it is scheduled.")
            : null,
            (current, request, _) => current with { Status = "scheduled", PublishedAt = request!.PublishAt!.Value.UtcDateTime }, ct);

    public static async Task<Results<Ok<AdminPost>, ProblemHttpResult, ValidationProblem>> RestorePost(
        [Description("The post's id.")] long id, HttpContext http, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct) =>
        await WorkflowAsync(id, http, db, clock, "restore", needsBody: false,
            (current, _, _) => current.Status == "trashed" ? null : ("status", $"Only a trashed post can be restored; it is '{current.Status}'."),
            (current, _, _) => current with { Status = "draft" }, ct);

    public static async Task<Results<Ok<AdminPost>, NoContent, ProblemHttpResult, ValidationProblem>> DeletePost(
        [Description("The post's id.")] long id,
        [Description("true: delete a trashed post for good (editor or admin).")] bool? purge,
        HttpContext http, NpgsqlDataSource db, IOptions<CmsOptions> options, TimeProvider clock, CancellationToken ct)
    {
        if (purge is not true)
        {
            var trashed = await EditAsync(id, http, db, options.Value, clock, current => current.Status == "trashed" ? null : current.ToWrite() with { Status = null }, ct, trash: true);
            return trashed.Result switch
            {
                Ok<AdminPost> ok => ok,
                ProblemHttpResult refusal => refusal,
                ValidationProblem validation => validation,
                _ => throw new InvalidOperationException("unexpected result"),
            };
        }

        var key = EditorKey.From(http.User);
        var kind = PostKind.Of(http);
        var (opened, problem) = await BeginChangeAsync(http, db, id, locked => PostRights.ToPublish(key, locked.Post.Edition), ct);
        if (opened is null)
        {
            return problem!;
        }

        await using var deletion = opened;
        var (conn, tx, current) = (deletion.Connection, deletion.Transaction, deletion.Current.Post);
        if (current.Status != "trashed")
        {
            return EditorialProblems.Conflict("Not in the trash", $"{kind.Title} {id} is '{current.Status}': move it to the trash first (DELETE without purge).");
        }

        await conn.ExecuteAsync(new CommandDefinition("DELETE FROM posts WHERE id = @Id", new { Id = id }, tx, cancellationToken: ct));
        await Audit.RecordAsync(conn, tx, key, $"{kind.Plural}.purge", $"{kind.Plural}/{id}", http, ct);
        await deletion.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<PostRevision[]>, ProblemHttpResult>> ListRevisions(
        [Description("The post's id.")] long id, HttpContext http, NpgsqlDataSource db, CancellationToken ct)
    {
        var key = EditorKey.From(http.User);
        await using var conn = await db.OpenConnectionAsync(ct);
        if (await GetOfKindAsync(conn, null, http, id, ct) is not { } post)
        {
            return NotFound(http, id);
        }

        if (!key.MayTouch(post.Edition))
        {
            return EditorialProblems.EditionForbidden(key, post.Edition);
        }

        var rows = await conn.QueryAsync<RevisionRow>(new CommandDefinition(
            "SELECT number, created_at, key_name, action, state::text AS state FROM post_revisions WHERE post_id = @Id ORDER BY number DESC",
            new { Id = id }, cancellationToken: ct));
        return TypedResults.Ok(rows.Select(r => r.ToRevision()).ToArray());
    }

    public static async Task<Results<Ok<PostRevision>, ProblemHttpResult>> GetRevision(
        [Description("The post's id.")] long id, [Description("The revision number (= the version it was).")] int number,
        HttpContext http, NpgsqlDataSource db, CancellationToken ct)
    {
        var key = EditorKey.From(http.User);
        await using var conn = await db.OpenConnectionAsync(ct);
        if (await GetOfKindAsync(conn, null, http, id, ct) is not { } post)
        {
            return NotFound(http, id);
        }

        if (!key.MayTouch(post.Edition))
        {
            return EditorialProblems.EditionForbidden(key, post.Edition);
        }

        var row = await LoadRevisionAsync(conn, null, id, number, ct);
        return row is null
            ? RevisionNotFound(http, id, number)
            : TypedResults.Ok(row.ToRevision());
    }

    public static async Task<Results<Ok<AdminPost>, ProblemHttpResult, ValidationProblem>> RestoreRevision(
        [Description("The post's id.")] long id, [Description("The revision number to bring back.")] int number,
        HttpContext http, NpgsqlDataSource db, IOptions<CmsOptions> options, TimeProvider clock, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        if (await LoadRevisionAsync(conn, null, id, number, ct) is not { } revision)
        {
            return await GetOfKindAsync(conn, null, http, id, ct) is null
                ? NotFound(http, id)
                : RevisionNotFound(http, id, number);
        }

        var old = revision.ToRevision().State;
        return await EditAsync(id, http, db, options.Value, clock, current => old.ToWrite() with
        {
            Status = null,
            PublishedAt = current.PublishedAt,
            TranslationKey = current.TranslationKey,
        }, ct, action: $"restore-revision-{number}");
    }

    public static async Task<Results<Ok<AdminPost>, ProblemHttpResult, ValidationProblem>> LinkTranslation(
        [Description("The post's id.")] long id, HttpContext http, NpgsqlDataSource db, IOptions<CmsOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var (request, invalid) = await JsonBody.ReadAsync<TranslationLinkRequest>(http.Request, ct);
        if (invalid is not null)
        {
            return invalid;
        }

        if (request!.PostId is not { } otherId)
        {
            return JsonBody.Invalid("postId", "postId is required: the id of the post in another edition.");
        }

        return await EditAsync(id, http, db, options.Value, clock, current => current.ToWrite() with { Status = null }, ct,
            action: "link-translation", translationOf: otherId);
    }

    public static Task<Results<Ok<AdminPost>, ProblemHttpResult, ValidationProblem>> UnlinkTranslation(
        [Description("The post's id.")] long id, HttpContext http, NpgsqlDataSource db, IOptions<CmsOptions> options, TimeProvider clock, CancellationToken ct) =>
        EditAsync(id, http, db, options.Value, clock, current => current.ToWrite() with { Status = null, TranslationKey = null }, ct, action: "unlink-translation");

    /// <summary>
    /// The shape of every change to an existing post: If-Match, lock, rights, version, the change,
    /// validation, slug and tags, save, commit. <paramref name="change"/> returns the new body (or
    /// null when the change does not apply to the post's state: a 409).
    /// </summary>
    private static async Task<Results<Ok<AdminPost>, ProblemHttpResult, ValidationProblem>> EditAsync(
        long id, HttpContext http, NpgsqlDataSource db, CmsOptions options, TimeProvider clock, Func<PostState, PostWrite?> change, CancellationToken ct,
        string action = "update", bool trash = false, long? translationOf = null)
    {
        var key = EditorKey.From(http.User);
        var kind = PostKind.Of(http);
        var (opened, problem) = await BeginChangeAsync(http, db, id, locked => PostRights.ToEdit(key, locked.Post.Edition, locked.Post.Status, locked.CreatedByKey), ct);
        if (opened is null)
        {
            return problem!;
        }

        await using var edit = opened;
        var (conn, tx) = (edit.Connection, edit.Transaction);
        var current = PostState.Of(edit.Current.Post);
        if (change(current) is not { } write)
        {
            return trash
                ? EditorialProblems.Conflict("Already in the trash", $"{kind.Title} {id} is already in the trash; purge it with ?purge=true.")
                : JsonBody.Invalid("body", "The change does not apply to this post.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var errors = PostValidation.Check(write, current, kind, options.MaxBodyHtmlLength, now);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: $"Invalid {kind.Name}");
        }

        var state = trash ? current with { Status = "trashed" } : PostValidation.Apply(write, current, now);
        if (!trash && await ReferenceErrorsAsync(conn, tx, state, ct) is { Count: > 0 } referenceErrors)
        {
            return TypedResults.ValidationProblem(referenceErrors, title: $"Invalid {kind.Name}");
        }

        if (translationOf is { } otherId)
        {
            var (story, storyProblem) = await JoinStoryAsync(conn, tx, key, kind, state.Edition, id, otherId, http, ct);
            if (storyProblem is not null)
            {
                return storyProblem;
            }

            state = state with { TranslationKey = story };
        }

        var (resolved, slugTaken) = await PostCommands.ResolveAsync(conn, tx, id, state, write.HasSlug && write.Slug != current.Slug, ct);
        if (resolved is null)
        {
            return SlugTaken(state.Edition, slugTaken!);
        }

        if (await StoryConflictAsync(conn, tx, id, resolved, ct) is { } storyConflict)
        {
            return storyConflict;
        }

        var saved = await PostCommands.SaveAsync(conn, tx, id, current, resolved, key, key.Name, trash ? "trash" : action, http.TraceIdentifier, ct);
        await tx.CommitAsync(ct);
        Versions.Set(http.Response, saved.Version);
        return TypedResults.Ok(saved);
    }

    /// <summary>Publish, unpublish, schedule, restore: status moves that need an editor.</summary>
    private static async Task<Results<Ok<AdminPost>, ProblemHttpResult, ValidationProblem>> WorkflowAsync(
        long id, HttpContext http, NpgsqlDataSource db, TimeProvider clock, string action, bool needsBody,
        Func<PostState, PublishRequest?, DateTime, (string Field, string Problem)?> refuse,
        Func<PostState, PublishRequest?, DateTime, PostState> apply, CancellationToken ct)
    {
        var key = EditorKey.From(http.User);
        PublishRequest? request = null;
        if (needsBody || http.Request.ContentLength > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            (request, var invalid) = await JsonBody.ReadAsync<PublishRequest>(http.Request, ct);
            if (invalid is not null)
            {
                return invalid;
            }
        }

        var (opened, problem) = await BeginChangeAsync(http, db, id, locked => PostRights.ToPublish(key, locked.Post.Edition), ct);
        if (opened is null)
        {
            return problem!;
        }

        await using var change = opened;
        var current = PostState.Of(change.Current.Post);
        var now = clock.GetUtcNow().UtcDateTime;
        if (refuse(current, request, now) is { } refusal)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [refusal.Field] = [refusal.Problem] }, title: $"Cannot {action}");
        }

        var saved = await PostCommands.SaveAsync(change.Connection, change.Transaction, id, current, apply(current, request, now), key, key.Name, action, http.TraceIdentifier, ct);
        await change.CommitAsync(ct);
        Versions.Set(http.Response, saved.Version);
        return TypedResults.Ok(saved);
    }

    /// <summary>A post locked for a change, with the key that created it (authors may change only their own).</summary>
    private sealed record LockedPost(AdminPost Post, long? CreatedByKey);

    private static Task<(VersionedChange<LockedPost>? Change, ProblemHttpResult? Problem)> BeginChangeAsync(
        HttpContext http, NpgsqlDataSource db, long id, Func<LockedPost, ProblemHttpResult?> refuse, CancellationToken ct) =>
        VersionedChange<LockedPost>.BeginAsync(http.Request, db,
            async (conn, tx) => await PostCommands.LockAsync(conn, tx, id, ct) is { } locked && await GetOfKindAsync(conn, tx, http, id, ct) is { } post
                ? new LockedPost(post, locked.CreatedByKey)
                : null,
            locked => locked.Post.Version, refuse, () => NotFound(http, id), $"{PostKind.Of(http).Title} {id}", ct);

    /// <summary>The post or page behind this route's id: a page's id under /posts (or the reverse) is not found.</summary>
    private static async Task<AdminPost?> GetOfKindAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, HttpContext http, long id, CancellationToken ct) =>
        await PostCommands.GetAsync(conn, tx, id, ct) is { } post && post.Kind == PostKind.Of(http).Name ? post : null;

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

    /// <summary>The story key the post joins by translating <paramref name="otherId"/>; the other post gets one if it had none.</summary>
    private static async Task<(string? Story, ProblemHttpResult? Problem)> JoinStoryAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, EditorKey key, PostKind kind, string edition, long? id, long otherId, HttpContext http, CancellationToken ct)
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

    private static Task<RevisionRow?> LoadRevisionAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, long id, int number, CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<RevisionRow>(new CommandDefinition(
            "SELECT number, created_at, key_name, action, state::text AS state FROM post_revisions WHERE post_id = @Id AND number = @Number",
            new { Id = id, Number = number }, tx, cancellationToken: ct));

    private static ProblemHttpResult NotFound(HttpContext http, long id)
    {
        var kind = PostKind.Of(http);
        return EditorialProblems.NotFound($"{kind.Title} not found", $"There is no {kind.Name} with id {id}.");
    }

    private static ProblemHttpResult RevisionNotFound(HttpContext http, long id, int number) =>
        EditorialProblems.NotFound("Revision not found", $"{PostKind.Of(http).Title} {id} has no revision {number}.");

    private static ProblemHttpResult SlugTaken(string edition, string slug) =>
        EditorialProblems.Conflict("Slug taken", $"Edition '{edition}' already has a post or page with the slug '{slug}' (the trash counts too); choose another slug or leave it out.");

    private sealed record RevisionRow
    {
        public int Number { get; init; }
        public DateTime CreatedAt { get; init; }
        public string KeyName { get; init; } = "";
        public string Action { get; init; } = "";
        public string State { get; init; } = "";

        public PostRevision ToRevision() => new(Number, CreatedAt, KeyName, Action, PostCommands.ReadRevision(State));
    }
}
