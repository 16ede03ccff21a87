using System.ComponentModel;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Hosting;
using Nejat.Cms.Api.Text;
using Npgsql;

namespace Nejat.Cms.Api.Features.Tags;

/// <summary>
/// A tag of one edition; postCount counts its published posts only. Language (the edition's locale)
/// and direction (ltr or rtl) are for the lang and dir attributes of its name.
/// </summary>
public sealed record Tag(string Edition, string Slug, string Name, int PostCount, string Language, string Direction);

internal static class TagEndpoints
{
    public static RouteGroupBuilder MapTags(this RouteGroupBuilder v1)
    {
        var tags = v1.MapGroup("/{edition}/tags").WithTags("Tags");

        tags.MapGet("/", ListTags)
            .WithName(nameof(ListTags))
            .WithSummary("List an edition's tags")
            .WithDescription("Alphabetical by name, paged, each with the number of its published posts.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        tags.MapGet("/{slug}", GetTag)
            .WithName(nameof(GetTag))
            .WithSummary("Get one tag")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return v1;
    }

    // Three statements, one round trip: the edition's existence, the total, the page.
    internal const string ListSql = """
        SELECT EXISTS (SELECT 1 FROM editions WHERE code = @Edition);
        SELECT count(*) FROM tags WHERE edition = @Edition;
        SELECT t.edition, t.slug, t.name, t.post_count, e.locale AS language, e.direction
        FROM tags t
        JOIN editions e ON e.code = t.edition
        WHERE t.edition = @Edition
        ORDER BY t.name COLLATE "und-x-icu", t.id
        LIMIT @Limit OFFSET @Offset;
        """;

    internal const string BySlugSql = """
        SELECT EXISTS (SELECT 1 FROM editions WHERE code = @Edition);
        SELECT t.edition, t.slug, t.name, t.post_count, e.locale AS language, e.direction
        FROM tags t JOIN editions e ON e.code = t.edition
        WHERE t.edition = @Edition AND t.slug = @Slug;
        """;

    public static async Task<Results<Ok<ListEnvelope<Tag>>, ProblemHttpResult, ValidationProblem>> ListTags(
        [Description("Edition code, e.g. `fa`.")] string edition,
        [Description("Page number, from 1. Default 1.")] QueryInteger? page,
        [Description("Tags per page, from 1 to the configured maximum (100 unless Cms__MaxPageSize says otherwise). Default 10.")] QueryInteger? perPage,
        HttpRequest request,
        NpgsqlDataSource db,
        IOptions<CmsOptions> options,
        CancellationToken ct)
    {
        if (PageRequest.Invalid(page, perPage, options.Value, out var paging) is { } invalid)
        {
            return invalid;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var results = await conn.QueryMultipleAsync(new CommandDefinition(
            ListSql, new { Edition = edition, Limit = paging.Size, paging.Offset }, cancellationToken: ct));
        if (!await results.ReadSingleAsync<bool>())
        {
            return Problems.EditionNotFound(edition);
        }

        var total = await results.ReadSingleAsync<long>();
        var items = (await results.ReadAsync<Tag>()).ToArray();
        request.HttpContext.AddSurrogateKeys(items.Select(t => $"tag:{edition}/{PublicCaching.KeyPart(t.Slug)}"));
        return TypedResults.Ok(ListEnvelope.Create(items, paging, total, request));
    }

    public static async Task<Results<Ok<Tag>, ProblemHttpResult>> GetTag(
        [Description("Edition code, e.g. `fa`.")] string edition,
        [Description("The tag's slug in that edition.")] string slug,
        NpgsqlDataSource db,
        CancellationToken ct)
    {
        slug = Slug.Canonical(slug);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var results = await conn.QueryMultipleAsync(new CommandDefinition(
            BySlugSql, new { Edition = edition, Slug = slug }, cancellationToken: ct));
        if (!await results.ReadSingleAsync<bool>())
        {
            return Problems.EditionNotFound(edition);
        }

        var tag = await results.ReadSingleOrDefaultAsync<Tag>();
        return tag is null ? Problems.TagNotFound(edition, slug) : TypedResults.Ok(tag);
    }
}
