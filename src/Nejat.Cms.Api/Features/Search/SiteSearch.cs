using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Dapper;
using Mapster;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Features.Media;
using Nejat.Cms.Api.Features.Posts;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Search;

/// <summary>The query parameters of a search, bound with [AsParameters].</summary>
public sealed record SearchQuery(
    [property: FromQuery(Name = "q"), Required, Description("What to look for, up to 200 characters: words (all must match), \"a phrase\", or, -excluded.")] string? Q,
    [property: FromQuery(Name = "page"), Description("Page number, from 1. Default 1.")] QueryInteger? Page,
    [property: FromQuery(Name = "perPage"), Description("Results per page, from 1 to the configured maximum. Default 10.")] QueryInteger? PerPage)
{
    /// <summary>The words and the page asked for, or the 400 naming each bad parameter.</summary>
    internal ValidationProblem? Invalid(CmsOptions options, out string q, out PageRequest paging)
    {
        var errors = SiteSearch.QueryErrors(Q, "q");
        paging = PageRequest.Read(Page, PerPage, options, errors);
        q = Q?.Trim() ?? "";
        return Problems.InvalidQuery(errors);
    }
}

/// <summary>What a search is limited to besides the edition: null means any.</summary>
internal sealed record SearchFilter(bool PostsOnly, long? TagId, long? AuthorId, DateTime? From, DateTime? To)
{
    public static readonly SearchFilter Everything = new(PostsOnly: false, null, null, null, null);

    public SearchFilterShape Shape => new(PostsOnly, TagId is not null, AuthorId is not null, From is not null, To is not null);
}

/// <summary>
/// Search of an edition's published posts and pages (Database/Migrations/0010_search.sql and 0012 have
/// the normaliser, the stored vectors and the vocabulary): result pages with snippets and didYouMean,
/// type-ahead suggestions, and the matches the posts list uses for q.
/// </summary>
internal sealed class SiteSearch(NpgsqlDataSource db, IOptions<CmsOptions> options, SearchTexts texts, SearchSnippets snippets)
{
    /// <summary>The longest query accepted, in characters.</summary>
    public const int MaxQueryLength = 200;
    public const int DefaultSuggestions = 8;
    public const int MaxSuggestions = 20;

    public CmsOptions Options => options.Value;

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

    public async Task<SearchPage> SearchAsync(string edition, string q, PageRequest paging, HttpRequest request, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var (rows, total) = await FindAsync(conn, edition, q, SearchFilter.Everything, paging, ct);
        var media = await MediaQueries.ByIdsAsync(conn, rows.Select(r => r.FeaturedMediaId).OfType<long>(), edition, ct);
        var html = rows.Length == 0 ? []
            : await snippets.HtmlAsync(conn, rows[0].SearchConfig, rows[0].QueryLexemes, await texts.OfAsync(conn, rows, ct), ct);
        var items = rows.Select((row, i) => row.Adapt<SearchResult>(Mappings.Config) with
        {
            Snippet = html[i],
            FeaturedMedia = PostMapping.FeaturedIn(row, media),
        }).ToArray();
        var didYouMean = total.Counted == 0 && paging.Number == 1 ? await DidYouMeanAsync(conn, edition, q, ct) : null;
        var list = total.Envelope(items, paging, request);
        request.HttpContext.AddSurrogateKeys(items.SelectMany(PostMapping.SurrogateKeys));
        return new SearchPage(list.Items, list.Page, list.Links, total.MoreThan, didYouMean);
    }

