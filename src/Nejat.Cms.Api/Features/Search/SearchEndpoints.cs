using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Dapper;
using Mapster;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Features.Editions;
using Nejat.Cms.Api.Features.Media;
using Nejat.Cms.Api.Features.Posts;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Search;

internal static class SearchEndpoints
{
    /// <summary>The longest query accepted, in characters.</summary>
    public const int MaxQueryLength = 200;

    private const int SnippetWords = 30;
    private const int DefaultSuggestions = 8;
    private const int MaxSuggestions = 20;

    private static readonly TypeAdapterConfig Mapping = CreateMapping();

    public static RouteGroupBuilder MapSearch(this RouteGroupBuilder v1)
    {
        var search = v1.MapGroup("/{edition}/search").WithTags("Search");

        search.MapGet("/", SearchEdition)
            .WithName(nameof(SearchEdition))
            .WithSummary("Search the edition's published posts and pages")
            .WithDescription("""
                Full-text search in the edition's language: English stems (refugee finds refugees), Arabic uses
                PostgreSQL's Arabic stemmer; Arabic and Persian letter variants, diacritics, tatweel, ZWNJ (and a
                Persian suffix written apart), and Persian, Arabic-Indic and Latin digits all match each other;
                Latin accents are ignored (shqiperi finds Shqipëri). Several words must all match; "quoted words"
                match as a phrase; or and -word work as on web search engines. Title matches come first, then
                the newest. Each result has a snippet with the matches in <mark>. When nothing matches,
                didYouMean offers, for each word that matches nothing, the closest word as written in the
                edition's published posts and pages (titles, excerpts and bodies) or tag names.
                """)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        search.MapGet("/suggest", Suggest)
            .WithName(nameof(Suggest))
            .WithSummary("Titles completing what the reader is typing")
            .WithDescription("Published posts and pages whose title has words starting with every word typed (normalised as search is), newest first. Fewer than two letters give no suggestions.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return v1;
    }

    public static async Task<Results<Ok<SearchPage>, ProblemHttpResult, ValidationProblem>> SearchEdition(
        [Description("Edition code, e.g. `fa`.")] string edition,
        [Description("What to look for, up to 200 characters: words (all must match), \"a phrase\", or, -excluded.")] string? q,
        [Description("Page number, from 1. Default 1.")] QueryInteger? page,
        [Description("Results per page, from 1 to the configured maximum. Default 10.")] QueryInteger? perPage,
        HttpRequest request,
        NpgsqlDataSource db,
        IOptions<CmsOptions> options,
        CancellationToken ct)
    {
        var errors = QueryErrors(q, "q");
        var paging = PageRequest.Read(page, perPage, options.Value, errors);
        if (Problems.InvalidQuery(errors) is { } invalid)
        {
            return invalid;
        }

        var query = q!.Trim();
        await using var conn = await db.OpenConnectionAsync(ct);
        if (await FindAsync(conn, edition, query, SearchFilter.Everything, paging, ct) is not var (rows, total))
        {
            return Problems.EditionNotFound(edition);
        }

        var media = await MediaQueries.ByIdsAsync(conn, rows.Select(r => r.FeaturedMediaId).OfType<long>(), edition, ct);
        var items = rows.Select(row => row.Adapt<SearchResult>(Mapping) with { FeaturedMedia = PostMapping.FeaturedIn(row, media) }).ToArray();
        var didYouMean = total == 0 && paging.Number == 1 ? await DidYouMeanAsync(conn, edition, query, ct) : null;
        var list = ListEnvelope.Create(items, paging, total, request);
        request.HttpContext.AddSurrogateKeys(items.SelectMany(PostEndpoints.SurrogateKeys));
        return TypedResults.Ok(new SearchPage(list.Items, list.Page, list.Links, didYouMean));
    }

    public static async Task<Results<Ok<SuggestionList>, ProblemHttpResult, ValidationProblem>> Suggest(
        [Description("Edition code, e.g. `fa`.")] string edition,
        [Description("What the reader has typed so far, up to 200 characters.")] string? q,
        [Description("How many titles, from 1 to 20. Default 8.")][Range(1, MaxSuggestions)][DefaultValue(DefaultSuggestions)] QueryInteger? limit,
        NpgsqlDataSource db,
        CancellationToken ct)
    {
        var errors = QueryErrors(q, "q");
        var count = QueryInteger.Bounded(limit, "limit", MaxSuggestions, DefaultSuggestions, errors);

        if (Problems.InvalidQuery(errors) is { } invalid)
        {
            return invalid;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        if (!await conn.ExecuteScalarAsync<bool>(new CommandDefinition(EditionEndpoints.ExistsSql, new { Edition = edition }, cancellationToken: ct)))
        {
            return Problems.EditionNotFound(edition);
        }

        // One letter matches too many words to be worth a query on every keystroke.
        var typed = q!.Trim();
        var suggestions = typed.Count(char.IsLetterOrDigit) < 2
            ? []
            : (await conn.QueryAsync<Suggestion>(new CommandDefinition(
                SearchQueries.Suggest, new { Edition = edition, Q = typed, Limit = count }, cancellationToken: ct))).ToArray();
        return TypedResults.Ok(new SuggestionList(suggestions));
    }

    /// <summary>q's errors: missing, blank or too long. Keyed by the parameter's name.</summary>
    public static Dictionary<string, string[]> QueryErrors(string? q, string name)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(q))
        {
            errors[name] = [$"{name} is required: the words to look for."];
        }
        else if (q.Length > MaxQueryLength)
        {
            errors[name] = [$"{name} may have at most {MaxQueryLength} characters; got {q.Length}."];
        }

        return errors;
    }

