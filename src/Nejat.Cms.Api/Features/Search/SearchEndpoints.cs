using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Nejat.Cms.Api.Features.Posts;
using Nejat.Cms.Api.Hosting;

namespace Nejat.Cms.Api.Features.Search;

internal static class SearchEndpoints
{
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
                the newest. Totals are exact up to 1,000 matches; beyond that, page.totalItems and page.totalPages
                are null, totalMoreThan says how many were counted (1,000, or the end of a page further on) and
                links.next is set. Each result has a snippet with the matches in <mark>. When nothing matches,
                didYouMean offers, for each word that matches nothing, the closest word as written in the
                edition's published posts and pages (titles, excerpts and bodies) or tag names.
                """)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithResponseExample(PostExamples.SearchPage);

        search.MapGet("/suggest", Suggest)
            .WithName(nameof(Suggest))
            .WithSummary("Titles completing what the reader is typing")
            .WithDescription("Published posts and pages whose title has words starting with every word typed (normalised as search is), newest first. Fewer than two letters give no suggestions.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return v1;
    }

    public static async Task<Results<Ok<SearchPage>, ValidationProblem>> SearchEdition(
        [Description("Edition code, e.g. `fa`.")] string edition, [AsParameters] SearchQuery query, SiteSearch search, HttpRequest request, CancellationToken ct) =>
        query.Invalid(search.Options, out var q, out var paging) is { } invalid ? invalid : TypedResults.Ok(await search.SearchAsync(edition, q, paging, request, ct));

    public static async Task<Results<Ok<SuggestionList>, ValidationProblem>> Suggest(
        [Description("Edition code, e.g. `fa`.")] string edition,
        [Description("What the reader has typed so far, up to 200 characters.")][Required] string? q,
        [Description("How many titles, from 1 to 20. Default 8.")][Range(1, SiteSearch.MaxSuggestions)][DefaultValue(SiteSearch.DefaultSuggestions)] QueryInteger? limit,
        SiteSearch search, CancellationToken ct)
    {
        var errors = SiteSearch.QueryErrors(q, "q");
        var count = QueryInteger.Bounded(limit, "limit", SiteSearch.MaxSuggestions, SiteSearch.DefaultSuggestions, errors);
        return Problems.InvalidQuery(errors) is { } invalid ? invalid : TypedResults.Ok(await search.SuggestAsync(edition, q!.Trim(), count, ct));
    }
}
