using Mapster;
using Microsoft.AspNetCore.Http.HttpResults;
using Nejat.Cms.Api.Database;
using Nejat.Cms.Api.Features.Editorial;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Authors;

/// <summary>
/// Writes authors for one admin request: who asks, on which data source. Bound as a handler parameter,
/// so handlers read their input and make one call. Authors are shared by all editions: editors and
/// admins create them, and rename or delete one only with the rights on every edition it writes in.
/// </summary>
internal sealed class AuthorEditor(EditorKey key, NpgsqlDataSource db, HttpContext http)
{
    public static ValueTask<AuthorEditor?> BindAsync(HttpContext context) =>
        ValueTask.FromResult<AuthorEditor?>(new AuthorEditor(EditorKey.From(context.User), context.RequestServices.GetRequiredService<NpgsqlDataSource>(), context));

    public async Task<Results<Created<AdminAuthor>, ProblemHttpResult, ValidationProblem>> CreateAsync(AuthorWrite write, CancellationToken ct)
    {
        if (NameAndSlug.Errors(write.Name, write.Slug) is { Count: > 0 } errors)
        {
            return EditorialProblems.Invalid("author", errors);
        }

        if (key.Role is not (Roles.Admin or Roles.Editor))
        {
            return EditorialProblems.Forbidden(key, "create authors", "role editor or admin");
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var wanted = SlugOf(write);
        if (await SlugAllocation.ChooseAsync(conn, tx, SlugTable.Authors, null, null, wanted, write.Slug is not null, ct) is not { } slug)
        {
            return SlugTaken(wanted);
        }

        var author = await AuthorQueries.InsertAsync(conn, tx, slug, write.Name!.Trim(), ct);
        await Audit.RecordAsync(conn, tx, key, "authors.create", $"authors/{author.Id}", http, ct);
        await tx.CommitAsync(ct);
        Versions.Set(http.Response, author.Version);
        return TypedResults.Created($"/v1/admin/authors/{author.Id}", author.Adapt<AdminAuthor>(Mappings.Config));
    }

    public async Task<Results<Ok<AdminAuthor>, ProblemHttpResult, ValidationProblem>> RenameAsync(long id, AuthorWrite write, CancellationToken ct)
    {
        var (opened, problem) = await BeginChangeAsync(id, ct);
        if (opened is null)
        {
            return problem!;
        }

        await using var change = opened;
        var (conn, tx, author) = (change.Connection, change.Transaction, change.Current.Author);
        if (NameAndSlug.Errors(write.Name, write.Slug) is { Count: > 0 } errors)
        {
            return EditorialProblems.Invalid("author", errors);
        }

        var wanted = write.Slug is null ? author.Slug : SlugOf(write);
        if (await SlugAllocation.ChooseAsync(conn, tx, SlugTable.Authors, null, id, wanted, chosen: true, ct) is not { } slug)
        {
            return SlugTaken(wanted);
        }

        var renamed = await AuthorQueries.RenameAsync(conn, tx, id, slug, write.Name!.Trim(), ct);
        await Audit.RecordAsync(conn, tx, key, "authors.update", $"authors/{id}", http, ct);
        await change.CommitAsync(ct);
        Versions.Set(http.Response, renamed.Version);
        return TypedResults.Ok(renamed.Adapt<AdminAuthor>(Mappings.Config));
    }

    /// <summary>Deletes an author; one with posts only when <paramref name="force"/> (they keep their bylines, without an author).</summary>
    public async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, bool force, CancellationToken ct)
    {
        var (opened, problem) = await BeginChangeAsync(id, ct);
        if (opened is null)
        {
            return problem!;
        }

        await using var change = opened;
        var (conn, tx, author) = (change.Connection, change.Transaction, change.Current.Author);
        var posts = await AuthorQueries.PostCountAsync(conn, tx, id, ct);
        if (posts > 0 && !force)
        {
            return EditorialProblems.AuthorInUse(author.Slug, posts);
        }

        await AuthorQueries.DeleteAsync(conn, tx, id, ct);
        await Audit.RecordAsync(conn, tx, key, posts > 0 ? "authors.delete-forced" : "authors.delete", $"authors/{id}", http, ct);
        await change.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    private Task<(VersionedChange<AuthorInEditions>? Change, ProblemHttpResult? Problem)> BeginChangeAsync(long id, CancellationToken ct) =>
        VersionedChange<AuthorInEditions>.BeginAsync(http.Request, db,
            async (conn, tx) => await AuthorQueries.GetAsync(conn, tx, id, ct, forUpdate: true) is { } author
                ? new AuthorInEditions(author, await AuthorQueries.EditionsOfAsync(conn, tx, id, ct))
                : null,
            author => author.Author.Version, author => RefuseChange(author.Editions), () => EditorialProblems.AuthorNotFound(id), $"Author {id}", ct);

    // An author's name and slug show in every edition the author writes in: changing or deleting them
    // needs the rights on all of those editions.
    private ProblemHttpResult? RefuseChange(string[] editions) =>
        key.Role is not (Roles.Admin or Roles.Editor) ? EditorialProblems.Forbidden(key, "rename or delete authors", "role editor or admin")
        : key.FirstForeign(editions) is not null ? EditorialProblems.SharedForbidden(key, "rename or delete this author", editions)
        : null;

    private static string SlugOf(AuthorWrite write) => NameAndSlug.SlugOf(write.Slug, write.Name!);

    private static ProblemHttpResult SlugTaken(string slug) => EditorialProblems.SlugTaken($"There is already an author with the slug '{slug}'.");

    /// <summary>An author locked for a change, with the editions of its posts.</summary>
    private sealed record AuthorInEditions(AdminAuthorRow Author, string[] Editions);
}
