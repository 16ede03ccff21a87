using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Nejat.Cms.Api.Features.Editorial;
using Npgsql;

namespace Nejat.Cms.Api.Features.Posts;

/// <summary>A kept version of a post.</summary>
public sealed record PostRevision(int Number, DateTime CreatedAt, string KeyName, string Action, PostState State);

/// <summary>Revisions: every version kept with who, when and how; a restore brings content back as a new revision.</summary>
internal sealed partial class PostEditor
{
    private const string RevisionColumns = "SELECT number, created_at, key_name, action, state::text AS state FROM post_revisions";

    public async Task<Results<Ok<PostRevision[]>, ProblemHttpResult>> ListRevisionsAsync(long id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        if ((await ReadableAsync(conn, id, ct)).Problem is { } problem)
        {
            return problem;
        }

        var rows = await conn.QueryAsync<RevisionRow>(new CommandDefinition(
            $"{RevisionColumns} WHERE post_id = @Id ORDER BY number DESC", new { Id = id }, cancellationToken: ct));
        return TypedResults.Ok(rows.Select(r => r.ToRevision()).ToArray());
    }

    public async Task<Results<Ok<PostRevision>, ProblemHttpResult>> GetRevisionAsync(long id, int number, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        if ((await ReadableAsync(conn, id, ct)).Problem is { } problem)
        {
            return problem;
        }

        return await LoadRevisionAsync(conn, id, number, ct) is { } row ? TypedResults.Ok(row.ToRevision()) : RevisionNotFound(id, number);
    }

    /// <summary>Brings back content, slug, author and tags; status, date and story stay as they are.</summary>
    public async Task<Results<Ok<AdminPost>, ProblemHttpResult, ValidationProblem>> RestoreRevisionAsync(long id, int number, CancellationToken ct)
    {
        RevisionRow? revision;
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            if ((revision = await LoadRevisionAsync(conn, id, number, ct)) is null)
            {
                return await GetOfKindAsync(conn, null, id, ct) is null ? NotFound(id) : RevisionNotFound(id, number);
            }
        }

        var old = revision.ToRevision().State;
        return await EditAsync(id, current => (old.ToWrite() with
        {
            Status = null,
            PublishedAt = current.PublishedAt,
            TranslationKey = current.TranslationKey,
        }, null), ct, action: $"restore-revision-{number}");
    }

    private static Task<RevisionRow?> LoadRevisionAsync(NpgsqlConnection conn, long id, int number, CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<RevisionRow>(new CommandDefinition(
            $"{RevisionColumns} WHERE post_id = @Id AND number = @Number", new { Id = id, Number = number }, cancellationToken: ct));

    private ProblemHttpResult RevisionNotFound(long id, int number) =>
        EditorialProblems.NotFound("Revision not found", $"{kind.Title} {id} has no revision {number}.");

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