    /// <summary>
    /// One page of matches, title matches first, then newest; null when the edition does not exist.
    /// Also serves q on the posts list (posts only, optionally of a tag, an author, a date range).
    /// </summary>
    public static async Task<(SearchRow[] Rows, long Total)?> FindAsync(
        NpgsqlConnection conn, string edition, string q, SearchFilter filter, PageRequest paging, CancellationToken ct)
    {
        var parameters = new
        {
            Edition = edition, Q = q, filter.PostsOnly, filter.TagId, filter.AuthorId, filter.From, filter.To,
            Limit = paging.Size, paging.Offset, SnippetWords,
        };
        var rows = (await conn.QueryAsync<SearchRow>(new CommandDefinition(SearchQueries.Page, parameters, cancellationToken: ct))).ToArray();
        if (rows.Length > 0)
        {
            return (rows, rows[0].Total);
        }

        if (!await conn.ExecuteScalarAsync<bool>(new CommandDefinition(EditionEndpoints.ExistsSql, new { Edition = edition }, cancellationToken: ct)))
        {
            return null;
        }

        // No row to carry the total: either nothing matched, or the page is past the last one.
        var total = paging.Offset == 0 ? 0 : await conn.ExecuteScalarAsync<long>(new CommandDefinition(SearchQueries.Total, parameters, cancellationToken: ct));
        return (rows, total);
    }

    private static async Task<DidYouMean?> DidYouMeanAsync(NpgsqlConnection conn, string edition, string q, CancellationToken ct)
    {
        var words = (await conn.QueryAsync<CorrectionRow>(new CommandDefinition(
            SearchQueries.Corrections, new { Edition = edition, Q = q }, cancellationToken: ct))).ToArray();
        if (!words.Any(w => w.Correction is not null))
        {
            return null;
        }

        var corrected = string.Join(' ', words.Select(w => w.Correction ?? w.Word));
        return new DidYouMean(corrected, $"/v1/{Uri.EscapeDataString(edition)}/search?q={Uri.EscapeDataString(corrected)}");
    }

    private static TypeAdapterConfig CreateMapping()
    {
        var config = Mappings.Config.Clone();
        config.NewConfig<SearchRow, SearchResult>()
            .Inherits<PostSummaryRow, PostSummary>()
            .Map(d => d.Snippet, s => SearchSnippet.Html(s.SnippetWords, s.SnippetHits, s.SnippetCutBefore, s.SnippetCutAfter));
        return config;
    }
}

/// <summary>What a search is limited to besides the edition: null means any.</summary>
internal sealed record SearchFilter(bool PostsOnly, long? TagId, long? AuthorId, DateTime? From, DateTime? To)
{
    public static readonly SearchFilter Everything = new(PostsOnly: false, null, null, null, null);
}
