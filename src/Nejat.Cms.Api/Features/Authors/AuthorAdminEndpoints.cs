using System.ComponentModel;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Database;
using Nejat.Cms.Api.Features.Editorial;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Authors;

public sealed record AdminAuthor(long Id, string Slug, string Name, int Version);

public sealed record AuthorWrite(string? Slug, string? Name);

/// <summary>/v1/admin/authors: authors are shared by all editions; editors and admins manage them.</summary>
internal static class AuthorAdminEndpoints
{
    public static RouteGroupBuilder MapAuthorAdmin(this RouteGroupBuilder admin)
    {
        var authors = admin.MapGroup("/authors").WithTags("Admin: authors").ProducesProblem(StatusCodes.Status403Forbidden);
        authors.MapGet("/", ListAuthorsForEditors).WithName(nameof(ListAuthorsForEditors)).WithSummary("List authors");
        authors.MapGet("/{id:long}", GetAuthorForEditors).WithName(nameof(GetAuthorForEditors)).WithSummary("Get an author")
            .ProducesProblem(StatusCodes.Status404NotFound);
        authors.MapPost("/", CreateAuthor).WithName(nameof(CreateAuthor)).WithSummary("Create an author")
            .WithDescription("Slug from the name when left out.").Accepts<AuthorWrite>("application/json")
            .ProducesProblem(StatusCodes.Status409Conflict);
        authors.MapPut("/{id:long}", UpdateAuthor).WithName(nameof(UpdateAuthor)).WithSummary("Rename an author")
            .WithDescription("Needs the rights on every edition the author has posts in (editor or admin). Needs If-Match.").Accepts<AuthorWrite>("application/json").ProducesWriteProblems();
        authors.MapDelete("/{id:long}", DeleteAuthor).WithName(nameof(DeleteAuthor)).WithSummary("Delete an author")
            .WithDescription("An author with posts needs ?force=true (the posts keep their bylines, without an author) and the rights on every edition the author has posts in. Needs If-Match.")
            .ProducesWriteProblems();
        return admin;
    }

    private const string Columns = "id, slug, name, version";

