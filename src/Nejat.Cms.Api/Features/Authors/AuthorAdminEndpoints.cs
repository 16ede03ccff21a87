using System.ComponentModel;
using Mapster;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Features.Editorial;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Authors;

/// <summary>/v1/admin/authors: authors are shared by all editions; editors and admins manage them (<see cref="AuthorEditor"/> writes them).</summary>
internal static class AuthorAdminEndpoints
{
    public static RouteGroupBuilder MapAuthorAdmin(this RouteGroupBuilder admin)
    {
        var authors = admin.MapGroup("/authors").WithTags("Admin: authors").ProducesProblem(StatusCodes.Status403Forbidden);
        authors.MapGet("/", ListAuthorsForEditors).WithName(nameof(ListAuthorsForEditors)).WithSummary("List authors")
            .WithDescription("Every author, paged, each with the version to send in If-Match.");
        authors.MapGet("/{id:long}", GetAuthorForEditors).WithName(nameof(GetAuthorForEditors)).WithSummary("Get an author")
            .WithDescription("With its version, also sent as the ETag, for If-Match.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        authors.MapPost("/", CreateAuthor).WithName(nameof(CreateAuthor)).WithSummary("Create an author")
            .WithDescription("Slug from the name when left out.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        authors.MapPut("/{id:long}", UpdateAuthor).WithName(nameof(UpdateAuthor)).WithSummary("Rename an author")
            .WithDescription("Needs the rights on every edition the author has posts in (editor or admin). Needs If-Match.").ProducesWriteProblems();
        authors.MapDelete("/{id:long}", DeleteAuthor).WithName(nameof(DeleteAuthor)).WithSummary("Delete an author")
            .WithDescription("An author with posts needs ?force=true (the posts keep their bylines, without an author) and the rights on every edition the author has posts in. Needs If-Match.")
            .ProducesWriteProblems();
        return admin;
    }

    public static Task<Results<Ok<ListEnvelope<AdminAuthor>>, ValidationProblem>> ListAuthorsForEditors(
        [AsParameters] PageQuery paging, NpgsqlDataSource db, IOptions<CmsOptions> options, HttpRequest request, CancellationToken ct) =>
        ListEnvelope.AnswerAsync<AdminAuthorRow, AdminAuthor>(db, AuthorQueries.ListForEditors, null, paging, options.Value, request, ct);

    public static async Task<Results<Ok<AdminAuthor>, ProblemHttpResult>> GetAuthorForEditors(
        [Description("The author's id.")] long id, NpgsqlDataSource db, HttpResponse response, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        if (await AuthorQueries.GetAsync(conn, null, id, ct) is not { } author)
        {
            return EditorialProblems.AuthorNotFound(id);
        }

        Versions.Set(response, author.Version);
        return TypedResults.Ok(author.Adapt<AdminAuthor>(Mappings.Config));
    }

    public static Task<Results<Created<AdminAuthor>, ProblemHttpResult, ValidationProblem>> CreateAuthor(
        Body<AuthorWrite> body, AuthorEditor authors, CancellationToken ct) => authors.CreateAsync(body.Value, ct);

    public static Task<Results<Ok<AdminAuthor>, ProblemHttpResult, ValidationProblem>> UpdateAuthor(
        [Description("The author's id.")] long id, Body<AuthorWrite> body, AuthorEditor authors, CancellationToken ct) => authors.RenameAsync(id, body.Value, ct);

    public static Task<Results<NoContent, ProblemHttpResult>> DeleteAuthor(
        [Description("The author's id.")] long id,
        [Description("true: delete even though posts name the author (they keep their bylines).")] bool? force,
        AuthorEditor authors, CancellationToken ct) => authors.DeleteAsync(id, force is true, ct);
}
