using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Nejat.Cms.Api.Features.Posts;
using Nejat.Cms.Api.Hosting;

namespace Nejat.Cms.Api.Features.Search;

/// <summary>A published post or page that matched, as a list shows it, with where it matched.</summary>
public sealed record SearchResult : PostSummary
{
    /// <summary>post or page.</summary>
    [JsonPropertyOrder(1)]
    [AllowedValues("post", "page")]
    public required string Kind { get; init; }

    /// <summary>About 30 words of the excerpt and body around the first match, HTML-escaped, matches in &lt;mark&gt;.</summary>
    [JsonPropertyOrder(2)]
    public required string Snippet { get; init; }
}

/// <summary>
/// A search page. Totals are exact up to 1,000 matches; beyond that page.totalItems and page.totalPages are
/// null and totalMoreThan says how many were counted ("more than 1,000"). didYouMean is set when nothing
/// matched and a close spelling would.
/// </summary>
public sealed record SearchPage(IReadOnlyList<SearchResult> Items, PageInfo Page, PageLinks Links, long? TotalMoreThan, DidYouMean? DidYouMean);

/// <summary>The query with its unknown words replaced by the closest words of the edition's published text and tag names.</summary>
public sealed record DidYouMean(string Query, string Href);

/// <summary>A title that completes what the reader is typing.</summary>
public sealed record Suggestion([property: AllowedValues("post", "page")] string Kind, string Slug, string Title);

public sealed record SuggestionList(IReadOnlyList<Suggestion> Items);

/// <summary>A row of <see cref="SearchQueries.Page"/>.</summary>
internal sealed record SearchRow : PostSummaryRow
{
    public string Kind { get; init; } = "";
    public string SearchConfig { get; init; } = "";
    public string[] QueryLexemes { get; init; } = [];

    /// <summary>The post row's version (xmin, the transaction that wrote it): <see cref="SearchTexts"/> keeps texts by it.</summary>
    public uint RowVersion { get; init; }

    /// <summary>When the database server started: row versions are unique within one server's life.</summary>
    public DateTime ServerStartedAt { get; init; }
}

/// <summary>A row of <see cref="SearchQueries.Texts"/>.</summary>
internal sealed record SearchTextRow
{
    public long Id { get; init; }
    public uint RowVersion { get; init; }
    public DateTime ServerStartedAt { get; init; }
    public string Excerpt { get; init; } = "";
    public string BodyHtml { get; init; } = "";
}

/// <summary>A row of <see cref="SearchQueries.Corrections"/>.</summary>
internal sealed record CorrectionRow
{
    public string Word { get; init; } = "";
    public string? Correction { get; init; }
}