    public static async Task<Results<Ok<ListEnvelope<AdminAuthor>>, ValidationProblem>> ListAuthorsForEditors(
        [Description("Page number, from 1. Default 1.")] QueryInteger? page,
        [Description("Authors per page, from 1 to the configured maximum. Default 10.")] QueryInteger? perPage,
        HttpContext http, NpgsqlDataSource db, IOptions<CmsOptions> options, CancellationToken ct)
    {
        if (PageRequest.Invalid(page, perPage, options.Value, out var paging) is { } invalid)
        {
            return invalid;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var results = await conn.QueryMultipleAsync(new CommandDefinition($"""
            SELECT count(*) FROM authors;
            SELECT {Columns} FROM authors ORDER BY name COLLATE "und-x-icu", id LIMIT @Limit OFFSET @Offset;
            """, new { Limit = paging.Size, paging.Offset }, cancellationToken: ct));
        var total = await results.ReadSingleAsync<long>();
        return TypedResults.Ok(ListEnvelope.Create((await results.ReadAsync<AdminAuthor>()).ToArray(), paging, total, http.Request));
    }

    public static async Task<Results<Ok<AdminAuthor>, ProblemHttpResult>> GetAuthorForEditors(
        [Description("The author's id.")] long id, HttpContext http, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        if (await GetAsync(conn, null, id, ct) is not { } author)
        {
            return AuthorNotFound(id);
        }

        Versions.Set(http.Response, author.Version);
        return TypedResults.Ok(author);
    }

    public static async Task<Results<Created<AdminAuthor>, ProblemHttpResult, ValidationProblem>> CreateAuthor(
        HttpContext http, NpgsqlDataSource db, CancellationToken ct)
    {
        var key = EditorKey.From(http.User);
        var (write, invalid) = await JsonBody.ReadAsync<AuthorWrite>(http.Request, ct);
        if (invalid is not null)
        {
            return invalid;
        }

        if (Check(write!) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid author");
        }

        if (Refuse(key) is { } refused)
        {
            return refused;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var wanted = SlugOf(write!);
        if (await SlugAllocation.ChooseAsync(conn, tx, SlugTable.Authors, null, null, wanted, write!.Slug is not null, ct) is not { } slug)
        {
            return SlugTaken(wanted);
        }

        var author = await conn.QuerySingleAsync<AdminAuthor>(new CommandDefinition($"""
            INSERT INTO authors (slug, name) VALUES (@Slug, @Name) RETURNING {Columns}
            """, new { Slug = slug, Name = write.Name!.Trim() }, tx, cancellationToken: ct));

        await Audit.RecordAsync(conn, tx, key, "authors.create", $"authors/{author.Id}", http, ct);
        await tx.CommitAsync(ct);
        Versions.Set(http.Response, author.Version);
        return TypedResults.Created($"/v1/admin/authors/{author.Id}", author);
    }

    public static async Task<Results<Ok<AdminAuthor>, ProblemHttpResult, ValidationProblem>> UpdateAuthor(
        [Description("The author's id.")] long id, HttpContext http, NpgsqlDataSource db, CancellationToken ct)
    {
        var key = EditorKey.From(http.User);
        var (write, invalid) = await JsonBody.ReadAsync<AuthorWrite>(http.Request, ct);
        if (invalid is not null)
        {
            return invalid;
        }

        var (opened, problem) = await VersionedChange<AuthorInEditions>.BeginAsync(http.Request, db,
            (conn, tx) => GetWithEditionsAsync(conn, tx, id, ct), author => author.Author.Version, author => RefuseChange(key, author.Editions),
            () => AuthorNotFound(id), $"Author {id}", ct);
        if (opened is null)
        {
            return problem!;
        }

        await using var change = opened;
        var (conn, tx, author) = (change.Connection, change.Transaction, change.Current.Author);

        if (Check(write!) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid author");
        }

        var wanted = write!.Slug is null ? author.Slug : SlugOf(write);
        if (await SlugAllocation.ChooseAsync(conn, tx, SlugTable.Authors, null, id, wanted, chosen: true, ct) is not { } slug)
        {
            return SlugTaken(wanted);
        }

        var updated = await conn.QuerySingleAsync<AdminAuthor>(new CommandDefinition($"""
            UPDATE authors SET slug = @Slug, name = @Name, version = version + 1, updated_at = now() WHERE id = @Id RETURNING {Columns}
            """, new { Id = id, Slug = slug, Name = write.Name!.Trim() }, tx, cancellationToken: ct));
        await Audit.RecordAsync(conn, tx, key, "authors.update", $"authors/{id}", http, ct);
        await change.CommitAsync(ct);
        Versions.Set(http.Response, updated.Version);
        return TypedResults.Ok(updated);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAuthor(
        [Description("The author's id.")] long id,
        [Description("true: delete even though posts name the author (they keep their bylines).")] bool? force,
        HttpContext http, NpgsqlDataSource db, CancellationToken ct)
    {
        var key = EditorKey.From(http.User);
        var (opened, problem) = await VersionedChange<AuthorInEditions>.BeginAsync(http.Request, db,
            (conn, tx) => GetWithEditionsAsync(conn, tx, id, ct), author => author.Author.Version, author => RefuseChange(key, author.Editions),
            () => AuthorNotFound(id), $"Author {id}", ct);
        if (opened is null)
        {
            return problem!;
        }

        await using var change = opened;
        var (conn, tx, author) = (change.Connection, change.Transaction, change.Current.Author);

        var posts = await conn.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM posts WHERE author_id = @Id", new { Id = id }, tx, cancellationToken: ct));
        if (posts > 0 && force is not true)
        {
            return EditorialProblems.Conflict("Author in use", $"{posts} post(s) are by '{author.Slug}'; delete with ?force=true to leave them without an author.");
        }

        await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE posts SET author_id = NULL, version = version + 1, updated_at = now() WHERE author_id = @Id;
            DELETE FROM authors WHERE id = @Id;
            """, new { Id = id }, tx, cancellationToken: ct));
        await Audit.RecordAsync(conn, tx, key, posts > 0 ? "authors.delete-forced" : "authors.delete", $"authors/{id}", http, ct);
        await change.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    private static Task<AdminAuthor?> GetAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, long id, CancellationToken ct, bool forUpdate = false) =>
        conn.QuerySingleOrDefaultAsync<AdminAuthor>(new CommandDefinition(
            $"SELECT {Columns} FROM authors WHERE id = @Id{(forUpdate ? " FOR UPDATE" : "")}", new { Id = id }, tx, cancellationToken: ct));

    private static Dictionary<string, string[]> Check(AuthorWrite write) => NameAndSlug.Errors(write.Name, write.Slug);

    private static string SlugOf(AuthorWrite write) => NameAndSlug.SlugOf(write.Slug, write.Name!);

    private static ProblemHttpResult? Refuse(EditorKey key) =>
        key.Role is Roles.Admin or Roles.Editor ? null : EditorialProblems.Forbidden(key, "create authors", "role editor or admin");

    // An author's name and slug show in every edition the author writes in: changing or deleting them
    // needs the rights on all of those editions.
    private static ProblemHttpResult? RefuseChange(EditorKey key, string[] editions) =>
        key.Role is not (Roles.Admin or Roles.Editor) ? EditorialProblems.Forbidden(key, "rename or delete authors", "role editor or admin")
        : key.FirstForeign(editions) is not null ? EditorialProblems.SharedForbidden(key, "rename or delete this author", editions)
        : null;

    /// <summary>An author locked for a change, with the editions of its posts.</summary>
    private sealed record AuthorInEditions(AdminAuthor Author, string[] Editions);

    private static async Task<AuthorInEditions?> GetWithEditionsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, CancellationToken ct) =>
        await GetAsync(conn, tx, id, ct, forUpdate: true) is { } author
            ? new AuthorInEditions(author, (await conn.QueryAsync<string>(new CommandDefinition(
                // One index probe per edition, however many posts the author has.
                "SELECT e.code FROM editions e WHERE EXISTS (SELECT 1 FROM posts p WHERE p.author_id = @Id AND p.edition = e.code)",
                new { Id = id }, tx, cancellationToken: ct))).ToArray())
            : null;

    private static ProblemHttpResult AuthorNotFound(long id) => EditorialProblems.NotFound("Author not found", $"There is no author with id {id}.");

    private static ProblemHttpResult SlugTaken(string slug) =>
        EditorialProblems.Conflict("Slug taken", $"There is already an author with the slug '{slug}'.");
}
