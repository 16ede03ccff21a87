using Dapper;
using Mapster;
using Microsoft.AspNetCore.Http.HttpResults;
using Nejat.Cms.Api.Features.Editorial;
using Nejat.Cms.Api.Hosting;

namespace Nejat.Cms.Api.Features.Posts;

/// <summary>What editors read: posts of every status, within the editions their key may touch.</summary>
internal sealed partial class PostEditor
{
    public async Task<Results<Ok<ListEnvelope<AdminPostSummary>>, ProblemHttpResult, ValidationProblem>> ListAsync(AdminPostListRequest list, CancellationToken ct)
    {
        if (list.Edition is { } edition && !key.MayTouch(edition))
        {
            return EditorialProblems.EditionForbidden(key, edition);
        }

        if (list.Edition is not null && versions.Of(list.Edition) is null)
        {
            return Problems.EditionNotFound(list.Edition);
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var filter = await conn.QuerySingleAsync<PostFilterRow>(new CommandDefinition(
            PostQueries.ResolveFilter, new { Edition = list.Edition ?? "", list.Tag, list.Author }, cancellationToken: ct));
        if (list.Tag is not null && filter.TagId is null)
        {
            return Problems.TagNotFound(list.Edition!, list.Tag);
        }

        if (list.Author is not null && filter.AuthorId is null)
        {
            return Problems.AuthorNotFound(list.Author);
        }

        var page = await ListEnvelope.ReadAsync<AdminPostSummaryRow>(conn, PostAdminQueries.ListSql, new
        {
            Editions = list.Edition is { } only ? [only] : key.Editions ?? versions.Editions,
            Kind = kind.Name,
            list.Status,
            filter.AuthorId,
            filter.TagId,
            list.Text,
            list.TranslationKey,
        }, list.Paging, http.Request, ct);
        return TypedResults.Ok(new ListEnvelope<AdminPostSummary>(page.Items.Select(row => row.Adapt<AdminPostSummary>(Mappings.Config)).ToArray(), page.Page, page.Links));
    }

    public async Task<Results<Ok<AdminPost>, ProblemHttpResult>> GetAsync(long id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var (post, problem) = await ReadableAsync(conn, id, ct);
        if (problem is not null)
        {
            return problem;
        }

        Versions.Set(http.Response, post!.Version);
        return TypedResults.Ok(post.Adapt<AdminPost>(Mappings.Config));
    }
}
