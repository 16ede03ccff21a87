using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Nejat.Cms.Api.Features.Editorial;

namespace Nejat.Cms.Api.Features.Posts;

/// <summary>Body of POST …/publish and …/schedule.</summary>
public sealed record PublishRequest(DateTimeOffset? PublishAt);

/// <summary>A status move: when it applies to a post (else the field and problem of its 400), and what it makes of it.</summary>
internal sealed record PostMove(
    string Action,
    Func<PostState, PublishRequest?, DateTime, (string Field, string Problem)?> Refuse,
    Func<PostState, PublishRequest?, DateTime, PostState> Apply)
{
    public static readonly PostMove Publish = new("publish",
        (current, request, now) =>
            request?.PublishAt?.UtcDateTime > now ? ("publishAt", "publishAt is in the future: schedule the post instead.")
            : current.Status == "trashed" ? ("status", "A trashed post must be restored before it is published.")
            : null,
        (current, request, now) => current with
        {
            Status = "published",
            PublishedAt = request?.PublishAt?.UtcDateTime ?? (current.PublishedAt <= now ? current.PublishedAt : null) ?? now,
        });

    public static readonly PostMove Unpublish = new("unpublish",
        (current, _, _) => current.Status is "published" or "scheduled" ? null : ("status", $"Only a published or scheduled post can be unpublished; it is '{current.Status}'."),
        (current, _, _) => current with { Status = "draft" });

    public static readonly PostMove Schedule = new("schedule",
        (current, request, now) =>
            request?.PublishAt is not { } at || at.UtcDateTime <= now ? ("publishAt", "publishAt is required and must be in the future.")
            : current.Status == "trashed" ? ("status", "A trashed post must be restored before it is scheduled.")
            : null,
        (current, request, _) => current with { Status = "scheduled", PublishedAt = request!.PublishAt!.Value.UtcDateTime });

    public static readonly PostMove Restore = new("restore",
        (current, _, _) => current.Status == "trashed" ? null : ("status", $"Only a trashed post can be restored; it is '{current.Status}'."),
        (current, _, _) => current with { Status = "draft" });
}

/// <summary>Status moves: publish, unpublish, schedule and restore need an editor; so does purging the trash.</summary>
internal sealed partial class PostEditor
{
    public async Task<Results<Ok<AdminPost>, ProblemHttpResult, ValidationProblem>> MoveAsync(long id, PostMove move, PublishRequest? request, CancellationToken ct)
    {
        var (opened, problem) = await BeginChangeAsync(id, locked => PostRights.ToPublish(key, locked.Post.Edition), ct);
        if (opened is null)
        {
            return problem!;
        }

        await using var change = opened;
        var current = PostState.Of(change.Current.Post);
        var now = clock.GetUtcNow().UtcDateTime;
        if (move.Refuse(current, request, now) is { } refusal)
        {
            return EditorialProblems.CannotMove(move.Action, refusal.Field, refusal.Problem);
        }

        return await SaveAsync(change, id, current, move.Apply(current, request, now), move.Action, ct);
    }

    /// <summary>To the trash: it leaves the public API at once. Authors may trash their own drafts.</summary>
    public async Task<Results<Ok<AdminPost>, ProblemHttpResult, ValidationProblem>> TrashAsync(long id, CancellationToken ct)
    {
        var (opened, problem) = await BeginChangeAsync(id, locked => PostRights.ToEdit(key, locked.Post.Edition, locked.Post.Status, locked.CreatedByKey, locked.CreatedByAccount), ct);
        if (opened is null)
        {
            return problem!;
        }

        await using var change = opened;
        var current = PostState.Of(change.Current.Post);
        return current.Status == "trashed"
            ? EditorialProblems.Conflict("Already in the trash", $"{kind.Title} {id} is already in the trash; purge it with ?purge=true.")
            : await SaveAsync(change, id, current, current with { Status = "trashed" }, "trash", ct);
    }

    /// <summary>Deletes a trashed post for good.</summary>
    public async Task<Results<NoContent, ProblemHttpResult>> PurgeAsync(long id, CancellationToken ct)
    {
        var (opened, problem) = await BeginChangeAsync(id, locked => PostRights.ToPublish(key, locked.Post.Edition), ct);
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
}