    public async Task<SuggestionList> SuggestAsync(string edition, string typed, int count, CancellationToken ct)
    {
        // One letter matches too many words to be worth a query on every keystroke.
        if (typed.Count(char.IsLetterOrDigit) < 2)
        {
            return new SuggestionList([]);
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        return new SuggestionList((await conn.QueryAsync<Suggestion>(new CommandDefinition(
            SearchQueries.Suggest(count), new { Edition = edition, Q = typed }, cancellationToken: ct))).ToArray());
    }

    /// <summary>
    /// One page of matches, title matches first, then newest, and their total (exact up to
    /// <see cref="SearchQueries.ExactTotalBound"/> or the page's end). Also serves q on the posts list
    /// (posts only, optionally of a tag, an author, a date range).
    /// </summary>
    public static async Task<(SearchRow[] Rows, SearchTotal Total)> FindAsync(
        NpgsqlConnection conn, string edition, string q, SearchFilter filter, PageRequest paging, CancellationToken ct)
    {
        // One match beyond the bound (or the page's end, for a page further on) says there are more.
        var countLimit = Math.Max(SearchQueries.ExactTotalBound, (long)paging.Offset + paging.Size) + 1;
        var pageEnd = (long)paging.Offset + paging.Size;
        var parameters = new SearchParameters(edition, q, filter.TagId, filter.AuthorId, filter.From, filter.To)
        {
            CountLimit = countLimit,
            PageEnd = pageEnd,
            RecentTitleRows = SearchQueries.RecentTitleRows(pageEnd),
            Offset = paging.Offset,
        };
        var counted = await conn.QuerySingleAsync<SearchCount>(new CommandDefinition(SearchQueries.Total(filter, countLimit), parameters, cancellationToken: ct));
        var total = new SearchTotal(counted.Count, countLimit);
        // The count is the estimate the planner lacks: the query is only known when the statement runs.
        var rows = total.Counted <= paging.Offset ? []
            : (await conn.QueryAsync<SearchRow>(new CommandDefinition(
                SearchQueries.Page(filter, paging, total.MoreThan is not null ? SearchMatches.Many : counted.Ids is null ? SearchMatches.Few : SearchMatches.FewWithIds),
                parameters with { Ids = counted.Ids },
                cancellationToken: ct))).ToArray();
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
}

/// <summary>A search's bounded count, with the ids of the matches when they are fewer than its limit and the query has a phrase.</summary>
/// <remarks>Properties, not a positional record: Dapper matches a constructor by its columns' types, and an array column's is System.Array.</remarks>
internal sealed record SearchCount
{
    public long Count { get; init; }

    public long[]? Ids { get; init; }
}

/// <summary>
/// The parameters of a search's statements; Ids (the few matches' ids) are the page's only. The page's
/// numbers and the count's bound are used only where the statement does not have them written in
/// (SearchQueries.Total and Page).
/// </summary>
internal sealed record SearchParameters(string Edition, string Q, long? TagId, long? AuthorId, DateTime? From, DateTime? To, long[]? Ids = null)
{
    public long CountLimit { get; init; }

    public long PageEnd { get; init; }

    public long RecentTitleRows { get; init; }

    public int Offset { get; init; }
}

/// <summary>How many matched: exact when fewer than the count's limit, else more than the limit less one.</summary>
internal readonly record struct SearchTotal(long Counted, long CountLimit)
{
    public long? MoreThan => Counted < CountLimit ? null : CountLimit - 1;

    /// <summary>The list envelope: exact totals, or none (and a next page) when there are more than counted.</summary>
    public ListEnvelope<T> Envelope<T>(IReadOnlyList<T> items, PageRequest paging, HttpRequest request) =>
        MoreThan is null
            ? ListEnvelope.Create(items, paging, Counted, request)
            : new ListEnvelope<T>(
                items,
                new PageInfo(paging.Number, paging.Size, TotalItems: null, TotalPages: null),
                new PageLinks(
                    Next: ListEnvelope.PageLink(request, paging.Number + 1, paging.Size),
                    Prev: paging.Number > 1 ? ListEnvelope.PageLink(request, paging.Number - 1, paging.Size) : null));
}

/// <summary>Search rows to results: a post summary with its kind; the snippet is made apart (SearchSnippets).</summary>
internal sealed class SearchMappings : IRegister
{
    public void Register(TypeAdapterConfig config) =>
        config.NewConfig<SearchRow, SearchResult>().MapSummary().Ignore(d => d.Snippet);
}
